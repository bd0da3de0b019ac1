import Claims
import Formats

/// Generates realistic, balanced 835s of any size for benchmarks and tests, streamed in chunks.
///
/// The mix: claims paid at the contracted rate (CO-45), partly paid with deductible and coinsurance (PR-1, PR-2),
/// denied (CLP02 `4`, CO-50, CO-197, CO-96…), one reversal (CLP02 `22`, amounts negated) followed by its correction,
/// and a PLB with an interest payment and a recovery. Every balancing rule holds. The same seed gives the same bytes.
public enum RemittanceSample {
    /// The payee NPI written in N1*PE and PLB01.
    public static let payeeNPI = "1234567893"

    /// Writes an 835 interchange of `claims` CLP segments, handing `sink` chunks of about `chunkSize` bytes.
    ///
    /// Memory holds one chunk; the amounts are generated twice from the seed (BPR02 comes before the claims).
    /// `patientControlNumber` gives CLP01 of claim `index` (claim 2 is reversed and corrected).
    public static func write835(
        claims: Int, seed: UInt64 = 835, chunkSize: Int = 1 << 16,
        patientControlNumber: (Int) -> String = { "PCN\(100_000 + $0)" }, _ sink: ([UInt8]) throws -> Void
    ) rethrows {
        var total = Money.zero
        var random = SplitMix64(seed: seed)
        for index in 0..<claims { total += SampleClaim.make(index, &random, number: patientControlNumber).paid }
        let adjustments = providerAdjustments(claims: claims)
        for (_, amount) in adjustments { total -= amount }

        var writer = X12Writer(newlines: false, capacity: chunkSize + 4096)
        writer.raw(isa)
        writer.segment("GS", "HP", "PAYERSID", "DROPGATE", "20251201", "0930", "1", "X", "005010X221A1")
        writer.startCounting()
        writer.segment("ST", "835", "0001")
        writer.segment(
            "BPR", "I", total.x12, "C", "ACH", "CCP", "01", "011000015", "DA", "123456789", "1512345678", "",
            "01", "021000021", "DA", "987654321", "20251201")
        writer.segment("TRN", "1", "EFT\(seed)", "1512345678")
        writer.segment("DTM", "405", "20251130")
        writer.segment("N1", "PR", "SAMPLE HEALTH PLAN", "XV", "PAYER01")
        writer.segment("N3", "100 MAIN ST")
        writer.segment("N4", "SPRINGFIELD", "IL", "627010001")
        writer.segment("PER", "BL", "EDI SUPPORT", "TE", "8005551212")
        writer.segment("N1", "PE", "SAMPLE CLINIC", "XX", payeeNPI)
        writer.segment("LX", "1")
        random = SplitMix64(seed: seed)
        for index in 0..<claims {
            SampleClaim.make(index, &random, number: patientControlNumber).write(to: &writer)
            if writer.bytes.count >= chunkSize { try sink(writer.drain()) }
        }
        for (reference, amount) in adjustments {
            writer.segment("PLB", payeeNPI, "20251231", reference, amount.x12)
        }
        writer.segment("SE", String(writer.counted + 1), "0001")
        writer.segment("GE", "1", "1")
        writer.segment("IEA", "1", "000000001")
        try sink(writer.drain())
    }

    /// PLB pairs as composite text and amount: interest paid (negative, added) and a recovery (positive, taken).
    private static func providerAdjustments(claims: Int) -> [(String, Money)] {
        let interest = Money(cents: -Int64(claims % 5000) - 125)
        return [("L6:INTEREST", interest), ("WO:RECOVERY\(claims)", Money(cents: 5000))]
    }

    private static let isa =
        "ISA*00*          *00*          *ZZ*PAYERSID       *ZZ*DROPGATE       *251201*0930*^*00501*000000001*0*P*:~"
}

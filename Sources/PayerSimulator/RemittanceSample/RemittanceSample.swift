import Claims
import Formats

/// Generates realistic, balanced 835s of any size for benchmarks and tests, streamed in chunks.
///
/// The mix: claims paid at the contracted rate (CO-45), partly paid with deductible and coinsurance (PR-1, PR-2),
/// denied (CLP02 `4`, CO-50, CO-197, CO-96…), one reversal (CLP02 `22`, amounts negated) followed by its correction,
/// and a PLB with an interest payment and a recovery. Every balancing rule holds. The same seed gives the same bytes.
public enum RemittanceSample {
    /// The payee NPI written in N1*PE and PLB01 by default.
    public static let payeeNPI = "1234567893"

    /// What a claim billed, for an 835 that pays claims really sent: one line of this procedure and charge.
    public struct BilledLine: Sendable {
        /// Procedure code (SVC01-2).
        public var code: String
        /// Its modifiers (SVC01-3…).
        public var modifiers: [String]
        /// The charge billed (CLP03 and SVC02).
        public var charge: Money

        /// Creates a billed line.
        public init(code: String, modifiers: [String], charge: Money) {
            self.code = code
            self.modifiers = modifiers
            self.charge = charge
        }
    }

    /// Writes an 835 interchange of `claims` CLP segments, handing `sink` chunks of about `chunkSize` bytes.
    ///
    /// Memory holds one chunk; the amounts are generated twice from the seed (BPR02 comes before the claims).
    /// `payee` is the NPI in N1*PE and PLB01. `patientControlNumber` gives CLP01 of claim `index`. Without `billed`, claims have random lines and claim 2
    /// is reversed and corrected; with it, claim `index` pays (or denies) the one line `billed(index)` says was
    /// billed, with no line date, as a payer answering claims really sent does.
    public static func write835(
        claims: Int, seed: UInt64 = 835, chunkSize: Int = 1 << 16, payee: String = payeeNPI,
        patientControlNumber: (Int) -> String = { "PCN\(100_000 + $0)" }, billed: ((Int) -> BilledLine)? = nil,
        _ sink: ([UInt8]) throws -> Void
    ) rethrows {
        var total = Money.zero
        var random = SplitMix64(seed: seed)
        func make(_ index: Int, _ random: inout SplitMix64) -> SampleClaim {
            SampleClaim.make(index, &random, number: patientControlNumber, billed: billed)
        }
        for index in 0..<claims { total += make(index, &random).paid }
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
        writer.segment("N1", "PE", "SAMPLE CLINIC", "XX", payee)
        writer.segment("LX", "1")
        random = SplitMix64(seed: seed)
        for index in 0..<claims {
            make(index, &random).write(to: &writer, lineDates: billed == nil)
            if writer.bytes.count >= chunkSize { try sink(writer.drain()) }
        }
        for (reference, amount) in adjustments {
            writer.segment("PLB", payee, "20251231", reference, amount.x12)
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

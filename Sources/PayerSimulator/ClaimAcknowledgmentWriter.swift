import Claims
import Formats
import Values

/// Writes the simulator's 277CA (005010X214) interchange: one transaction set per 837 set the 999 accepted.
///
/// Each set: the payer (2000A, with the receipt and process dates), the submitter (2000B, TRN02 the 837's BHT03,
/// the accepted and rejected counts and amounts), each billing provider (2000C) and under it one patient level
/// (2000D) per claim with `TRN*2*<CLM01>`, its STC, `REF*1K` when accepted and `DTP*472` with the service dates.
enum ClaimAcknowledgmentWriter {
    /// The interchange: ISA, GS `HN`, a set per acknowledged 837 set, GE, IEA.
    static func write(
        _ sets: [SubmittedTransactionSet], outcomes: [ClaimAcknowledgmentOutcome], envelope: X12Envelope,
        received: Day
    ) -> [UInt8] {
        var writer = X12Writer()
        writer.raw(envelope.isa)
        let group = String(envelope.controlNumber)
        writer.segment(
            "GS", "HN", envelope.groupSender, envelope.groupReceiver, envelope.date.ccyymmdd, envelope.time, group, "X",
            "005010X214")
        let byClaim = Dictionary(outcomes.map { ($0.claim.patientControlNumber, $0) }, uniquingKeysWith: { a, _ in a })
        var written = 0
        for set in sets {
            let answers = set.claims.compactMap { byClaim[$0.patientControlNumber] }
            guard !answers.isEmpty else { continue }
            written += 1
            write(
                answers, of: set, control: X12Envelope.padded(written, 4), into: &writer, envelope: envelope,
                received: received)
        }
        writer.segment("GE", String(written), group)
        writer.segment("IEA", "1", envelope.control9)
        return writer.bytes
    }

    private static func write(
        _ answers: [ClaimAcknowledgmentOutcome], of set: SubmittedTransactionSet, control: String,
        into writer: inout X12Writer, envelope: X12Envelope, received: Day
    ) {
        let date = envelope.date.ccyymmdd
        let payer = answers[0].claim.payer
        writer.startCounting()
        writer.segment("ST", "277", control, "005010X214")
        writer.segment(
            "BHT", "0085", "08", "SIM277" + String(envelope.control9.suffix(6)) + control, date, envelope.time, "TH")
        writer.segment("HL", "1", "", "20", "1")
        writer.segment("NM1", "PR", "2", X12Writer.clean(payer.name), "", "", "", "", "PI", payer.id)
        writer.segment("TRN", "1", "SIM277" + envelope.control9)
        writer.segment("DTP", "050", "D8", received.ccyymmdd)
        writer.segment("DTP", "009", "D8", date)
        writer.segment("HL", "2", "1", "21", "1")
        writer.segment(
            "NM1", "41", "2", X12Writer.clean(set.submitterName), "", "", "", "", "46", set.submitterID)
        writer.segment("TRN", "2", set.reference)
        writer.segment("STC", "A1:19:PR", date, "WQ", total(answers).x12)
        tallies(answers, quantities: ("90", "AA"), into: &writer)
        var hl = 2
        var providers: [SubmittedClaim.BillingProvider] = []
        for answer in answers where !providers.contains(answer.claim.billingProvider) {
            providers.append(answer.claim.billingProvider)
        }
        for provider in providers {
            let mine = answers.filter { $0.claim.billingProvider == provider }
            hl += 1
            let providerHL = hl
            writer.segment("HL", String(providerHL), "2", "19", "1")
            writer.segment("NM1", "85", "2", X12Writer.clean(provider.name), "", "", "", "", "XX", provider.npi)
            writer.segment("TRN", "1", "0")
            writer.segment("STC", "A1:19:PR", "", "WQ", total(mine).x12)
            tallies(mine, quantities: ("QA", "QC"), into: &writer)
            for answer in mine {
                hl += 1
                write(answer, hl: hl, parent: providerHL, date: date, into: &writer)
            }
        }
        writer.segment("SE", String(writer.counted + 1), control)
    }

    /// Loop 2000D/2200D: the patient (the subscriber's member id: 5010 gives a dependent none), the claim's TRN,
    /// STC, REF*1K and DTP*472.
    private static func write(
        _ answer: ClaimAcknowledgmentOutcome, hl: Int, parent: Int, date: String, into writer: inout X12Writer
    ) {
        let claim = answer.claim
        writer.segment("HL", String(hl), String(parent), "PT")
        writer.segment(
            "NM1", "QC", "1", X12Writer.clean(claim.patient.lastName), X12Writer.clean(claim.patient.firstName), "",
            "", "", "MI", claim.patient.memberID.isEmpty ? claim.subscriber.memberID : claim.patient.memberID)
        writer.segment("TRN", "2", claim.patientControlNumber)
        let codes = [answer.category, answer.status] + (answer.entity.isEmpty ? [] : [answer.entity])
        writer.segment(
            "STC", codes.joined(separator: String(UnicodeScalar(writer.delimiters.component))), date,
            answer.isAccepted ? "WQ" : "U", claim.totalCharge.x12)
        if !answer.payerClaimNumber.isEmpty { writer.segment("REF", "1K", answer.payerClaimNumber) }
        let dates = serviceDates(claim)
        writer.segment("DTP", "472", dates.contains("-") ? "RD8" : "D8", dates)
    }

    /// QTY and AMT of the accepted and rejected claims (each only when there are some).
    private static func tallies(
        _ answers: [ClaimAcknowledgmentOutcome], quantities: (accepted: String, rejected: String),
        into writer: inout X12Writer
    ) {
        let accepted = answers.filter(\.isAccepted)
        let rejected = answers.filter { !$0.isAccepted }
        if !accepted.isEmpty { writer.segment("QTY", quantities.accepted, String(accepted.count)) }
        if !rejected.isEmpty { writer.segment("QTY", quantities.rejected, String(rejected.count)) }
        if !accepted.isEmpty { writer.segment("AMT", "YU", total(accepted).x12) }
        if !rejected.isEmpty { writer.segment("AMT", "YY", total(rejected).x12) }
    }

    private static func total(_ answers: [ClaimAcknowledgmentOutcome]) -> Money {
        answers.reduce(.zero) { $0 + $1.claim.totalCharge }
    }

    /// The claim's service dates: the one date of its lines, or the range from the first to the last.
    static func serviceDates(_ claim: SubmittedClaim) -> String {
        let dates = claim.lines.flatMap { $0.serviceDate.split(separator: "-").map(String.init) }.sorted()
        guard let first = dates.first, let last = dates.last else { return "" }
        return first == last ? first : first + "-" + last
    }
}

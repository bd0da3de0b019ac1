import Claims
import Formats
import Values

/// Writes the simulator's 835 (005010X221A1) interchange: one transaction set per payee.
enum RemittanceWriter {
    /// The simulated payer's mailing address and contact (1000A N3, N4, PER*BL).
    private static let payerStreet = "PO BOX 997413"
    private static let payerCity = ["SACRAMENTO", "CA", "958997413"]
    private static let payerContact = ["BL", "EDI SUPPORT", "TE", "9165550199"]
    /// The simulated payer's bank for ACH payments (BPR06-09).
    private static let payerBank = ["01", "123456780", "DA", "4455667788"]

    /// The interchange: ISA, GS `HP`, each set, GE, IEA.
    static func write(
        _ sets: [RemittanceSet], envelope: X12Envelope, received: Day, payment method: SimulationOptions.PaymentMethod,
        payerTaxID: String
    ) -> [UInt8] {
        var writer = X12Writer()
        writer.raw(envelope.isa)
        let group = String(envelope.controlNumber)
        writer.segment(
            "GS", "HP", envelope.groupSender, envelope.groupReceiver, envelope.date.ccyymmdd, envelope.time, group, "X",
            "005010X221A1")
        for set in sets {
            write(set, into: &writer, date: envelope.date, received: received, method: method, payerTaxID: payerTaxID)
        }
        writer.segment("GE", String(sets.count), group)
        writer.segment("IEA", "1", envelope.control9)
        return writer.bytes
    }

    private static func write(
        _ set: RemittanceSet, into writer: inout X12Writer, date: Day, received: Day,
        method: SimulationOptions.PaymentMethod, payerTaxID: String
    ) {
        writer.startCounting()
        writer.segment("ST", "835", set.controlNumber)
        writer.segment("BPR", bpr(set.payment, method: method, date: date, payerTaxID: payerTaxID))
        writer.segment("TRN", "1", set.paymentNumber, "1" + payerTaxID)
        writer.segment("DTM", "405", date.ccyymmdd)
        writer.segment("N1", "PR", X12Writer.clean(set.payer.name))
        writer.segment("N3", payerStreet)
        writer.segment("N4", payerCity)
        if !set.payer.id.isEmpty { writer.segment("REF", "2U", set.payer.id) }
        writer.segment("PER", payerContact)
        writer.segment("N1", "PE", X12Writer.clean(set.payee.name), "XX", set.payee.npi)
        if !set.payee.taxID.isEmpty { writer.segment("REF", "TJ", set.payee.taxID) }
        if !set.outcomes.isEmpty { writer.segment("LX", "1") }
        for outcome in set.outcomes {
            write(outcome, into: &writer, received: received)
        }
        if !set.adjustments.isEmpty {
            var plb = [set.payee.npi, String(date.year) + "1231"]
            for adjustment in set.adjustments {
                plb.append(writer.composite(adjustment.reason, adjustment.reference))
                plb.append(adjustment.amount.x12)
            }
            writer.segment("PLB", plb)
        }
        writer.segment("SE", String(writer.counted + 1), set.controlNumber)
    }

    /// BPR: `C` payment with remittance by check or ACH, or `H` notification only with `NON` when nothing is paid.
    private static func bpr(
        _ amount: Money, method: SimulationOptions.PaymentMethod, date: Day, payerTaxID: String
    ) -> [String] {
        let empty = [String](repeating: "", count: 11)
        guard amount > .zero else {
            return ["H", amount.x12, "C", "NON"] + empty + [date.ccyymmdd]
        }
        switch method {
        case .check:
            return ["C", amount.x12, "C", "CHK"] + empty + [date.ccyymmdd]
        case .ach(let routing, let account):
            return ["C", amount.x12, "C", "ACH", "CCP"] + payerBank + [
                "1" + payerTaxID, "", "01", routing, "DA", account,
            ]
                + [date.ccyymmdd]
        }
    }

    /// Loop 2100 (CLP, CAS-free claim level, NM1*QC, NM1*IL when the patient is a dependent, DTM*050) and its
    /// 2110 lines (SVC, DTM*472 or DTM*150/151, CAS by group, LQ*HE remarks).
    private static func write(_ outcome: ClaimOutcome, into writer: inout X12Writer, received: Day) {
        let claim = outcome.claim
        let pr = outcome.patientResponsibility
        writer.segment(
            "CLP", claim.patientControlNumber, outcome.status, outcome.charge.x12, outcome.paid.x12,
            pr == .zero ? "" : pr.x12, claim.remittanceFilingIndicator, outcome.payerClaimControlNumber,
            claim.placeOfService,
            outcome.kind == .reversal ? "1" : claim.frequency)
        writer.segment("NM1", person("QC", claim.patient))
        if claim.patient != claim.subscriber { writer.segment("NM1", person("IL", claim.subscriber)) }
        writer.segment("DTM", "050", received.ccyymmdd)
        for line in outcome.lines {
            let submitted = line.submitted
            let procedure = [submitted.qualifier, submitted.procedure] + submitted.modifiers
            writer.segment(
                "SVC", procedure.joined(separator: String(UnicodeScalar(writer.delimiters.component))),
                line.charge.x12, line.paid.x12, "", submitted.units)
            let dates = submitted.serviceDate.split(separator: "-", maxSplits: 1).map(String.init)
            if submitted.dateQualifier == "RD8", dates.count == 2 {
                writer.segment("DTM", "150", dates[0])
                writer.segment("DTM", "151", dates[1])
            } else {
                writer.segment("DTM", "472", submitted.serviceDate)
            }
            for cas in casSegments(line.adjustments) { writer.segment("CAS", cas) }
            for remark in line.remarks { writer.segment("LQ", "HE", remark) }
        }
    }

    /// NM1 for a person: `NM1*QC*1*LAST*FIRST****MI*id` (no id qualifier when the id is empty).
    private static func person(_ entity: String, _ person: SubmittedClaim.Person) -> [String] {
        let name = [entity, "1", X12Writer.clean(person.lastName), X12Writer.clean(person.firstName), "", "", ""]
        return person.memberID.isEmpty ? name : name + ["MI", person.memberID]
    }

    /// CAS segments: one per group, in order of first appearance, at most six reason/amount/quantity triplets each.
    private static func casSegments(_ adjustments: [ClaimOutcome.Adjustment]) -> [[String]] {
        var groups: [String] = []
        for adjustment in adjustments where !groups.contains(adjustment.group) { groups.append(adjustment.group) }
        var segments: [[String]] = []
        for group in groups {
            let members = adjustments.filter { $0.group == group }
            var start = 0
            while start < members.count {
                var elements = [group]
                for adjustment in members[start..<min(start + 6, members.count)] {
                    elements += [adjustment.reason, adjustment.amount.x12, ""]
                }
                segments.append(elements)
                start += 6
            }
        }
        return segments
    }
}

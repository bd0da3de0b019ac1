/// What an inbound interchange carries, told from its first segments.
public enum X12TransactionKind: String, Sendable, Equatable, CaseIterable {
    /// 835 payment/remittance advice (GS01 `HP`, ST01 `835`).
    case remittance835 = "835"
    /// 999 implementation acknowledgment (GS01 `FA`, ST01 `999`).
    case acknowledgment999 = "999"
    /// TA1 interchange acknowledgment: a TA1 segment right after the ISA, with no functional group.
    case interchangeAcknowledgmentTA1 = "TA1"
    /// 837 health care claim (GS01 `HC`, ST01 `837`).
    case claim837 = "837"
    /// 277CA health care claim acknowledgment (GS01 `HN`, GS08 `005010X214`, ST01 `277`).
    case claimAcknowledgment277 = "277"

    /// Tells the kind from the first segments of an interchange.
    ///
    /// Pass the segments up to the first ST, or up to the IEA for an interchange without a group. The first GS
    /// decides, and the ST after it must agree (GS01 `HP` with ST01 `999` is no known kind); a TA1 right after the
    /// ISA is a TA1 acknowledgment unless a functional group follows it. A 277 is a claim acknowledgment only with
    /// GS08 `005010X214` (the 005010X212 claim status response shares GS01 `HN`).
    ///
    /// - Returns: `nil` when the segments do not start with an ISA or name no known kind.
    public static func detect(_ segments: some Sequence<X12Segment>) -> X12TransactionKind? {
        var iterator = segments.makeIterator()
        guard let isa = iterator.next(), isa.hasID("ISA") else { return nil }
        var sawTA1 = false
        var functionalID: String?
        while let segment = iterator.next() {
            switch segment.id {
            case "TA1" where functionalID == nil: sawTA1 = true
            case "GS":
                functionalID = segment.element(1)
                if functionalID == "HN", !segment.element(8).hasPrefix("005010X214") { return nil }
            case "ST":
                guard let functionalID, let kind = kind(functionalID: functionalID) else { return nil }
                return segment.element(1) == kind.rawValue ? kind : nil
            default: break
            }
        }
        if let functionalID { return kind(functionalID: functionalID) }
        return sawTA1 ? .interchangeAcknowledgmentTA1 : nil
    }

    private static func kind(functionalID: String) -> X12TransactionKind? {
        switch functionalID {
        case "HP": .remittance835
        case "FA": .acknowledgment999
        case "HC": .claim837
        case "HN": .claimAcknowledgment277
        default: nil
        }
    }
}

import Formats
import Values

/// Checks an 837P for the rules pyx12 does not: NPI check digits, CLM02 = ΣSV102, HL parent levels and child
/// flags, SV107 pointers within the HI list, the billing provider's 9-digit ZIP and street address, and
/// amounts with at most two decimals.
///
/// Fed segment by segment (from ``X12Tokenizer``), so it runs over a batch as it is written.
public struct ProfessionalClaimVerifier {
    /// Problems found, each located by segment position and id.
    public private(set) var problems: [X12Error] = []

    private struct Level {
        var id: String
        var code: String
        var hasChildren: Bool
        var position: Int
    }

    private var levels: [String: Level] = [:]
    private var lastLevel: Level?
    private var expectedHL = 1
    private var claim: (position: Int, total: Money?, lines: Money, pcn: String)?
    private var diagnosisCount = 0
    private var inBillingProvider = false

    /// Creates a verifier.
    public init() {}

    /// Checks one segment.
    public mutating func check(_ segment: X12Segment) {
        switch segment.id {
        case "ST":
            levels = [:]
            lastLevel = nil
            expectedHL = 1
        case "HL":
            closeClaim()
            checkLevel(segment)
        case "NM1":
            inBillingProvider = segment.element(1) == "85"
            if segment.element(8) == "XX", !NPI.isValid(segment.element(9)) {
                report(segment, "NPI \(segment.element(9)) fails its check digit (NM1*\(segment.element(1)))")
            }
        case "N3" where inBillingProvider:
            let address = PostalAddress(street: segment.element(1), city: "", state: "", zip: "")
            if address.isPostOfficeBox { report(segment, "the billing provider's address must not be a PO box") }
        case "N4" where inBillingProvider:
            let zip = segment.element(3)
            if !(zip.count == 9 && zip.allSatisfy(\.isNumber)) {
                report(segment, "the billing provider needs a 9-digit ZIP code, found '\(zip)'")
            }
        case "CLM":
            closeClaim()
            let total = amount(segment, 2)
            claim = (segment.position, total, .zero, segment.element(1))
            diagnosisCount = 0
        case "HI":
            diagnosisCount = segment.count
        case "SV1":
            if let charge = amount(segment, 2) { claim?.lines += charge }
            let pointers = segment.element(7).isEmpty ? [] : segment.components(7)
            for pointer in pointers {
                let value = Int(pointer) ?? 0
                if !(1...max(diagnosisCount, 1)).contains(value) || diagnosisCount == 0 {
                    report(
                        segment, "SV107 pointer \(value) points past the claim's \(diagnosisCount) diagnosis code(s)")
                }
            }
        case "SE":
            closeClaim()
            if let last = lastLevel, last.hasChildren {
                problems.append(
                    X12Error(
                        segment: last.position, segmentID: "HL",
                        message: "HL \(last.id) says it has children but none follow"))
            }
        default:
            break
        }
    }

    private mutating func checkLevel(_ segment: X12Segment) {
        let level = Level(
            id: segment.element(1), code: segment.element(3), hasChildren: segment.element(4) == "1",
            position: segment.position)
        if level.id != "\(expectedHL)" { report(segment, "HL01 is \(level.id); expected \(expectedHL)") }
        expectedHL += 1
        let parentID = segment.element(2)
        let expectedParent: String? = ["20": nil, "22": "20", "23": "22"][level.code] ?? nil
        switch level.code {
        case "20":
            if !parentID.isEmpty { report(segment, "a billing provider HL (20) has no parent, found \(parentID)") }
        case "22", "23":
            guard let parent = levels[parentID] else {
                report(segment, "HL02 \(parentID) names no earlier HL")
                break
            }
            if parent.code != expectedParent {
                report(
                    segment,
                    "an HL \(level.code) must sit under an HL \(expectedParent ?? ""), not under \(parent.code)")
            }
        default:
            report(segment, "unexpected HL level code '\(level.code)'")
        }
        if let previous = lastLevel {
            let isChild = parentID == previous.id
            if previous.hasChildren != isChild {
                problems.append(
                    X12Error(
                        segment: previous.position, segmentID: "HL",
                        message:
                            "HL \(previous.id) has HL04 \(previous.hasChildren ? 1 : 0) but the next HL \(isChild ? "is" : "is not") its child"
                    ))
            }
        }
        levels[level.id] = level
        lastLevel = level
    }

    private mutating func closeClaim() {
        guard let open = claim else { return }
        if let total = open.total, total != open.lines {
            problems.append(
                X12Error(
                    segment: open.position, segmentID: "CLM",
                    message:
                        "CLM02 \(total.x12) of claim \(open.pcn) is not the sum of its SV102 charges \(open.lines.x12)")
            )
        }
        claim = nil
    }

    private mutating func amount(_ segment: X12Segment, _ index: Int) -> Money? {
        guard let value = Money(x12: segment.element(index)) else {
            report(segment, "element \(index) '\(segment.element(index))' is not an amount with at most two decimals")
            return nil
        }
        return value
    }

    private mutating func report(_ segment: X12Segment, _ message: String) {
        problems.append(X12Error(segment: segment.position, segmentID: segment.id, message: message))
    }
}

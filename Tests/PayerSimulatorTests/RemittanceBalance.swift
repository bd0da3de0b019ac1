import Claims
import Formats

/// Recomputes the 835 balancing equations of x12.md §4 from the segments, independently of the simulator.
struct RemittanceBalance {
    /// Each equation that does not hold, with the set or claim it belongs to.
    var failures: [String] = []
    /// CLP02 of every claim, in order.
    var statuses: [String] = []
    /// The number of PLB segments in each set.
    var plbSegmentsPerSet: [Int] = []

    init(_ bytes: [UInt8]) throws {
        var bpr = Money.zero
        var claimsPaid = Money.zero
        var plb = Money.zero
        var plbSegments = 0
        var claim: (id: String, charge: Money, paid: Money, patient: Money, adjustments: Money, pr: Money)?
        var line: (charge: Money, paid: Money, adjustments: Money)?

        func money(_ segment: X12Segment, _ index: Int) -> Money {
            let text = segment.element(index)
            if text.isEmpty { return .zero }
            guard let value = Money(x12: text) else {
                failures.append("\(segment.id)\(index) \(text) is not an amount")
                return .zero
            }
            return value
        }
        func closeLine() {
            if let open = line, open.charge - open.paid != open.adjustments {
                failures.append("line of \(claim?.id ?? "?"): \(open.charge) - \(open.paid) != CAS \(open.adjustments)")
            }
            line = nil
        }
        func closeClaim() {
            closeLine()
            if let open = claim {
                if open.charge - open.paid != open.adjustments {
                    failures.append("claim \(open.id): \(open.charge) - \(open.paid) != CAS \(open.adjustments)")
                }
                if open.patient != open.pr {
                    failures.append("claim \(open.id): CLP05 \(open.patient) != PR CAS \(open.pr)")
                }
            }
            claim = nil
        }

        for segment in try x12Segments(bytes) {
            switch segment.id {
            case "ST":
                (bpr, claimsPaid, plb, plbSegments) = (.zero, .zero, .zero, 0)
            case "BPR":
                bpr = money(segment, 2)
                if segment.element(3) == "D" { bpr = -bpr }
            case "CLP":
                closeClaim()
                statuses.append(segment.element(2))
                claim = (segment.element(1), money(segment, 3), money(segment, 4), money(segment, 5), .zero, .zero)
                claimsPaid += money(segment, 4)
            case "SVC":
                closeLine()
                line = (money(segment, 2), money(segment, 3), .zero)
            case "CAS":
                var total = Money.zero
                var index = 3
                while index <= segment.count {
                    total += money(segment, index)
                    index += 3
                }
                claim?.adjustments += total
                if segment.element(1) == "PR" { claim?.pr += total }
                line?.adjustments += total
            case "PLB":
                closeClaim()
                plbSegments += 1
                var index = 4
                while index <= segment.count {
                    plb += money(segment, index)
                    index += 2
                }
            case "SE":
                closeClaim()
                if bpr != claimsPaid - plb {
                    failures.append("set \(segment.element(2)): BPR02 \(bpr) != ΣCLP04 \(claimsPaid) - ΣPLB \(plb)")
                }
                plbSegmentsPerSet.append(plbSegments)
            default: break
            }
        }
    }
}

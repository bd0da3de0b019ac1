import Claims
import Formats

extension RemittanceSample {
    /// One generated claim: its status, lines and amounts, all balanced.
    struct SampleClaim {
        struct Line {
            var code: String
            var modifiers: [String] = []
            var charge: Money
            var paid: Money
            var adjustments: [(group: String, reason: String, amount: Money)]
        }

        var number: String
        var status: String
        var lines: [Line]

        var charge: Money { lines.reduce(.zero) { $0 + $1.charge } }
        var paid: Money { lines.reduce(.zero) { $0 + $1.paid } }
        var patientResponsibility: Money {
            lines.reduce(.zero) { total, line in
                line.adjustments.filter { $0.group == "PR" }.reduce(total) { $0 + $1.amount }
            }
        }

        static let codes = ["99213", "99214", "97110", "36415", "80053", "93000", "90834", "71046"]
        static let denials = ["50", "197", "96", "16"]

        /// Claim `index`: without `billed`, number 2 is a reversal and number 3 its correction; the rest draw from
        /// the mix (with `billed`, of the one line billed).
        static func make(
            _ index: Int, _ random: inout SplitMix64, number pcn: (Int) -> String,
            billed: ((Int) -> BilledLine)? = nil
        ) -> SampleClaim {
            let number = pcn(index)
            if billed == nil, index == 2 || index == 3 {
                let charge = Money(cents: 20_000)
                if index == 2 {
                    let line = Line(
                        code: "99214", charge: -charge, paid: Money(cents: -16_000),
                        adjustments: [("CO", "45", Money(cents: -4_000))])
                    return SampleClaim(number: pcn(2), status: "22", lines: [line])
                }
                let line = Line(
                    code: "99214", charge: charge, paid: Money(cents: 15_000),
                    adjustments: [("CO", "45", Money(cents: 4_000)), ("PR", "2", Money(cents: 1_000))])
                return SampleClaim(number: pcn(2), status: "1", lines: [line])
            }
            let kind = random.below(20)
            var lines: [Line] = []
            for _ in 0...(billed == nil ? random.below(3) : 0) {
                var code = codes[random.below(codes.count)]
                var charge = Money(cents: Int64(5_000 + random.below(45_000)))
                var modifiers: [String] = []
                if let line = billed?(index) { (code, modifiers, charge) = (line.code, line.modifiers, line.charge) }
                let allowed = Money(cents: charge.cents * 80 / 100)
                let contractual: (String, String, Money) = ("CO", "45", charge - allowed)
                switch kind {
                case 0..<11:
                    lines.append(
                        Line(
                            code: code, modifiers: modifiers, charge: charge, paid: allowed, adjustments: [contractual])
                    )
                case 11..<18:
                    let deductible = Money(cents: kind == 11 ? 2_000 : 0)
                    let coinsurance = Money(cents: (allowed - deductible).cents / 5)
                    var adjustments = [contractual, ("PR", "2", coinsurance)]
                    if deductible > .zero { adjustments.insert(("PR", "1", deductible), at: 1) }
                    lines.append(
                        Line(
                            code: code, modifiers: modifiers, charge: charge, paid: allowed - deductible - coinsurance,
                            adjustments: adjustments))
                default:
                    let reason = denials[random.below(denials.count)]
                    lines.append(
                        Line(
                            code: code, modifiers: modifiers, charge: charge, paid: .zero,
                            adjustments: [("CO", reason, charge)]))
                }
            }
            return SampleClaim(number: number, status: kind >= 18 ? "4" : "1", lines: lines)
        }

        /// Writes CLP, NM1*QC, DTM*232 and each line's SVC, DTM*472 (with `lineDates`), CAS, REF*6R and AMT*B6.
        func write(to writer: inout X12Writer, lineDates: Bool = true) {
            writer.segment(
                "CLP", number, status, charge.x12, paid.x12, patientResponsibility.x12, "12", "PCC" + number, "11", "1")
            writer.segment("NM1", "QC", "1", "DOE", "JANE", "", "", "", "MI", "M" + number)
            writer.segment("DTM", "232", "20251105")
            for (index, line) in lines.enumerated() {
                let procedure = (["HC", line.code] + line.modifiers).joined(separator: ":")
                writer.segment("SVC", procedure, line.charge.x12, line.paid.x12, "", "1")
                if lineDates { writer.segment("DTM", "472", "20251105") }
                var byGroup: [String: [String]] = [:]
                var order: [String] = []
                for adjustment in line.adjustments {
                    if byGroup[adjustment.group] == nil { order.append(adjustment.group) }
                    byGroup[adjustment.group, default: []] += [adjustment.reason, adjustment.amount.x12, ""]
                }
                for group in order { writer.segment("CAS", [group] + (byGroup[group] ?? [])) }
                writer.segment("REF", "6R", number + "-" + String(index + 1))
                if line.paid != .zero { writer.segment("AMT", "B6", (line.paid + patientShare(line)).x12) }
            }
        }

        private func patientShare(_ line: Line) -> Money {
            line.adjustments.filter { $0.group == "PR" }.reduce(.zero) { $0 + $1.amount }
        }
    }
}

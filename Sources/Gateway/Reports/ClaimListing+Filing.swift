extension ClaimListing {
    /// `claims aging --filing`: deadlines within `within` days, then those already passed, each a table.
    public static func filing(_ deadlines: [FilingDeadline], within: Int) -> String {
        let upcoming = deadlines.filter { $0.daysLeft >= 0 }
        let passed = deadlines.filter { $0.daysLeft < 0 }
        func dates(_ row: FilingDeadline) -> String {
            row.firstService == row.lastService ? "\(row.firstService)" : "\(row.firstService)..\(row.lastService)"
        }
        var parts: [String] = []
        if upcoming.isEmpty {
            parts.append("no unbilled service is within \(within) days of its payer's filing limit")
        } else {
            parts.append("unbilled services within \(within) days of their payer's filing limit:")
            parts.append(
                TextTable.render(
                    header: ["PAYER", "DEADLINE", "DAYS LEFT", "SERVICES", "SERVICE DATES"],
                    rows: upcoming.map {
                        [$0.payer, "\($0.deadline)", String($0.daysLeft), String($0.services), dates($0)]
                    }
                ))
        }
        if passed.isEmpty {
            parts.append("no unbilled service is past its payer's filing limit")
        } else {
            parts.append("unbilled services past their payer's filing limit:")
            parts.append(
                TextTable.render(
                    header: ["PAYER", "DEADLINE", "DAYS PAST", "SERVICES", "SERVICE DATES", "BUILD"],
                    rows: passed.map { row in
                        [
                            row.payer, "\(row.deadline)", String(-row.daysLeft), String(row.services), dates(row),
                            row.delayReasonCode.map { "billed with delay reason \($0)" }
                                ?? "left out (filing-limit-passed)",
                        ]
                    }))
        }
        return parts.joined(separator: "\n")
    }
}

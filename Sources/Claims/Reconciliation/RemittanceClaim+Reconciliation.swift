extension RemittanceClaim {
    /// What the payer allowed: paid plus patient responsibility.
    public var allowed: Money { paid + patientResponsibility }

    /// The claim's and its lines' adjustments (CAS), claim level first.
    public var allAdjustments: [RemittanceAdjustment] { adjustments + lines.flatMap(\.adjustments) }

    /// Its CARCs as `group-reason` (the denial reasons of a denied claim).
    public var reasonCodes: [String] { allAdjustments.map { "\($0.group.rawValue)-\($0.reason)" } }

    /// Its remark codes (RARCs), claim level first, each once, joined by `;`: as reported and as recorded.
    public var remarkSummary: String {
        var seen: Set<String> = []
        var summary = ""
        for code in remarks + lines.flatMap(\.remarks) where seen.insert(code).inserted {
            if !summary.isEmpty { summary += ";" }
            summary += code
        }
        return summary
    }

    /// Its adjustments as `group-reason:amount` joined by `;`, once in dollars (for the report) and once in
    /// cents (as recorded).
    public var adjustmentSummary: (text: String, cents: String) {
        var text = ""
        var cents = ""
        for adjustment in allAdjustments {
            let code = adjustment.group.rawValue + "-" + adjustment.reason + ":"
            if !text.isEmpty {
                text += ";"
                cents += ";"
            }
            text += code + adjustment.amount.description
            cents += code + String(adjustment.amount.cents)
        }
        return (text, cents)
    }
}

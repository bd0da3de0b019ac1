extension SubmittedClaim {
    /// CLP06 codes of 005010X221A1: the claim filing indicators an 835 may carry.
    static let remittanceFilingCodes: Set<String> = [
        "12", "13", "14", "15", "16", "17", "AM", "CH", "DS", "HM", "LM", "MA", "MB", "MC", "OF", "TV", "VA", "WC",
        "ZZ",
    ]

    /// The 835 CLP06 for the claim's SBR09: the same code when the 835 lists it, else the nearest listed one
    /// (`CI` commercial and `BL` Blue Cross/Blue Shield as `15` indemnity insurance, `FI` federal employees as
    /// `OF` other federal program), else `ZZ` mutually defined.
    var remittanceFilingIndicator: String {
        if Self.remittanceFilingCodes.contains(filingIndicator) { return filingIndicator }
        switch filingIndicator {
        case "CI", "BL": return "15"
        case "FI": return "OF"
        default: return "ZZ"
        }
    }
}

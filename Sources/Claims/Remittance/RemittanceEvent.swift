/// What ``RemittanceReader`` reports, in input order, for each 835 transaction set.
public enum RemittanceEvent: Sendable, Equatable {
    /// The set's header, before its first claim.
    case header(RemittanceHeader)
    /// One claim, complete with its lines.
    case claim(RemittanceClaim)
    /// A balance check that failed (after the claim it concerns, or before the totals for the transaction).
    case issue(BalanceIssue)
    /// An element outside its code list or length limits (warnings only: errors are thrown), at its segment.
    case element(ElementIssue)
    /// The set's PLB adjustments and totals, at its SE.
    case totals(RemittanceTotals)
}

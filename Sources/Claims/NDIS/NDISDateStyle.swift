/// How the file writes the SupportsDeliveredFrom / SupportsDeliveredTo dates.
///
/// NDIS advice gives `yyyy/mm/dd`; one portal vendor documents `dd/mm/yyyy` (formats.md §6 notes the
/// conflict). ``yearMonthDay`` is the default everywhere.
public enum NDISDateStyle: Sendable, Equatable {
    /// `2025/03/01`.
    case yearMonthDay
    /// `01/03/2025`.
    case dayMonthYear
}

/// The claim type of a row (column 14, ClaimType).
///
/// Only the codes several sources agree on. `THLT` (telehealth) and `IRSS` appear in one secondary source
/// only (formats.md §6, low confidence) and are deliberately left out: a code the portal does not know
/// rejects the row, and adding a case here is easy once a published NDIS guide confirms them.
public enum NDISClaimType: String, Sendable, CaseIterable, Equatable {
    /// Blank: a support delivered directly.
    case directService = ""
    /// `CANC`: a short-notice cancellation; needs a ``NDISCancellationReason``.
    case cancellation = "CANC"
    /// `REPW`: report writing.
    case reportWriting = "REPW"
    /// `TRAN`: provider travel.
    case travel = "TRAN"
    /// `NF2F`: non-face-to-face support.
    case nonFaceToFace = "NF2F"
}

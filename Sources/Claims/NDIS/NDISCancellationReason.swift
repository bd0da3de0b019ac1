/// Why a cancelled support is claimed (column 15, CancellationReason; only with claim type `CANC`).
public enum NDISCancellationReason: String, Sendable, CaseIterable, Equatable {
    /// `NSDH`: no show due to health reasons.
    case health = "NSDH"
    /// `NSDF`: no show due to family issues.
    case family = "NSDF"
    /// `NSDT`: no show due to unavailability of transport.
    case transport = "NSDT"
    /// `NSDO`: other.
    case other = "NSDO"
}

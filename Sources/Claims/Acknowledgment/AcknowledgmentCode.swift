/// IK501 / AK901 acknowledgment code (005010X231A1).
public enum AcknowledgmentCode: String, Sendable, CaseIterable {
    /// `A` accepted.
    case accepted = "A"
    /// `E` accepted, but errors were noted.
    case acceptedWithErrors = "E"
    /// `M` rejected: message authentication code failed.
    case rejectedAuthentication = "M"
    /// `P` partially accepted: at least one set rejected (AK901 only).
    case partiallyAccepted = "P"
    /// `R` rejected.
    case rejected = "R"
    /// `W` rejected: assurance failed validity tests.
    case rejectedAssurance = "W"
    /// `X` rejected: content could not be analysed after decryption.
    case rejectedDecryption = "X"

    /// Whether the sets it covers count as accepted (`A` or `E`).
    public var isAccepted: Bool { self == .accepted || self == .acceptedWithErrors }

    /// Whether it is one of the rejections (`R`, `M`, `W`, `X`).
    public var isRejected: Bool { !isAccepted && self != .partiallyAccepted }
}

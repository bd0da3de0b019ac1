/// What ``ClaimAcknowledgmentReader`` reports, in file order.
public enum ClaimAcknowledgmentEvent: Sendable, Equatable {
    /// One claim (loop 2200D), at its end.
    case claim(AcknowledgedClaim)
    /// The statuses of an information receiver or billing provider level, at the level's end.
    case level(AcknowledgmentLevelStatus)
}

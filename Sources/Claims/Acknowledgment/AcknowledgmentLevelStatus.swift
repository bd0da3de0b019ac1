/// The STC segments of a 277CA level above the claims (005010X214 loops 2200B information receiver and 2200C
/// billing provider): a rejection there concerns every claim of the level.
public struct AcknowledgmentLevelStatus: Sendable, Equatable {
    /// The level.
    public enum Level: String, Sendable, Equatable {
        /// 2000B, the information receiver (HL03 `21`): the submitter.
        case informationReceiver = "information-receiver"
        /// 2000C, the billing provider of service (HL03 `19`).
        case billingProvider = "billing-provider"
    }

    /// The level.
    public var level: Level
    /// Position of the level's HL segment.
    public var position: Int
    /// NM109 of the level: the submitter id or the billing provider's NPI.
    public var identifier: String
    /// TRN02 of the level (for the receiver, the 837's BHT03 batch id).
    public var trace: String
    /// The STC segments, in order.
    public var statuses: [ClaimStatusInformation]

    /// Creates a level status.
    public init(
        level: Level, position: Int, identifier: String, trace: String, statuses: [ClaimStatusInformation]
    ) {
        self.level = level
        self.position = position
        self.identifier = identifier
        self.trace = trace
        self.statuses = statuses
    }

    /// Whether a status of the level rejects.
    public var isRejected: Bool { statuses.contains { $0.verdict == .rejected } }
}

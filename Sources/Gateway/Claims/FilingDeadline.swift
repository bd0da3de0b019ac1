import Values

/// Unbilled services of one payer that share a filing deadline (`dropgate claims aging --filing`).
public struct FilingDeadline: Sendable, Equatable {
    /// The payer profile id.
    public var payer: String
    /// The last day a claim for these services may be built (``Claims/FilingLimit``).
    public var deadline: Day
    /// Days from today to the deadline; negative once it has passed.
    public var daysLeft: Int
    /// How many unbilled services have this deadline.
    public var services: Int
    /// The earliest service date among them.
    public var firstService: Day
    /// The latest service date among them.
    public var lastService: Day
    /// The CLM20 code late claims of this payer carry; `nil`: services past the deadline are not billed.
    public var delayReasonCode: String?

    /// Creates a row.
    public init(
        payer: String, deadline: Day, daysLeft: Int, services: Int, firstService: Day, lastService: Day,
        delayReasonCode: String?
    ) {
        self.payer = payer
        self.deadline = deadline
        self.daysLeft = daysLeft
        self.services = services
        self.firstService = firstService
        self.lastService = lastService
        self.delayReasonCode = delayReasonCode
    }
}

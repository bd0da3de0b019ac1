/// One STC segment of a 277CA (005010X214): the category, status and entity codes (STC01), the action and the
/// amount.
public struct ClaimStatusInformation: Sendable, Equatable {
    /// Position of the STC segment.
    public var position: Int
    /// STC01-1, the health care claim status category code (`A2` accepted, `A7` rejected for invalid
    /// information, …).
    public var category: String
    /// STC01-2, the health care claim status code (`20` accepted for processing, `562` entity's NPI, …).
    public var status: String
    /// STC01-3, the entity the status concerns (`85` billing provider, `IL` subscriber, `QC` patient); may be
    /// empty.
    public var entity: String
    /// STC02, the status information effective date (CCYYMMDD).
    public var date: String
    /// STC03, the action code: `WQ` accept, `U` reject; may be empty.
    public var action: String
    /// STC04, the total charge of the claim (or line); `nil` when absent.
    public var charge: Money?
    /// STC12, free-form text; may be empty.
    public var message: String

    /// Creates a status.
    public init(
        position: Int, category: String, status: String, entity: String = "", date: String = "", action: String = "",
        charge: Money? = nil, message: String = ""
    ) {
        self.position = position
        self.category = category
        self.status = status
        self.entity = entity
        self.date = date
        self.action = action
        self.charge = charge
        self.message = message
    }

    /// What the category says about the claim; an action `U` rejects whatever the category.
    public var verdict: ClaimStatusCode.Verdict {
        action == "U" ? .rejected : ClaimStatusCode.verdict(category: category)
    }

    /// `A7:562:85 rejected for invalid information: entity's National Provider Identifier (NPI)`, for reports.
    public var text: String {
        let codes = [category, status] + (entity.isEmpty ? [] : [entity])
        return codes.joined(separator: ":") + " " + ClaimStatusCode.description(category: category) + "; "
            + ClaimStatusCode.description(status: status)
    }
}

import Values

/// Identifies one loaded service: the key of the services table.
public struct ServiceKey: Sendable, Hashable {
    /// Source (district) the service log came from.
    public var district: String
    /// Student id in that district.
    public var studentID: String
    /// Date of service.
    public var date: Day
    /// Start time as stored (`HH:MM`).
    public var startTime: String
    /// Rendering practitioner's NPI.
    public var renderingNPI: String
    /// Billing code as logged.
    public var billingCode: String

    /// Creates a key.
    public init(
        district: String, studentID: String, date: Day, startTime: String, renderingNPI: String, billingCode: String
    ) {
        self.district = district
        self.studentID = studentID
        self.date = date
        self.startTime = startTime
        self.renderingNPI = renderingNPI
        self.billingCode = billingCode
    }
}

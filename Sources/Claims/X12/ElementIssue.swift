/// An element whose value breaks its implementation guide: a code not in the element's code list, or a length
/// outside its limits (``X12ElementChecker``).
///
/// Errors stop the interchange (they are thrown as ``Formats/X12Error`` with the rule); warnings go on the
/// job's exception report.
public struct ElementIssue: Sendable, Equatable, CustomStringConvertible {
    /// How serious the issue is.
    public enum Severity: String, Sendable {
        /// In an element DropGate acts on (claim status, adjustment group, payment, acknowledgment codes).
        case error
        /// Elsewhere: reported, the file is still applied.
        case warning
    }

    /// The rule, by transaction and kind.
    public enum Rule: String, Sendable, CaseIterable {
        /// An 835 element holds a code its list does not have.
        case remittanceCode = "835-code-invalid"
        /// An 835 element is shorter or longer than the guide allows.
        case remittanceLength = "835-length-invalid"
        /// A 999 element holds a code its list does not have.
        case acknowledgmentCode = "999-code-invalid"
        /// A 999 element is shorter or longer than the guide allows.
        case acknowledgmentLength = "999-length-invalid"
        /// A TA1 element holds a code its list does not have.
        case interchangeCode = "ta1-code-invalid"
        /// A TA1 element is shorter or longer than the guide allows.
        case interchangeLength = "ta1-length-invalid"
    }

    /// Error or warning.
    public var severity: Severity
    /// The rule.
    public var rule: Rule
    /// Position of the segment in the interchange (1-based).
    public var segment: Int
    /// The segment id.
    public var segmentID: String
    /// The element's name in the guide: `CLP02`, `SVC01-01`.
    public var element: String
    /// The value's length as X12 counts it.
    public var length: Int
    /// The value, for a code only (names and ids are never repeated: see ``length``).
    public var value: String?
    /// The codes the element allows (empty for a length issue).
    public var allowed: [String]
    /// What is wrong, for reports: element, position, length or code, and the limits.
    public var message: String

    /// Creates an issue.
    public init(
        severity: Severity, rule: Rule, segment: Int, segmentID: String, element: String, length: Int,
        value: String?, allowed: [String], message: String
    ) {
        self.severity = severity
        self.rule = rule
        self.segment = segment
        self.segmentID = segmentID
        self.element = element
        self.length = length
        self.value = value
        self.allowed = allowed
        self.message = message
    }

    public var description: String {
        "\(severity.rawValue) \(rule.rawValue) segment \(segment) (\(segmentID)): \(message)"
    }
}

import Formats

/// Checks each element of a segment against its guide's table: the code list of a coded element, and the
/// length limits of every element (005010X221A1 for the 835, 005010X231A1 for the 999, the 00501 TA1).
///
/// An issue in an element DropGate acts on (``actedOn``) is an error: the interchange is not applied. Any
/// other is a warning for the exception report. Absent (empty) elements are not checked here, and neither
/// are segments or element positions the table does not have: the readers and the envelope validator
/// report those.
public struct X12ElementChecker: Sendable {
    private let rules: [String: [X12ElementRule]]
    private let codeRule: ElementIssue.Rule
    private let lengthRule: ElementIssue.Rule
    /// Elements whose values DropGate acts on: a problem in one stops the interchange.
    public let actedOn: Set<String>

    /// Creates a checker over a table.
    ///
    /// - Parameters:
    ///   - table: the guide's rows (``X12ElementRules``).
    ///   - code: the rule of a code not in its list.
    ///   - length: the rule of a length outside the limits.
    ///   - actedOn: element names (`CLP02`) whose issues are errors.
    public init(
        _ table: [X12ElementRule], code: ElementIssue.Rule, length: ElementIssue.Rule, actedOn: Set<String>
    ) {
        rules = Dictionary(grouping: table, by: \.segmentID)
        codeRule = code
        lengthRule = length
        self.actedOn = actedOn
    }

    /// The 835: CLP02 claim status, CAS01 adjustment group, BPR01 handling, BPR03 credit/debit and BPR04
    /// payment method decide what is applied.
    public static let remittance = X12ElementChecker(
        X12ElementRules.remittance, code: .remittanceCode, length: .remittanceLength,
        actedOn: ["CLP02", "CAS01", "BPR01", "BPR03", "BPR04"])

    /// The 999: AK901 and IK501 accept or reject batches and sets.
    public static let acknowledgment = X12ElementChecker(
        X12ElementRules.acknowledgment, code: .acknowledgmentCode, length: .acknowledgmentLength,
        actedOn: ["AK901", "IK501"])

    /// The TA1: TA104 accepts or rejects a batch.
    public static let interchangeAcknowledgment = X12ElementChecker(
        X12ElementRules.interchangeAcknowledgment, code: .interchangeCode, length: .interchangeLength,
        actedOn: ["TA104"])

    /// Every issue in `segment`, in element order.
    public func check(_ segment: X12Segment) -> [ElementIssue] {
        guard let rows = rules[segment.id] else { return [] }
        var issues: [ElementIssue] = []
        for row in rows {
            let value =
                row.component == 0 ? segment.bytes(row.position) : segment.componentBytes(row.position, row.component)
            guard !value.isEmpty else { continue }
            let length = row.length(of: value)
            let severity: ElementIssue.Severity = actedOn.contains(row.name) ? .error : .warning
            if !row.allows(value) {
                let codes = row.codes ?? []
                // A code is no personal data; a longer value may be anything, so only its length is shown.
                let shown = length <= row.maxLength ? String(decoding: value, as: UTF8.self) : nil
                issues.append(
                    ElementIssue(
                        severity: severity, rule: codeRule, segment: segment.position, segmentID: row.segmentID,
                        element: row.name, length: length, value: shown, allowed: codes,
                        message: "\(row.name) "
                            + (shown.map { "'\($0)'" } ?? "(a value of \(length) characters)")
                            + " is not in its code list: \(codes.joined(separator: ", "))"))
            } else if length < row.minLength || length > row.maxLength {
                let limits =
                    row.minLength == row.maxLength ? "exactly \(row.minLength)" : "\(row.minLength) to \(row.maxLength)"
                issues.append(
                    ElementIssue(
                        severity: severity, rule: lengthRule, segment: segment.position, segmentID: row.segmentID,
                        element: row.name, length: length, value: nil, allowed: [],
                        message: "\(row.name) is \(length) characters long; the guide allows \(limits)"))
            }
        }
        return issues
    }

    /// Checks `segment` and returns its warnings.
    ///
    /// - Throws: ``Formats/X12Error`` carrying the rule id, located at the segment, for the first error.
    public func enforce(_ segment: X12Segment) throws(X12Error) -> [ElementIssue] {
        let issues = check(segment)
        if let error = issues.first(where: { $0.severity == .error }) {
            throw X12Error(
                segment: error.segment, segmentID: error.segmentID, message: error.message, rule: error.rule.rawValue)
        }
        return issues
    }
}

import Formats

/// Checks each element of a segment against its guide's table: the code list of a coded element, and the
/// length limits of every element (005010X221A1 for the 835, 005010X231A1 for the 999, the 00501 TA1).
///
/// An issue in an element DropGate acts on (``actedOn``) is an error: the interchange is not applied. Any
/// other is a warning for the exception report. Absent (empty) elements are not checked here, and neither
/// are segments or element positions the table does not have: the readers and the envelope validator
/// report those.
public struct X12ElementChecker: Sendable {
    /// The guide's rows, grouped by segment (rows of one segment are consecutive, in table order).
    private let rows: [X12ElementRule]
    /// Each segment id's packed key (``Formats/X12Segment/idKey``) and its rows, sorted by key.
    private let segments: [(key: UInt32, rows: Range<Int>)]
    /// Per row: whether its element is acted on. Looked up by index, so the check builds no string.
    private let severities: [ElementIssue.Severity]
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
        var grouped: [UInt32: [X12ElementRule]] = [:]
        for row in table { grouped[X12Segment.key(row.segmentID), default: []].append(row) }
        var rows: [X12ElementRule] = []
        var segments: [(key: UInt32, rows: Range<Int>)] = []
        for key in grouped.keys.sorted() {
            let start = rows.count
            rows += grouped[key] ?? []
            segments.append((key, start..<rows.count))
        }
        self.rows = rows
        self.segments = segments
        severities = rows.map { actedOn.contains($0.name) ? .error : .warning }
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
        guard let found = self.rows(of: segment.idKey) else { return [] }
        var issues: [ElementIssue] = []
        segment.bytes.withUnsafeBufferPointer { bytes in
            for index in found {
                let row = rows[index]
                let range =
                    row.component == 0 ? segment.range(row.position) : segment.range(row.position, row.component)
                guard !range.isEmpty else { continue }
                let value = UnsafeBufferPointer(rebasing: bytes[range])
                let length = row.length(of: value)
                let allowed = row.allows(value)
                if allowed, length >= row.minLength, length <= row.maxLength { continue }
                issues.append(
                    issue(
                        row, severity: severities[index], segment: segment, value: value, length: length,
                        allowed: allowed))
            }
        }
        return issues
    }

    /// The rows of the segment whose packed id is `key`, found by binary search.
    private func rows(of key: UInt32) -> Range<Int>? {
        var low = 0
        var high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low < segments.count && segments[low].key == key ? segments[low].rows : nil
    }

    /// The issue of a value that is not in its code list (`allowed` false) or outside the length limits.
    private func issue(
        _ row: X12ElementRule, severity: ElementIssue.Severity, segment: X12Segment,
        value: UnsafeBufferPointer<UInt8>, length: Int, allowed: Bool
    ) -> ElementIssue {
        guard allowed else {
            let codes = row.codes ?? []
            // A code is no personal data; a longer value may be anything, so only its length is shown.
            let shown = length <= row.maxLength ? String(decoding: value, as: UTF8.self) : nil
            return ElementIssue(
                severity: severity, rule: codeRule, segment: segment.position, segmentID: row.segmentID,
                element: row.name, length: length, value: shown, allowed: codes,
                message: "\(row.name) "
                    + (shown.map { "'\($0)'" } ?? "(a value of \(length) characters)")
                    + " is not in its code list: \(codes.joined(separator: ", "))")
        }
        let limits =
            row.minLength == row.maxLength ? "exactly \(row.minLength)" : "\(row.minLength) to \(row.maxLength)"
        return ElementIssue(
            severity: severity, rule: lengthRule, segment: segment.position, segmentID: row.segmentID,
            element: row.name, length: length, value: nil, allowed: [],
            message: "\(row.name) is \(length) characters long; the guide allows \(limits)")
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

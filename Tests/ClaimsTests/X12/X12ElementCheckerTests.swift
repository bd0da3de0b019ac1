import Claims
import Formats
import Testing

@Suite("X12 code lists and element lengths")
struct X12ElementCheckerTests {
    /// One segment, at position 7, with `*` elements and `:` components.
    static func segment(_ text: String) throws -> X12Segment {
        let isa =
            "ISA*00*          *00*          *ZZ*PAYER          *ZZ*DROPGATE       *250310*0930*^*00501*000000001*0*T*:~"
        var tokenizer = X12Tokenizer()
        var segments: [X12Segment] = []
        let bytes = Array((isa + "GS*HP*A*B*20250310*0930*1*X*005010X221A1~ST*835*0001~AAA~BBB~CCC~" + text + "~").utf8)
        try bytes.withUnsafeBufferPointer { try tokenizer.feed($0) { segments.append($0) } }
        return try #require(segments.last)
    }

    @Test(
        "each rule fires on a crafted segment, naming the element, its position and the allowed codes",
        arguments: [
            (
                "CLP*PCN1*99*100*0**MC", X12ElementChecker.remittance, "835-code-invalid", "CLP02",
                ElementIssue.Severity.error
            ),
            ("CLP*PCN1*1*100*0**QQ", .remittance, "835-code-invalid", "CLP06", .warning),
            ("CAS*XX*45*10", .remittance, "835-code-invalid", "CAS01", .error),
            ("BPR*I*10*Q*CHK", .remittance, "835-code-invalid", "BPR03", .error),
            ("BPR*I*10*C*XYZ", .remittance, "835-code-invalid", "BPR04", .error),
            ("SVC*ZZ:92507*10*10", .remittance, "835-code-invalid", "SVC01-01", .warning),
            ("CLP*\(String(repeating: "P", count: 39))*1*100*0", .remittance, "835-length-invalid", "CLP01", .warning),
            ("DTM*472*2025031", .remittance, "835-length-invalid", "DTM02", .warning),
            ("AK9*Q*1*1*1", X12ElementChecker.acknowledgment, "999-code-invalid", "AK901", .error),
            ("IK5*Z", .acknowledgment, "999-code-invalid", "IK501", .error),
            ("IK3*SV1*26*2400*99", .acknowledgment, "999-code-invalid", "IK304", .warning),
            ("AK1*HC*1234567890*005010X222A1", .acknowledgment, "999-length-invalid", "AK102", .warning),
            (
                "TA1*000000417*250310*0930*Z*000", X12ElementChecker.interchangeAcknowledgment, "ta1-code-invalid",
                "TA104", .error
            ),
            ("TA1*000000417*250310*0930*A*999", .interchangeAcknowledgment, "ta1-code-invalid", "TA105", .warning),
            ("TA1*41700*250310*0930*A*000", .interchangeAcknowledgment, "ta1-length-invalid", "TA101", .warning),
        ] as [(String, X12ElementChecker, String, String, ElementIssue.Severity)])
    func fires(text: String, checker: X12ElementChecker, rule: String, element: String, severity: ElementIssue.Severity)
        throws
    {
        let segment = try Self.segment(text)
        let issues = checker.check(segment)
        #expect(issues.count == 1, "\(issues)")
        let issue = try #require(issues.first)
        #expect(issue.rule.rawValue == rule)
        #expect(issue.element == element)
        #expect(issue.severity == severity)
        #expect(issue.segment == 7 && issue.segmentID == segment.id)
        #expect(issue.message.hasPrefix(element))
        if rule.hasSuffix("code-invalid") {
            #expect(!issue.allowed.isEmpty && issue.message.contains(issue.allowed.joined(separator: ", ")))
        } else {
            #expect(issue.value == nil && issue.message.contains("\(issue.length) characters"))
        }
        if severity == .error {
            #expect(throws: X12Error(segment: 7, segmentID: segment.id, message: issue.message, rule: rule)) {
                try checker.enforce(segment)
            }
        } else {
            #expect(try checker.enforce(segment) == issues)
        }
    }

    @Test("a long id is reported by its length, never by its value; numbers count digits only")
    func noPersonalValues() throws {
        let name = String(repeating: "GARCIA", count: 11)
        let issues = X12ElementChecker.remittance.check(try Self.segment("NM1*QC*1*\(name)*ANA****MI*M123"))
        #expect(issues.map(\.element) == ["NM103"])
        #expect(issues.allSatisfy { $0.value == nil && !$0.message.contains("GARCIA") })
        #expect(X12ElementChecker.remittance.check(try Self.segment("CLP*PCN1*1*-123456789012345.67*0")) == [])
        #expect(
            X12ElementChecker.remittance.check(try Self.segment("CLP*PCN1*1*1234567890123456789*0")).map(\.element) == [
                "CLP03"
            ])
    }

    @Test("the 835 reader emits warnings as events and throws errors with the rule")
    func remittanceReaderHook() throws {
        var reader = RemittanceReader()
        var events: [RemittanceEvent] = []
        try reader.read(try Self.segment("CLP*PCN1*1*100*0**QQ")) { events.append($0) }
        #expect(events.count == 1)
        if case .element(let issue) = events.first {
            #expect(issue.element == "CLP06")
        } else {
            Issue.record("\(events)")
        }
        #expect(throws: X12Error.self) { try reader.read(try Self.segment("CLP*PCN1*99*100*0")) { _ in } }
        do {
            try reader.read(try Self.segment("CLP*PCN1*99*100*0")) { _ in }
        } catch let error as X12Error {
            #expect(error.rule == "835-code-invalid" && error.segment == 7 && error.message.hasPrefix("CLP02 '99'"))
        }
    }

    @Test("a TA1 keeps its warnings and throws on an invalid TA104 with the rule")
    func interchangeAcknowledgmentHook() throws {
        let noted = try InterchangeAcknowledgment(try Self.segment("TA1*000000417*250310*0930*A*999"))
        #expect(noted.elementIssues.map(\.rule) == [.interchangeCode])
        #expect(throws: X12Error.self) {
            try InterchangeAcknowledgment(try Self.segment("TA1*000000417*250310*0930*Z*000"))
        }
    }
}

import Testing

@testable import Formats

@Suite struct X12TransactionKindTests {
    func segments(_ texts: [String]) -> [X12Segment] {
        texts.enumerated().map { index, text in
            X12Segment(
                position: index + 1,
                elements: text.split(separator: "*", omittingEmptySubsequences: false).map(String.init))
        }
    }

    @Test(arguments: [
        (["ISA*00", "GS*HP*P*D*20251121*1200*1*X*005010X221A1", "ST*835*0001"], X12TransactionKind.remittance835),
        (["ISA*00", "GS*FA*P*D*20251121*1200*1*X*005010X231A1", "ST*999*0001*005010X231A1"], .acknowledgment999),
        (["ISA*00", "GS*HC*P*D*20251121*1200*1*X*005010X222A1", "ST*837*0001*005010X222A1"], .claim837),
        (["ISA*00", "TA1*000000101*251121*1200*R*022", "IEA*0*000000007"], .interchangeAcknowledgmentTA1),
        (
            ["ISA*00", "TA1*000000101*251121*1200*A*000", "GS*FA*P*D*20251121*1200*1*X*005010X231A1", "ST*999*1"],
            .acknowledgment999
        ),
    ])
    func kindsAreToldFromTheFirstSegments(texts: [String], kind: X12TransactionKind) {
        #expect(X12TransactionKind.detect(segments(texts)) == kind)
    }

    @Test func unknownOrContradictoryEnvelopesAreNil() {
        #expect(X12TransactionKind.detect(segments(["ISA*00", "GS*HP*P*D*1*1*1*X*V", "ST*999*0001"])) == nil)
        #expect(X12TransactionKind.detect(segments(["ISA*00", "GS*IN*P*D*1*1*1*X*V", "ST*810*0001"])) == nil)
        #expect(X12TransactionKind.detect(segments(["GS*HP*P*D*1*1*1*X*V", "ST*835*0001"])) == nil)
        #expect(X12TransactionKind.detect(segments(["ISA*00", "IEA*0*000000001"])) == nil)
    }
}

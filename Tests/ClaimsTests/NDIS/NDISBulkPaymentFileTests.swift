import Claims
import Testing
import Values

@Suite struct NDISBulkPaymentFileTests {
    static let header =
        "RegistrationNumber,NDISNumber,SupportsDeliveredFrom,SupportsDeliveredTo,SupportNumber,ClaimReference,"
        + "Quantity,Hours,UnitPrice,GSTCode,AuthorisedBy,ParticipantApproved,InKindFundingProgram,ClaimType,"
        + "CancellationReason,ABN of Support Provider\r\n"

    static func day(_ year: Int, _ month: Int, _ day: Int) throws -> Day {
        try #require(Day(year: year, month: month, day: day))
    }

    static func valid() throws -> NDISPaymentRequest {
        NDISPaymentRequest(
            registrationNumber: "4050012345", ndisNumber: "431234567", deliveredFrom: try day(2025, 3, 1),
            deliveredTo: try day(2025, 3, 7), supportNumber: "01_011_0107_1_1", claimReference: "INV-2025/031_7",
            quantity: "2.5", unitPrice: Money(cents: 6_747), gstCode: .gstFree, abn: "51824753556")
    }

    @Test func writesTheHeaderAndRowsWithCRLF() throws {
        var cancelled = try Self.valid()
        cancelled.claimReference = ""
        cancelled.quantity = ""
        cancelled.hours = "1"
        cancelled.unitPrice = Money(cents: 19_399)
        cancelled.gstCode = .taxable
        cancelled.claimType = .cancellation
        cancelled.cancellationReason = .health
        cancelled.abn = ""
        let requests = [try Self.valid(), cancelled]
        #expect(NDISBulkPaymentFile.validate(requests).isEmpty)
        let expected =
            Self.header
            + "4050012345,431234567,2025/03/01,2025/03/07,01_011_0107_1_1,INV-2025/031_7,2.5,,67.47,P2,,,,,,51824753556\r\n"
            + "4050012345,431234567,2025/03/01,2025/03/07,01_011_0107_1_1,,,1,193.99,P1,,,,CANC,NSDH,\r\n"
        #expect(NDISBulkPaymentFile.write(requests) == Array(expected.utf8))
    }

    @Test func writesDayMonthYearWhenAsked() throws {
        let bytes = NDISBulkPaymentFile.write([try Self.valid()], dateStyle: .dayMonthYear)
        #expect(String(decoding: bytes, as: UTF8.self).contains(",01/03/2025,07/03/2025,"))
    }

    @Test func aHeaderOnlyFileForNoRows() {
        #expect(NDISBulkPaymentFile.write([]) == Array(Self.header.utf8))
    }

    @Test func quotesOnlyWhenNeeded() throws {
        var request = try Self.valid()
        request.supportNumber = "01,\"X\""
        let text = String(decoding: NDISBulkPaymentFile.write([request]), as: UTF8.self)
        #expect(text.contains(",2025/03/07,\"01,\"\"X\"\"\",INV-2025/031_7,"))
    }

    @Test(arguments: [
        (NDISRule.registrationNumber, NDISColumn.registrationNumber),
        (.ndisNumber, .ndisNumber), (.datesOrder, .supportsDeliveredTo), (.supportNumber, .supportNumber),
        (.claimReference, .claimReference), (.quantityOrHours, .quantity), (.quantityFormat, .quantity),
        (.hoursFormat, .hours), (.unitPrice, .unitPrice), (.cancellationReason, .cancellationReason),
        (.abn, .abn),
    ])
    func eachRuleFailsAlone(rule: NDISRule, column: NDISColumn) throws {
        var request = try Self.valid()
        switch rule {
        case .registrationNumber: request.registrationNumber = "40500A2345"
        case .ndisNumber: request.ndisNumber = "43123456"
        case .datesOrder: request.deliveredTo = try Self.day(2025, 2, 28)
        case .supportNumber: request.supportNumber = ""
        case .claimReference: request.claimReference = String(repeating: "A", count: 51)
        case .quantityOrHours: request.hours = "1.5"
        case .quantityFormat: request.quantity = "1234.5"
        case .hoursFormat:
            request.quantity = ""
            request.hours = "1:30"
        case .unitPrice: request.unitPrice = Money(cents: 1_000_000_000)
        case .cancellationReason: request.cancellationReason = .transport
        case .abn: request.abn = "5182475355"
        case .fileNameLength, .fileNameExtension: Issue.record("not a row rule")
        }
        let violations = NDISBulkPaymentFile.validate([try Self.valid(), request])
        #expect(violations.map(\.rule) == [rule])
        #expect(violations.first?.row == 2 && violations.first?.column == column)
    }

    @Test func theRuleEdges() throws {
        var request = try Self.valid()
        request.claimType = .cancellation
        request.cancellationReason = nil
        request.quantity = "12345"
        request.claimReference = String(repeating: "a", count: 50)
        request.unitPrice = Money(cents: 999_999_999)
        request.deliveredTo = request.deliveredFrom
        let violations = NDISBulkPaymentFile.validate([request])
        #expect(violations.map(\.rule) == [.cancellationReason])
        #expect(
            violations.first?.description
                == "row 1, CancellationReason: ndis-cancellation-reason: is required when ClaimType is CANC")
        for bad in ["123456", "1234.5", "12.345", ".5", "1.", "-1", "1e3", "1.2.3"] {
            request.quantity = bad
            #expect(
                NDISBulkPaymentFile.validate([request]).map(\.rule) == [.quantityFormat, .cancellationReason], "\(bad)")
        }
        request.quantity = ""
        #expect(NDISBulkPaymentFile.validate([request]).map(\.rule) == [.quantityOrHours, .cancellationReason])
        request.unitPrice = Money(cents: -1)
        #expect(NDISBulkPaymentFile.validate([request]).contains { $0.rule == .unitPrice })
    }

    @Test func fileNames() {
        #expect(NDISBulkPaymentFile.fileName(batch: 42) == "BPR000042.csv")
        #expect(NDISBulkPaymentFile.fileName(batch: .max) == "BPR4294967295.csv")
        #expect(NDISBulkPaymentFile.fileNameProblems(NDISBulkPaymentFile.fileName(batch: .max)).isEmpty)
        #expect(NDISBulkPaymentFile.fileNameProblems("ABCDEFGHIJKLMNOP.csv").isEmpty)
        #expect(NDISBulkPaymentFile.fileNameProblems("ABCDEFGHIJKLMNOPQ.csv") == [.fileNameLength])
        #expect(NDISBulkPaymentFile.fileNameProblems("claims.txt") == [.fileNameExtension])
        #expect(NDISBulkPaymentFile.fileNameProblems(".csv") == [.fileNameExtension])
    }
}

import Claims
import Foundation
import TestThreads
import Testing
import Values

@testable import Gateway
@testable import Store

/// NDIS claim builds through the gateway and SQLite with the shipped `ndis-demo` profile (riverside-usd).
@Suite(.blocking) struct NDISClaimBuildTests {
    static let roster = """
        Student ID,School,Last Name,First Name,Birthdate,Grade,Sex
        2001,1,Lee,Amy,03/04/2012,5,F
        2002,1,Ward,Tom,04/05/2013,4,M
        2003,1,Cole,Kim,05/06/2011,6,F

        """
    static let members = """
        MemberId,CIN,LastName,FirstName,DateOfBirth,EligibilityStart,EligibilityEnd,AidCode,PlanCode,CountyCode
        430000001,,Lee,Amy,2012-03-04,2026-07-01,,,NDIS01,
        43000002,,Ward,Tom,2013-04-05,2026-07-01,,,NDIS01,

        """
    static let practitioners = """
        NPI,Name,Type,License,Valid From,Valid To
        1234567893,"Rivera, Ana",SLP,SP-20417,08/01/2020,

        """
    static let services = """
        Student ID,Service Date,Start Time,End Time,Minutes,Billing Code,Modifiers,Units,Place of Service,Rendering NPI,Rendering Name,Diagnosis Codes,Group or Individual,Parental Consent
        2001,10/05/2026,09:00,09:30,30,92507,,1,03,1234567893,"Rivera, Ana",F80.2,I,Y
        2001,10/06/2026,09:00,09:30,30,T1017,,2,03,1234567893,"Rivera, Ana",F84.0,I,Y
        2002,10/05/2026,09:00,09:30,30,92507,,1,03,1234567893,"Rivera, Ana",F80.2,I,Y
        2003,10/05/2026,09:00,09:30,30,92507,,1,03,1234567893,"Rivera, Ana",F80.2,I,Y

        """

    /// A riverside-usd gateway with the roster, the NDIS member batch, the practitioner roster and the services
    /// loaded.
    static func loaded(_ workspace: Workspace) throws -> Gateway {
        let gateway = try workspace.gateway(today: ClaimBuildTests.today)
        for (name, text) in [
            ("students.csv", roster), ("member_batch.csv", members), ("practitioners.csv", practitioners),
            ("spi_services.csv", services),
        ] {
            let job = try gateway.ingest(path: workspace.write(name, text), source: "riverside-usd")
            #expect(job.state == .done, "\(name): \(job.lastError ?? "")")
            let jobID = try #require(job.id)
            #expect(try gateway.ledger.jobs.exceptions(jobID: jobID).map(\.message) == [], "\(name)")
        }
        return gateway
    }

    @Test func servicesBecomeOneBulkPaymentFileWithARowPerLine() throws {
        let workspace = try Workspace()
        let gateway = try Self.loaded(workspace)
        let summary = try gateway.buildClaims(payer: "ndis-demo")
        #expect(summary.servicesConsidered == 4)
        #expect(summary.servicesBilled == 2)
        #expect(summary.excluded == ["ndis-number-invalid": 1, "not-eligible": 1])
        #expect(summary.claims == 1)
        #expect(summary.totalCents == 19399 + 2 * 2503)
        let file = try #require(summary.file)
        let name = (file as NSString).lastPathComponent
        #expect(file.hasSuffix("/ndis-demo/ndis/BPR000001.csv"))
        #expect(name.count <= NDISBulkPaymentFile.maxFileNameLength)
        #expect(NDISBulkPaymentFile.fileNameProblems(name) == [])
        let expected =
            "RegistrationNumber,NDISNumber,SupportsDeliveredFrom,SupportsDeliveredTo,SupportNumber,ClaimReference,"
            + "Quantity,Hours,UnitPrice,GSTCode,AuthorisedBy,ParticipantApproved,InKindFundingProgram,ClaimType,"
            + "CancellationReason,ABN of Support Provider\r\n"
            + "4050000000,430000001,2026/10/05,2026/10/05,15_622_0128_1_3,DG000000001-1,1,,193.99,P2,,,,,,12345678901\r\n"
            + "4050000000,430000001,2026/10/06,2026/10/06,07_002_0106_8_3,DG000000001-2,2,,25.03,P2,,,,,,12345678901\r\n"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(String(decoding: bytes, as: UTF8.self) == expected)

        let batchID = try #require(summary.batchID)
        let batch = try #require(try gateway.ledger.claims.claimBatch(id: batchID))
        #expect(batch.state == .built)
        #expect(batch.format == .ndis)
        #expect(batch.claims == 1 && batch.lines == 2 && batch.totalCents == 24405)
        #expect(batch.bytes == Int64(bytes.count))
        #expect(batch.sha256 == (try Deliverer.sha256(of: file)))

        let report = try workspace.read(try #require(summary.exceptionReport))
        #expect(report.contains("riverside-usd,2002,2026-10-05,09:00,1234567893,92507,ndis-number-invalid,"))

        let again = try gateway.buildClaims(payer: "ndis-demo")
        #expect(again.servicesBilled == 0)
        #expect(again.batchID == nil && again.file == nil)
        #expect(try gateway.ledger.claims.claimBatches(payer: "ndis-demo").count == 1)
    }

    @Test func aRowBreakingTheFileRulesLeavesTheBatchUnwritten() throws {
        let mappings = FileManager.default.temporaryDirectory.appendingPathComponent("ndis-mappings-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: mappings) }
        try FileManager.default.copyItem(atPath: Workspace.repositoryRoot + "/Mappings", toPath: mappings)
        let profile = mappings + "/payers/ndis-demo.yaml"
        let text = try String(contentsOfFile: profile, encoding: .utf8)
        try text.replacingOccurrences(of: "15_622_0128_1_3", with: "15.622.0128")
            .write(toFile: profile, atomically: true, encoding: .utf8)
        let workspace = try Workspace(mappings: mappings)
        let gateway = try Self.loaded(workspace)
        #expect {
            try gateway.buildClaims(payer: "ndis-demo")
        } throws: { error in
            let message = (error as? GatewayError)?.message ?? ""
            return message.contains("row 1, SupportNumber: ndis-support-number")
                && !message.contains("row 2")
        }
        let batches = try gateway.ledger.claims.claimBatches(payer: "ndis-demo")
        #expect(batches.map(\.state) == [.writing])
        let unwritten = try #require(batches.first)
        #expect(!FileManager.default.fileExists(atPath: unwritten.file))
        let folder = workspace.root + "/Outbox/ndis-demo/ndis"
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder))?.isEmpty ?? true)

        // The operator gives the batch up: its services are billable again, under a new control number.
        try gateway.discardBatch(id: unwritten.id)
        #expect(try gateway.ledger.claims.claimBatch(id: unwritten.id)?.state == .rejected)
        #expect(try gateway.ledger.dump(sql: "SELECT COUNT(*) FROM billed_services") == [["0"]])
        #expect(throws: StoreError.self) { try gateway.discardBatch(id: unwritten.id) }
        #expect(throws: GatewayError.self, "the profile is still broken") {
            try gateway.buildClaims(payer: "ndis-demo")
        }
        #expect(try gateway.ledger.claims.claimBatches(payer: "ndis-demo").map(\.interchangeControl) == [2, 1])
    }
}

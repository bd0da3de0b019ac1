import Foundation
import Mapping
import TestThreads
import Testing

@testable import Gateway
@testable import Store

@Suite(.blocking) struct MemberBatchTests {
    @Test func batchLoadsMatchesStudentsAndWritesTheReconciliationReport() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        _ = try gateway.ingest(
            path: workspace.write(
                "students.csv",
                "Student ID,School,Last Name,First Name,Birthdate,Grade,CIN\n1001,1,Hernández,José,04/12/2012,5,91234567A\n1002,1,Nguyen,Mai,05/13/2013,4,\n1003,1,Smith,Sam,06/14/2011,6,\n1004,1,Smith,Sam,06/14/2011,6,\n"
            ),
            source: "lincoln-usd")
        let batch = """
            MemberId,CIN,LastName,FirstName,DateOfBirth,EligibilityStart,EligibilityEnd,AidCode
            M1,91234567A,HERNANDEZ,JOSE,2012-04-12,2025-07-01,,1X
            M2,,nguyen,mai,2013-05-13,2025-07-01,2026-06-30,34
            M3,,Smith,Sam,2011-06-14,2025-07-01,,1X
            M4,,Nobody,Known,2014-05-05,2025-07-01,,1X
            M5,9123456B,Bad,Cin,2014-05-05,2025-07-01,,1X
            M6,,Back,Wards,2014-05-05,2026-06-30,2025-07-01,1X

            """
        let job = try gateway.ingest(path: workspace.write("member_batch.csv", batch), source: "lincoln-usd")
        #expect(job.kind == "member-batch-csv")
        #expect(job.inserted == 4)
        #expect(
            try gateway.ledger.jobs.exceptions(jobID: #require(job.id)).map(\.ruleId) == [
                "pattern", "eligibility-start-after-end",
            ])
        let spans = try gateway.ledger.dump(
            sql:
                "SELECT student_id, member_id, eligibility_end, matched_by FROM student_eligibility ORDER BY student_id"
        )
        #expect(spans == [["1001", "M1", "NULL", "cin"], ["1002", "M2", "2026-06-30", "name-birthdate"]])
        let reports = try FileManager.default.contentsOfDirectory(
            atPath: workspace.root + "/Outbox/lincoln-usd/reports")
        let summaryName = try #require(reports.first { $0.hasSuffix(".members.json") })
        let summary = try JSONDecoder().decode(
            MemberReconciliation.Summary.self,
            from: Data(contentsOf: URL(fileURLWithPath: workspace.root + "/Outbox/lincoln-usd/reports/" + summaryName)),
            snakeCase: true)
        #expect(summary.members == 4)
        #expect(summary.matched == 2)
        #expect(summary.ambiguous == 1)
        #expect(summary.unmatched == 1)
        #expect(summary.matchedPercent == 50)
        let details = try workspace.read(workspace.root + "/Outbox/lincoln-usd/reports/" + summary.details)
        #expect(details.contains("M3,,Smith,Sam,2011-06-14,ambiguous,several students fit,1003;1004"))
        #expect(details.contains("M4,,Nobody,Known,2014-05-05,unmatched,"))
    }
}

extension JSONDecoder {
    fileprivate func decode<T: Decodable>(_ type: T.Type, from data: Data, snakeCase: Bool) throws -> T {
        keyDecodingStrategy = snakeCase ? .convertFromSnakeCase : .useDefaultKeys
        return try decode(type, from: data)
    }
}

@Suite(.blocking) struct XMLMemberBatchTests {
    static let roster =
        "Student ID,School,Last Name,First Name,Birthdate,Grade,CIN\n1001,1,Hernández,José,04/12/2012,5,91234567A\n1002,1,Nguyen,Mai,05/13/2013,4,\n"

    func member(_ id: String, cin: String = "", last: String, first: String, dob: String, start: String = "2025-07-01")
        -> String
    {
        let cinElement = cin.isEmpty ? "" : "<m:CIN>\(cin)</m:CIN>"
        return """
            <m:Member plan="HP1"><m:MemberId>\(id)</m:MemberId>\(cinElement)<m:Name><m:Last>\(last)</m:Last>\
            <m:First>\(first)</m:First></m:Name><m:DateOfBirth>\(dob)</m:DateOfBirth>\
            <m:Eligibility start="\(start)"/><m:AidCode>1X</m:AidCode></m:Member>
            """
    }

    func ingest(_ body: String) throws -> (Gateway, JobRecord) {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        _ = try gateway.ingest(path: workspace.write("students.csv", Self.roster), source: "lincoln-usd")
        let document =
            "<?xml version=\"1.0\"?>\n<m:Batch xmlns:m=\"urn:x\"><m:Members>\n\(body)\n</m:Members></m:Batch>\n"
        return (gateway, try gateway.ingest(path: workspace.write("member_batch.xml", document), source: "lincoln-usd"))
    }

    @Test func xmlMembersStreamValidateAndReconcile() throws {
        let (gateway, job) = try ingest(
            [
                member("M1", cin: "91234567A", last: "X", first: "Y", dob: "2012-04-12"),
                member("M2", last: "NGUYEN", first: "mai", dob: "2013-05-13"),
                member("M3", cin: "9123", last: "Bad", first: "Cin", dob: "2013-05-13"),
            ].joined(separator: "\n"))
        #expect(job.kind == "member-batch-xml")
        #expect(job.rowsRead == 3)
        #expect(job.inserted == 2)
        let exceptions = try gateway.ledger.jobs.exceptions(jobID: #require(job.id))
        #expect(exceptions.map(\.ruleId) == ["pattern"])
        #expect(exceptions.first?.row == 5, "the line of the record's start tag")
        #expect(exceptions.first?.columnName == "CIN")
        let spans = try gateway.ledger.dump(
            sql: "SELECT student_id, matched_by, plan_code FROM student_eligibility ORDER BY 1")
        #expect(spans == [["1001", "cin", "HP1"], ["1002", "name-birthdate", "HP1"]])
    }

    @Test func aMalformedDocumentIsRejectedAndLoadsNothing() throws {
        let (gateway, job) = try ingest(
            member("M1", cin: "91234567A", last: "X", first: "Y", dob: "2012-04-12")
                + "\n<m:Member><m:MemberId>M2</m:Oops>")
        #expect(job.state == .rejected)
        let exceptions = try gateway.ledger.jobs.exceptions(jobID: #require(job.id))
        #expect(exceptions.map(\.ruleId) == ["xml-malformed"])
        #expect(exceptions.first?.message.contains("nothing was loaded") == true)
        #expect(try gateway.ledger.dump(sql: "SELECT count(*) FROM eligibility_members") == [["0"]])
    }
}

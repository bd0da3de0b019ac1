import Foundation
import TestThreads
import Testing

/// The district data rules through the real binary: newer wins (`stale` on the receipt, in `run --once --json`
/// and in `jobs`), the derived attendance percentage, and `mappings check` on misused keys.
@Suite(.serialized, .blocking) struct DistrictRulesTests {
    static let roster = "Student ID,School,Last Name,First Name,Birthdate,Grade\n40100,1,A,B,01/02/2012,5\n"
    static let header = "Student ID,School,Date,All Day,Period 1,Period 2,Period 3,Modified\n"

    @Test func anOlderExportIsCountedStaleOnTheReceiptAndInTheJobList() throws {
        let scratch = try Scratch()
        try scratch.write("Inbox/lincoln-usd/students.csv", Self.roster)
        try scratch.write(
            "Inbox/lincoln-usd/attendance_newer.csv", Self.header + "40100,1,09/08/2025,,P,N,P,09/10/2025\n")
        let first = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        try scratch.write(
            "Inbox/lincoln-usd/attendance_older.csv", Self.header + "40100,1,09/08/2025,I,I,I,I,09/08/2025\n")
        let second = try Binary.run(["run", "--once", "--json"], in: scratch.root)
        #expect(second.status == 0, "\(second.stderr)")
        let jobs = try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [[String: Any]] ?? []
        let older = try #require(jobs.first { $0["original_name"] as? String == "attendance_older.csv" }, "\(jobs)")
        #expect(older["stale"] as? Int == 1)
        #expect(older["updated"] as? Int == 0)
        #expect(older["rejected"] as? Int == 0)
        let receiptName = try #require(
            scratch.files(under: "Outbox/lincoln-usd/reports").first {
                $0.contains("attendance_older") && $0.hasSuffix(".receipt.json")
            })
        let receipt = try scratch.json("Outbox/lincoln-usd/reports/\(receiptName)")
        #expect(receipt["stale"] as? Int == 1)
        #expect(receipt["rows_read"] as? Int == 1)
        let newerReceipt = try #require(
            scratch.files(under: "Outbox/lincoln-usd/reports").first {
                $0.contains("attendance_newer") && $0.hasSuffix(".receipt.json")
            })
        #expect(try scratch.json("Outbox/lincoln-usd/reports/\(newerReceipt)")["inserted"] as? Int == 1)
        let table = try Binary.run(["jobs"], in: scratch.root)
        #expect(table.stdout.contains("STALE"))
        let detail = try Binary.run(["job", String(try #require(older["id"] as? Int))], in: scratch.root)
        #expect(detail.stdout.split(separator: "\n").contains { $0.hasPrefix("stale ") && $0.hasSuffix(" 1") })
        // The stored row is the newer one, its percentage derived from its periods (2 of 3 attended).
        let exceptions = try Binary.run(
            ["exceptions", String(try #require(older["id"] as? Int)), "--format", "csv"], in: scratch.root)
        #expect(exceptions.stdout == "row,column,field,rule_id,severity,message,value\r\n")
    }

    @Test func misusedDistrictKeysAreReportedWithFileAndLine() throws {
        let scratch = try Scratch()
        try scratch.write(
            "Mappings/growth.yaml",
            """
            kind: growth-demo
            match: { filename: "*.growth" }
            target: iready_diagnostics
            key: [student_id, subject, completion_date]
            sequence: { field: diagnostic_number, partition: [student_id, subject, academic_year], order: [completion_date] }
            growth:
              score: overall_scale_score
              gain: gain_points
            fields:
              student_id: { column: "ID" }
              subject: { value: Math }
              academic_year: { column: "Year" }
              completion_date: { column: "Date", type: date }
              overall_scale_score: { column: "Score", type: int }

            """)
        try scratch.write(
            "Mappings/modified.yaml",
            """
            kind: modified-demo
            match: { filename: "*.modified" }
            target: attendance
            key: [student_id, date]
            modified: modified_on
            fields:
              student_id: { column: "ID" }
              date: { column: "Date", type: date }
              modified_on: { column: "Modified", type: date, store: false }

            """)
        let check = try Binary.run(["mappings", "check"], in: scratch.root)
        #expect(check.status == 1)
        #expect(
            check.stderr.contains(
                "Mappings/growth.yaml:7: growth column 'gain_points' is not a column of table iready_diagnostics"),
            "\(check.stderr)")
        #expect(
            check.stderr.contains("Mappings/modified.yaml:5:11: modified: modified field 'modified_on' must be stored"),
            "\(check.stderr)")
    }
}

import Foundation
import Mapping
import TestThreads
import Testing
import Values

@testable import Gateway
@testable import Store

/// "If newer data, update; else skip": attendance rows compared by the record's own modification date.
@Suite(.blocking) struct NewerWinsTests {
    static let header = "Student ID,School,Date,All Day,Daily Attendance Percentage,Period 1,Modified\n"

    let workspace: Workspace
    let gateway: Gateway

    init() throws {
        workspace = try Workspace()
        gateway = try workspace.gateway()
        _ = try gateway.ingest(path: workspace.write("students.csv", Workspace.roster), source: "lincoln-usd")
    }

    func drop(_ name: String, _ rows: String) throws -> JobRecord {
        try gateway.ingest(path: workspace.write(name, Self.header + rows), source: "lincoln-usd")
    }

    func stored() throws -> [[String]] {
        try gateway.ledger.dump(
            sql: "SELECT student_id, daily_pct, modified_at FROM attendance ORDER BY student_id")
    }

    @Test func anOlderExportArrivingLateIsStaleAndLeavesTheNewerRows() throws {
        let newer = try drop(
            "attendance_newer.csv", "1001,1,09/08/2025,,100,P,09/09/2025\n1002,1,09/08/2025,,100,P,09/09/2025\n")
        #expect(newer.inserted == 2)
        let older = try drop(
            "attendance_older.csv",
            "1001,1,09/08/2025,I,0,I,09/08/2025\n1002,1,09/08/2025,,100,P,09/09/2025\n1003,2,09/08/2025,,100,P,09/08/2025\n"
        )
        #expect(older.state == .done)
        #expect(older.stale == 1, "1001 is older than the stored row")
        #expect(older.unchanged == 1, "1002 has the same modification date")
        #expect(older.inserted == 1)
        #expect(older.updated == 0)
        #expect(older.rejected == 0)
        #expect(
            try stored() == [
                ["1001", "100", "2025-09-09"], ["1002", "100", "2025-09-09"], ["1003", "100", "2025-09-08"],
            ])
        let receipt = try workspace.receipt(older)
        #expect(receipt.stale == 1)
        #expect(
            receipt.rowsRead == receipt.inserted + receipt.updated + receipt.unchanged + receipt.stale
                + receipt.rejected)
        #expect(try gateway.ledger.jobs.exceptions(jobID: #require(older.id)).isEmpty, "stale rows are not exceptions")
    }

    @Test func aNewerExportUpdatesAndEqualDatesAreUnchanged() throws {
        _ = try drop("attendance_1.csv", "1001,1,09/08/2025,,100,P,09/08/2025\n")
        let same = try drop("attendance_2.csv", "1001,1,09/08/2025,I,0,I,09/08/2025\n")
        #expect(same.unchanged == 1)
        #expect(same.stale == 0)
        let newer = try drop("attendance_3.csv", "1001,1,09/08/2025,I,0,I,09/10/2025\n")
        #expect(newer.updated == 1)
        #expect(try stored() == [["1001", "0", "2025-09-10"]])
    }

    @Test func rowsWithoutADateFollowTheFileProcessedLast() throws {
        _ = try drop("attendance_1.csv", "1001,1,09/08/2025,,100,P,09/09/2025\n")
        let undated = try drop("attendance_2.csv", "1001,1,09/08/2025,I,0,I,\n")
        #expect(undated.updated == 1)
        #expect(undated.stale == 0)
        let dated = try drop("attendance_3.csv", "1001,1,09/08/2025,,100,P,09/01/2025\n")
        #expect(dated.updated == 1, "a stored row without a date is never newer")
    }

    @Test func aKeyRepeatedInOneFileIsStillADuplicateNotStale() throws {
        _ = try drop("attendance_1.csv", "1001,1,09/08/2025,,100,P,09/09/2025\n")
        let job = try drop(
            "attendance_2.csv", "1001,1,09/08/2025,,100,P,09/10/2025\n1001,1,09/08/2025,,100,P,09/01/2025\n")
        #expect(job.updated == 1)
        #expect(job.stale == 0)
        #expect(job.rejected == 1)
        #expect(try gateway.ledger.jobs.exceptions(jobID: #require(job.id)).map(\.ruleId) == ["duplicate-key"])
    }
}

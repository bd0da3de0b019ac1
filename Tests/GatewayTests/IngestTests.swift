import Foundation
import Mapping
import Store
import TestThreads
import Testing

@testable import Gateway

@Suite(.blocking) struct IngestTests {
    @Test func rosterThenAttendanceLoadsGoodRowsAndReportsBadOnes() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        let roster = try gateway.ingest(path: workspace.write("students.csv", Workspace.roster), source: "lincoln-usd")
        #expect(roster.state == .done)
        #expect(roster.inserted == 3)
        let attendance = try gateway.ingest(
            path: workspace.write(
                "attendance.csv",
                Workspace.attendanceHeader + """
                    1001,1,09/08/2025,,100
                    1002,1,09/08/2025,I,0
                    1003,2,02/30/2025,,100
                    1003,2,09/08/2025,,130
                    10A3,2,09/09/2025,,100
                    1004,2,09/09/2025,,100
                    1001,1,09/09/2025,Q,50
                    1002,1,09/09/2025,,0
                    1001,1,09/08/2025,,100

                    """), source: "lincoln-usd")
        #expect(attendance.state == .done)
        #expect(attendance.rowsRead == 9)
        #expect(attendance.inserted == 2)
        #expect(attendance.rejected == 7)
        let rules = try gateway.ledger.jobs.exceptions(jobID: #require(attendance.id)).map { "\($0.row):\($0.ruleId)" }
        #expect(
            rules == [
                "4:invalid-date", "5:above-max", "6:pattern", "7:unmapped-student", "8:not-in-values",
                "9:absence-needs-code", "10:duplicate-key",
            ])
        let receipt = try workspace.receipt(attendance)
        #expect(receipt.rowsRead == receipt.inserted + receipt.updated + receipt.unchanged + receipt.rejected)
        #expect(receipt.kind == "aeries-attendance")
        let report = try workspace.read(try #require(attendance.reportPath))
        #expect(report.hasPrefix("row,column,field,rule_id,severity,message,value\r\n"))
        #expect(report.contains("4,Date,date,invalid-date,error,"))
        #expect(report.contains(",02/30/2025\r\n"))
    }

    @Test func sameRowsAgainAreUnchangedAndChangedRowsUpdate() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        _ = try gateway.ingest(path: workspace.write("students.csv", Workspace.roster), source: "lincoln-usd")
        let changed =
            Workspace.rosterHeader + """
                1001,1,Garcia,Ana,04/12/2012,5,F
                1002,1,Nguyen,Mai,05/13/2013,5,F
                1004,3,Kim,Lee,01/02/2014,3,M

                """
        let second = try gateway.ingest(path: workspace.write("students-2.csv", changed), source: "lincoln-usd")
        #expect(second.unchanged == 1)
        #expect(second.updated == 1)
        #expect(second.inserted == 1)
        let grades = try gateway.ledger.domain.knownValues(table: "students", column: "grade", district: "lincoln-usd")
        #expect(grades.contains("5") && grades.contains("3") && grades.contains("6"))
    }

    @Test func sameBytesAgainIsADuplicateAndNothingReloads() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        let path = try workspace.write("students.csv", Workspace.roster)
        let first = try gateway.ingest(path: path, source: "lincoln-usd")
        let again = try gateway.ingest(path: path, source: "lincoln-usd")
        #expect(again.state == .duplicate)
        #expect(again.duplicateOf == first.id)
        let receipt = try workspace.receipt(again)
        #expect(receipt.state == "duplicate")
        #expect(receipt.rowsRead == 0)
        let other = try gateway.ingest(path: path, source: "riverside-usd")
        #expect(other.state == .done, "identity is (source, sha256): another district's copy is new")
    }

    @Test func unknownFileIsRejectedWithEachMappingsReason() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        let job = try gateway.ingest(
            path: workspace.write("students.csv", "Name,Favourite Colour\nAna,blue\n"), source: "lincoln-usd")
        #expect(job.state == .rejected)
        let messages = try gateway.ledger.jobs.exceptions(jobID: #require(job.id)).map(\.message)
        #expect(messages.contains { $0.hasPrefix("aeries-students: missing column 'Student ID'") })
        #expect(messages.contains { $0.hasPrefix("aeries-attendance: file name does not match") })
        let receipt = try workspace.receipt(job)
        #expect(receipt.state == "rejected")
        #expect(receipt.reason?.contains("no mapping recognises") == true)
    }

    @Test func headersMatchByNameAndAliasNotPosition() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        let text = "grade , BD,Extra Column,LN,FN,SC,Perm ID\n5,2012-04-12,x,Garcia,Ana,1,1001\n"
        let job = try gateway.ingest(path: workspace.write("roster.csv", text), source: "lincoln-usd")
        #expect(job.state == .done)
        #expect(job.inserted == 1)
        #expect(try workspace.receipt(job).ignoredColumns == ["Extra Column"])
    }

    @Test func requeueRunsARejectedJobAgain() throws {
        let workspace = try Workspace()
        workspace.config.sources[0].kinds = ["aeries-attendance"]
        let gateway = try workspace.gateway()
        let job = try gateway.ingest(path: workspace.write("data.csv", Workspace.roster), source: "lincoln-usd")
        #expect(job.state == .rejected, "the source takes attendance only; a roster fits no mapping it may use")
        let again = try gateway.requeue(jobID: #require(job.id))
        #expect(again.state == .rejected)
        #expect(again.attempts == 1)
        let forced = try gateway.ingest(
            path: workspace.write("data2.csv", Workspace.roster), source: "lincoln-usd", kind: "aeries-students")
        #expect(forced.id == job.id, "the same bytes dropped again retry the rejected job")
        #expect(forced.state == .done)
        #expect(forced.inserted == 3)
        #expect(throws: StoreError.self) { try gateway.requeue(jobID: #require(forced.id)) }
    }
}

import Foundation
import Mapping
import TestThreads
import Testing
import Values

@testable import Gateway
@testable import Store

/// The daily attendance percentage derived from the periods by the shipped attendance mapping.
@Suite(.blocking) struct AttendancePercentageLoadTests {
    @Test func theSampleWithoutAPercentageColumnGetsItFromThePeriods() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        let samples = Workspace.repositoryRoot + "/Samples/lincoln-usd/"
        _ = try gateway.ingest(path: samples + "students.csv", source: "lincoln-usd")
        let job = try gateway.ingest(path: samples + "attendance_periods_2025-09-16.csv", source: "lincoln-usd")
        #expect(job.kind == "aeries-attendance")
        #expect(job.inserted == 7)
        #expect(job.rejected == 2)
        #expect(
            try gateway.ledger.jobs.exceptions(jobID: #require(job.id)).map { "\($0.row) \($0.ruleId)" } == [
                "9 absence-needs-code", "10 not-in-values",
            ])
        let rows = try gateway.ledger.dump(
            sql: "SELECT student_id, daily_pct FROM attendance WHERE date = '2025-09-16' ORDER BY student_id")
        #expect(
            rows == [
                ["40100", "100"], ["40101", "100"], ["40102", "83.33"], ["40103", "66.67"], ["40104", "0"],
                ["40105", "NULL"], ["40106", "33.33"],
            ])
    }

    @Test func aGivenPercentageIsKeptAndADisagreementIsAWarning() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        _ = try gateway.ingest(path: workspace.write("students.csv", Workspace.roster), source: "riverside-usd")
        let job = try gateway.ingest(
            path: workspace.write(
                "attendance.csv",
                """
                Student ID,School,Date,All Day,Daily Attendance Percentage,Period 1,Period 2,Period 3,Period 4
                1001,1,09/08/2025,,100,P,T,E,P
                1002,1,09/08/2025,,75,P,T,E,P
                1003,1,09/08/2025,,,P,T,E,P

                """),
            source: "riverside-usd")
        #expect(job.inserted == 3)
        #expect(job.warnings == 1)
        let jobID = try #require(job.id)
        let warning = try #require(try gateway.ledger.jobs.exceptions(jobID: jobID).first)
        #expect(warning.ruleId == "derived-mismatch")
        #expect(warning.row == 2)
        #expect(warning.value == "100")
        #expect(warning.message.contains("100") && warning.message.contains("75"), "\(warning.message)")
        let rows = try gateway.ledger.dump(sql: "SELECT student_id, daily_pct FROM attendance ORDER BY student_id")
        // riverside-usd counts P and T as attended: 3 of 4.
        #expect(rows == [["1001", "100"], ["1002", "75"], ["1003", "75"]])
    }
}

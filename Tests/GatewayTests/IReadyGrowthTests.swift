import Foundation
import Mapping
import TestThreads
import Testing
import Values

@testable import Gateway
@testable import Store

/// i-Ready growth: gain from the year's first diagnostic and progress toward typical and stretch growth,
/// recomputed when a late earlier diagnostic arrives.
@Suite(.blocking) struct IReadyGrowthTests {
    static let header = IReadyTests.header + ",Annual Typical Growth Measure,Annual Stretch Growth Measure"

    static func row(
        _ id: String, date: String, score: String, typical: String = "30", stretch: String = "45",
        year: String = "2025-2026"
    ) -> String {
        IReadyTests.row(id, year: year, date: date, score: score) + ",\(typical),\(stretch)"
    }

    let workspace: Workspace
    let gateway: Gateway

    init() throws {
        workspace = try Workspace()
        workspace.config.currentSchoolYear = SchoolYear(startYear: 2025)
        gateway = try workspace.gateway(today: try #require(Day(year: 2026, month: 5, day: 1)))
        _ = try gateway.ingest(
            path: workspace.write(
                "students.csv", Workspace.rosterHeader + "1001,1,A,B,01/01/2015,4,F\n1002,1,C,D,01/01/2015,4,M\n"),
            source: "lincoln-usd")
    }

    func drop(_ name: String, _ rows: [String]) throws -> JobRecord {
        let text = ([Self.header] + rows).joined(separator: "\n") + "\n"
        return try gateway.ingest(path: workspace.write(name, text), source: "lincoln-usd")
    }

    func growth() throws -> [[String]] {
        try gateway.ledger.dump(
            sql: """
                SELECT student_id, completion_date, diagnostic_number, scale_score_gain, progress_typical,
                       progress_stretch
                FROM iready_diagnostics ORDER BY student_id, completion_date
                """)
    }

    @Test func gainAndProgressFromTheFirstDiagnosticOfTheYear() throws {
        let job = try drop(
            "iready_diagnostic_results_ela_winter.csv",
            [
                Self.row("1001", date: "01/20/2026", score: "540"),
                Self.row("1001", date: "03/15/2026", score: "560", typical: "", stretch: ""),
                Self.row("1001", date: "04/01/2025", score: "470", year: "2024-2025"),
                Self.row("1002", date: "01/21/2026", score: "500", typical: "", stretch: ""),
                Self.row("1002", date: "03/16/2026", score: "499", typical: "", stretch: ""),
            ])
        #expect(job.inserted == 5)
        #expect(
            try growth() == [
                ["1001", "2025-04-01", "1", "0", "0", "0"],
                ["1001", "2026-01-20", "1", "0", "0", "0"],
                // 20 of the baseline's 30 and 45: 66.7 % → 67, 44.4 % → 44.
                ["1001", "2026-03-15", "2", "20", "67", "44"],
                // No growth measure anywhere in the year: gain only.
                ["1002", "2026-01-21", "1", "0", "NULL", "NULL"],
                ["1002", "2026-03-16", "2", "-1", "NULL", "NULL"],
            ])
    }

    @Test func aLateEarlierDiagnosticBecomesTheBaselineAndTheYearIsRecomputed() throws {
        _ = try drop(
            "iready_diagnostic_results_ela_winter.csv",
            [Self.row("1001", date: "01/20/2026", score: "540"), Self.row("1001", date: "03/15/2026", score: "560")])
        let late = try drop(
            "iready_diagnostic_results_ela_fall.csv", [Self.row("1001", date: "09/10/2025", score: "500")])
        #expect(late.inserted == 1)
        #expect(
            try growth() == [
                ["1001", "2025-09-10", "1", "0", "0", "0"],
                // 40 / 30 → 133 %, 40 / 45 → 89 %; 60 / 30 → 200 %, 60 / 45 → 133 %.
                ["1001", "2026-01-20", "2", "40", "133", "89"],
                ["1001", "2026-03-15", "3", "60", "200", "133"],
            ])
    }

    @Test func progressRoundsHalfAwayFromZero() throws {
        _ = try drop(
            "iready_diagnostic_results_ela.csv",
            [
                Self.row("1001", date: "09/10/2025", score: "500", typical: "8", stretch: "40"),
                Self.row("1001", date: "01/20/2026", score: "501", typical: "8", stretch: "40"),
                Self.row("1002", date: "09/10/2025", score: "500", typical: "8", stretch: "40"),
                Self.row("1002", date: "01/20/2026", score: "499", typical: "8", stretch: "40"),
            ])
        // 1 / 8 = 12.5 % → 13; 1 / 40 = 2.5 % → 3; −12.5 % → −13.
        let rows = try growth().map { Array($0[3...]) }
        #expect(rows == [["0", "0", "0"], ["1", "13", "3"], ["0", "0", "0"], ["-1", "-13", "-3"]])
    }
}

import Foundation
import Mapping
import TestThreads
import Testing
import Values

@testable import Gateway
@testable import Store

/// i-Ready diagnostics through the real gateway: recognition by header, every rule, numbering and seasons.
@Suite(.blocking) struct IReadyTests {
    static let header = [
        "Student ID", "Student Grade", "Academic Year", "School", "Completion Date", "Norming Window",
        "Most Recent Diagnostic YTD (Y/N)", "Overall Scale Score", "Overall Placement", "Overall Relative Placement",
        "Phonological Awareness Scale Score", "Phonological Awareness Placement", "Phonics Scale Score",
        "Phonics Placement", "High-Frequency Words Scale Score", "High-Frequency Words Placement",
        "Vocabulary Scale Score", "Vocabulary Placement", "Comprehension: Overall Scale Score",
        "Comprehension: Overall Placement",
    ].joined(separator: ",")

    static func row(
        _ id: String, year: String = "2025-2026", date: String = "09/10/2025", window: String = "",
        score: String = "520", placement: String = "Grade 3", relative: String = "1 Grade Level Below",
        phonics: (String, String) = ("510", "Grade 3")
    ) -> String {
        [
            id, "4", year, "Lincoln", date, window, "Y", score, placement, relative, "", "Tested Out", phonics.0,
            phonics.1, "", "Tested Out", "530", "Grade 4", "515", "Grade 3",
        ].joined(separator: ",")
    }

    func load(_ rows: [String], name: String = "iready_diagnostic_results_ela.csv") throws -> (Gateway, JobRecord) {
        let workspace = try Workspace()
        workspace.config.currentSchoolYear = SchoolYear(startYear: 2025)
        let gateway = try workspace.gateway(today: try #require(Day(year: 2026, month: 5, day: 1)))
        _ = try gateway.ingest(
            path: workspace.write(
                "students.csv", Workspace.rosterHeader + "1001,1,A,B,01/01/2015,4,F\n1002,1,C,D,01/01/2015,4,M\n"),
            source: "lincoln-usd")
        let text = ([Self.header] + rows).joined(separator: "\n") + "\n"
        let job = try gateway.ingest(path: workspace.write(name, text), source: "lincoln-usd")
        return (gateway, job)
    }

    func rules(_ gateway: Gateway, _ job: JobRecord) throws -> [String] {
        try gateway.ledger.jobs.exceptions(jobID: #require(job.id)).map(\.ruleId)
    }

    @Test func recognisedAsReadingByItsDomainColumns() throws {
        let (gateway, job) = try load([Self.row("1001")], name: "export.csv")
        #expect(job.state == .done, "a name no i-Ready glob matches: recognised by its headers alone")
        #expect(job.kind == "iready-reading")
        #expect(try rules(gateway, job).contains(RuleID.recognisedByHeaders))
        let (_, named) = try load([Self.row("1001")])
        #expect(named.kind == "iready-reading")
        #expect(named.inserted == 1)
    }

    @Test(arguments: [
        (row("1001", score: "801"), "above-max"), (row("1001", score: "99"), "below-min"),
        (row("1001", placement: "Level 13"), "pattern"), (row("1001", relative: "Way Below"), "not-in-values"),
        (row("1001", phonics: ("", "Grade 3")), "domain-score-required"), (row("1009"), "unmapped-student"),
        (row("1001", year: "2025-2027"), "invalid-school-year"), (row("1001", date: "02/30/2026"), "invalid-date"),
    ])
    func eachRuleRejectsItsRow(row: String, rule: String) throws {
        let (gateway, job) = try load([row])
        #expect(job.rejected == 1)
        #expect(try rules(gateway, job) == [rule])
    }

    @Test func notScoredPlacementsExcuseTheScoreAndLegacySpellingsAreNormalised() throws {
        let (gateway, job) = try load([
            Self.row("1001", relative: "One Grade Below", phonics: ("", "Tested Out")),
            Self.row("1002", relative: "Two Grades Below", phonics: ("", "Max Score")),
        ])
        #expect(job.inserted == 2)
        let placements = try gateway.ledger.domain.knownValues(
            table: "iready_diagnostics", column: "overall_relative_placement", district: "lincoln-usd")
        #expect(placements == ["1 Grade Level Below", "2 Grade Levels Below"])
    }

    @Test func diagnosticsAreNumberedBySchoolYearWithSeasonsAndStatus() throws {
        let (gateway, job) = try load([
            Self.row("1001", date: "01/20/2026"),
            Self.row("1001", date: "09/10/2025", window: "Fall (Beginning of Year - November 15)"),
            Self.row("1001", date: "03/15/2026"),
            Self.row("1001", year: "2024-2025", date: "04/01/2025"),
        ])
        #expect(job.inserted == 4)
        let rows = try gateway.ledger.dump(
            sql: """
                SELECT completion_date, diagnostic_number, season, year_status FROM iready_diagnostics
                ORDER BY completion_date
                """)
        #expect(
            rows == [
                ["2025-04-01", "1", "Spring", "historical"], ["2025-09-10", "1", "Fall", "current"],
                ["2026-01-20", "2", "Winter", "current"], ["2026-03-15", "3", "Spring", "current"],
            ])
    }
}

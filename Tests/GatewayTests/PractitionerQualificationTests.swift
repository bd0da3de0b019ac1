import Claims
import Foundation
import Mapping
import TestThreads
import Testing
import Values

@testable import Gateway
@testable import Store

/// Practitioner qualification through the gateway and SQLite: the roster loaded like any district file, service
/// logs flagged once it is loaded, claim builds excluding the services with their rule.
@Suite(.blocking) struct PractitionerQualificationTests {
    /// Rivera (SLP, open-ended), Chen (RN) and Park (PT, licensed until 2024-08-14).
    static let practitioners = """
        NPI,Name,Type,License,Valid From,Valid To
        1234567893,"Rivera, Ana",SLP,SP-20417,08/01/2020,
        1555123458,"Chen, Mei",rn,RN-551234,07/01/2019,
        1003000126,"Park, Jun",PT,PT-40921,08/15/2022,08/14/2024

        """

    func ingest(_ name: String, _ text: String, gateway: Gateway, workspace: Workspace) throws
        -> (JobRecord, [ExceptionRecord])
    {
        let job = try gateway.ingest(path: workspace.write(name, text), source: "lincoln-usd")
        #expect(job.state == .done, "\(name): \(job.lastError ?? "")")
        return (job, try gateway.ledger.jobs.exceptions(jobID: try #require(job.id)))
    }

    func services(_ rows: [String]) -> String {
        ClaimBuildTests.serviceHeader + rows.joined(separator: "\n") + "\n"
    }

    @Test func theRosterLoadsLikeAnyDistrictFile() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway(today: ClaimBuildTests.today)
        let (job, issues) = try ingest(
            "practitioners.csv",
            Self.practitioners + "1417000001,\"Ames, Lee\",SLP,SP-1,08/01/2026,07/31/2026\n"
                + "1417000001,\"Ames, Lee\",XYZ,SP-1,08/01/2026,\n",
            gateway: gateway, workspace: workspace)
        #expect(job.kind == "practitioner-roster")
        #expect(job.inserted == 3)
        #expect(job.rejected == 2)
        #expect(issues.map(\.ruleId) == ["license-period-order", "not-in-values"])
        #expect(issues.map(\.row) == [5, 6])
        let periods = try gateway.ledger.domain.practitionerPeriods(table: "practitioners", district: "lincoln-usd")
        let from = try #require(Day(iso: "2022-08-15"))
        let to = try #require(Day(iso: "2024-08-14"))
        #expect(periods["1003000126"] == [PractitionerPeriod(type: "PT", from: from, to: to)])
        #expect(periods["1555123458"]?.first?.type == "RN", "types are stored as the code table spells them")
    }

    @Test func servicesAreFlaggedOnceTheRosterIsLoadedAndExcludedFromClaims() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway(today: ClaimBuildTests.today)
        _ = try ingest("students.csv", ClaimBuildTests.roster, gateway: gateway, workspace: workspace)
        _ = try ingest("member_batch.csv", ClaimBuildTests.members, gateway: gateway, workspace: workspace)

        // Before the district's roster is loaded nothing is flagged at intake.
        let (early, earlyIssues) = try ingest(
            "spi_services_early.csv", services([ClaimBuildTests.service("1001", "10/05/2026", npi: "1417000001")]),
            gateway: gateway, workspace: workspace)
        #expect(early.inserted == 1)
        #expect(earlyIssues.isEmpty, "\(earlyIssues.map(\.message))")

        _ = try ingest("practitioners.csv", Self.practitioners, gateway: gateway, workspace: workspace)
        let (job, issues) = try ingest(
            "spi_services.csv",
            services([
                ClaimBuildTests.service("1001", "10/06/2026"),
                ClaimBuildTests.service("1003", "10/05/2026", npi: "1003000126"),
                ClaimBuildTests.service("1001", "10/07/2026", npi: "1555123458"),
                ClaimBuildTests.service("1001", "10/08/2026", npi: "1417000001"),
            ]), gateway: gateway, workspace: workspace)
        #expect(job.inserted == 4, "the warnings do not keep the services out of the table")
        #expect(
            issues.map(\.ruleId) == ["practitioner-unlicensed", "practitioner-not-qualified", "practitioner-unknown"])
        #expect(issues.map(\.row) == [3, 4, 5])
        #expect(issues.allSatisfy { $0.severity == "warning" && $0.columnName == "Rendering NPI" })
        #expect(issues.map(\.value) == ["1003000126", "1555123458", "1417000001"])

        let summary = try gateway.buildClaims(payer: "lea-bop")
        #expect(summary.servicesBilled == 1)
        #expect(
            summary.excluded == [
                "practitioner-unknown": 2, "practitioner-unlicensed": 1, "practitioner-not-qualified": 1,
            ])
        let report = try workspace.read(try #require(summary.exceptionReport))
        let rows = report.split(whereSeparator: \.isNewline).dropFirst().map {
            $0.split(separator: ",").map(String.init)
        }
        #expect(
            Set(rows.map { "\($0[1]) \($0[2]) \($0[4]) \($0[6])" }) == [
                "1001 2026-10-05 1417000001 practitioner-unknown",
                "1003 2026-10-05 1003000126 practitioner-unlicensed",
                "1001 2026-10-07 1555123458 practitioner-not-qualified",
                "1001 2026-10-08 1417000001 practitioner-unknown",
            ], "\(report)")
    }

    @Test func withoutARosterEveryRestrictedServiceIsExcludedAsUnknown() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway(today: ClaimBuildTests.today)
        _ = try ingest("students.csv", ClaimBuildTests.roster, gateway: gateway, workspace: workspace)
        _ = try ingest("member_batch.csv", ClaimBuildTests.members, gateway: gateway, workspace: workspace)
        _ = try ingest(
            "spi_services.csv", services([ClaimBuildTests.service("1001", "10/05/2026")]), gateway: gateway,
            workspace: workspace)
        let summary = try gateway.buildClaims(payer: "lea-bop")
        #expect(summary.servicesBilled == 0)
        #expect(summary.excluded == ["practitioner-unknown": 1])
    }
}

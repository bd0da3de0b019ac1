import Foundation
import Mapping
import TestThreads
import Testing

@testable import Gateway
@testable import Store

/// Each processed file's data-quality score: on its receipt, in the ledger, and a `quality-low` alert.
@Suite(.blocking) struct QualityTests {
    /// Eight students: four clean, one with a warning (sex), three rejected (grade above max, id pattern, and
    /// one with both an error and a warning).
    static let roster =
        Workspace.rosterHeader + """
            2001,1,A,B,04/12/2012,5,F
            2002,1,C,D,04/12/2012,5,M
            2003,1,E,F,04/12/2012,5,X
            2004,1,G,H,04/12/2012,5,F
            2005,1,I,J,04/12/2012,5,Q
            2006,1,K,L,04/12/2012,99,F
            abc,1,M,N,04/12/2012,5,F
            2008,1,O,P,04/12/2012,99,Q

            """

    @Test func theReceiptCarriesTheScoreAndTheWorstRules() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        let job = try gateway.ingest(path: workspace.write("students.csv", Self.roster), source: "lincoln-usd")
        #expect(job.state == .done)
        #expect((job.rowsRead, job.rejected, job.warnings) == (8, 3, 2))
        // floor(100 × (8 − 3 − 0.25 × 1) / 8) = 59: the warning on a rejected row costs nothing more.
        let expected = QualityScore(
            score: 59,
            worstRules: [
                .init(rule: "above-max", count: 2), .init(rule: "not-in-values", count: 2),
                .init(rule: "pattern", count: 1),
            ])
        #expect(try workspace.receipt(job).quality == expected)
        let scored = try gateway.qualityScores(source: "lincoln-usd")
        #expect(scored.map(\.id) == [job.id])
        #expect(QualityScore(score: scored.first?.qualityScore, storedRules: scored.first?.qualityRules) == expected)
        let table = QualityListing.table(scored, empty: "none")
        #expect(table.contains("above-max 2, not-in-values 2, pattern 1"), "\(table)")

        let clean = try gateway.ingest(path: workspace.write("roster.csv", Workspace.roster), source: "lincoln-usd")
        #expect(try workspace.receipt(clean).quality == QualityScore(score: 100, worstRules: []))
        #expect(try gateway.qualityScores(source: "lincoln-usd").map(\.qualityScore) == [100, 59], "newest first")
        #expect(throws: GatewayError.self) { try gateway.qualityScores(source: "nowhere-usd") }
    }

    @Test func aRejectedFileScoresZeroAndADuplicateHasNoScore() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        let rejected = try gateway.ingest(path: workspace.write("a.csv", "Colour\nred\n"), source: "lincoln-usd")
        #expect(rejected.state == .rejected)
        #expect(try workspace.receipt(rejected).quality?.score == 0)
        _ = try gateway.ingest(path: workspace.write("roster.csv", Workspace.roster), source: "lincoln-usd")
        let duplicate = try gateway.ingest(path: workspace.write("copy.csv", Workspace.roster), source: "lincoln-usd")
        #expect(duplicate.state == .duplicate)
        #expect(try workspace.receipt(duplicate).quality == nil)
    }

    @Test func aLowScoreOpensOneAlertAndANewerGoodFileClosesIt() throws {
        let workspace = try Workspace()
        AlertTests.routed(workspace, routes: [AlertsConfig.Route(conditions: [], sources: [], channel: "ops")])
        workspace.config.sources[0].qualityThreshold = 90
        workspace.config.sources[1].qualityThreshold = 50
        let gateway = try workspace.gateway()
        let channels = AlertTests.FakeChannels()
        let alerter = AlertTests.alerter(gateway, channels)
        let low = try gateway.ingest(path: workspace.write("students.csv", Self.roster), source: "lincoln-usd")
        _ = try gateway.ingest(path: workspace.write("students2.csv", Self.roster), source: "riverside-usd")
        for _ in 0..<3 { alerter.run() }
        let id = try #require(low.id)
        #expect(channels.events == ["ops opened quality-low:\(id)"], "59 is below 90 but not below 50")
        let alert = try #require(try gateway.ledger.alerts.alerts().first)
        #expect(
            alert.detail
                == "job \(id) aeries-students: quality score 59 below 90; worst rules: above-max 2, not-in-values 2, "
                + "pattern 1; see `dropgate quality lincoln-usd`")
        _ = try gateway.ingest(path: workspace.write("roster.csv", Workspace.roster), source: "lincoln-usd")
        alerter.run()
        #expect(channels.events == ["ops opened quality-low:\(id)", "ops closed quality-low:\(id)"])
    }

    @Test func theThresholdIsReadAndCheckedWithItsLine() throws {
        let good = "sources:\n  - id: lincoln-usd\n    quality: { threshold: 90 }\n"
        #expect(
            try GatewayConfig.decode(yaml: good, file: "dropgate.yaml", root: "/tmp").sources[0].qualityThreshold == 90)
        let bad = "sources:\n  - id: lincoln-usd\n    quality: { threshold: 120 }\n"
        #expect {
            try GatewayConfig.decode(yaml: bad, file: "dropgate.yaml", root: "/tmp")
        } throws: { error in
            (error as? DefinitionError)?.issues.contains {
                $0.line == 3 && $0.message.hasSuffix("quality threshold must be 0 to 100, found 120")
            } == true
        }
    }
}

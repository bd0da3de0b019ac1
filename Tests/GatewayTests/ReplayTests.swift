import Foundation
import TestThreads
import Testing
import Values

@testable import Gateway
@testable import Store

/// Replay after a mapping fix: a done job's archived file loaded again by a job that supersedes it, in one
/// transaction that updates, inserts and removes rows, with both receipts saying so.
@Suite(.blocking) struct ReplayTests {
    /// Row 2 has a school v2 refuses, row 3 a grade v1 refuses, row 4 a sex code only v2 knows.
    static let students = """
        Student ID,School,Last Name,First Name,Birthdate,Grade,Sex
        1,1,Able,Ann,01/02/2012,5,F
        2,2,Baker,Bo,01/02/2012,5,M
        3,1,Cole,Cy,01/02/2011,6,F
        4,1,Dunn,Di,01/02/2012,5,U

        """

    /// A copy of the shipped mappings whose student roster is `version`, edited by `edit`.
    static func mappings(in workspace: Workspace, version: Int, _ edit: (String) -> String) throws -> String {
        let folder = workspace.root + "/Mappings"
        if !FileManager.default.fileExists(atPath: folder) {
            try FileManager.default.copyItem(atPath: Workspace.repositoryRoot + "/Mappings", toPath: folder)
        }
        let original = try String(
            contentsOfFile: Workspace.repositoryRoot + "/Mappings/aeries-students.yaml", encoding: .utf8)
        let text = edit(original.replacingOccurrences(of: "version: 1\n", with: "version: \(version)\n"))
        #expect(text != original)
        try text.write(toFile: folder + "/aeries-students.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    static func version1(_ text: String) -> String {
        text.replacingOccurrences(of: "min: -2, max: 18", with: "min: -2, max: 5")
    }

    static func version2(_ text: String) -> String {
        text.replacingOccurrences(of: "min: 1, max: 9999", with: "min: 1, max: 1")
            .replacingOccurrences(of: "values: [M, F, X]", with: "values: { M: M, F: F, X: X, U: X }")
    }

    static func rows(_ gateway: Gateway) throws -> [[String]] {
        try gateway.ledger.dump(
            sql: "SELECT student_id, COALESCE(sex, '-'), job_id FROM students ORDER BY student_id")
    }

    /// Loads the students with v1, then reopens the gateway on v2.
    static func replayed(_ workspace: Workspace) throws -> (Gateway, first: JobRecord) {
        workspace.config.paths.mappings = try mappings(in: workspace, version: 1, version1)
        let first = try workspace.gateway().ingest(
            path: workspace.write("students.csv", students), source: "lincoln-usd")
        #expect(first.state == .done)
        #expect([first.inserted, first.rejected] == [3, 1] as [Int])
        _ = try mappings(in: workspace, version: 2, version2)
        return (try workspace.gateway(), first)
    }

    @Test func aReplayUpdatesInsertsAndRemovesInOneJobAndBothReceiptsSaySo() throws {
        let workspace = try Workspace()
        let (gateway, first) = try Self.replayed(workspace)
        let firstID = try #require(first.id)
        #expect(
            try Self.rows(gateway) == [["1", "F", "\(firstID)"], ["2", "M", "\(firstID)"], ["4", "-", "\(firstID)"]])

        let replay = try gateway.replay(jobID: firstID)
        let replayID = try #require(replay.id)
        #expect(replay.state == .done)
        #expect(replay.supersedes == firstID)
        #expect(replay.generation == 1)
        #expect(replay.sha256 == first.sha256 && replay.source == first.source)
        #expect(
            [replay.rowsRead, replay.inserted, replay.updated, replay.unchanged, replay.rejected] == [4, 1, 1, 1, 1]
                as [Int])
        #expect(replay.removed == 1)
        #expect(
            try Self.rows(gateway) == [
                ["1", "F", "\(replayID)"], ["3", "F", "\(replayID)"], ["4", "X", "\(replayID)"],
            ])

        let issues = try gateway.ledger.jobs.exceptions(jobID: replayID)
        let removed = try #require(issues.first { $0.ruleId == "replay-removed" })
        #expect(removed.row == 0)
        #expect(removed.value == "2")
        #expect(removed.severity == "warning")
        #expect(
            removed.message == "the key (student_id) loaded by job \(firstID) is not loaded by this replay: removed")
        #expect(issues.map(\.ruleId).sorted() == ["above-max", "replay-removed"])

        let receipt = try workspace.receipt(replay)
        #expect(receipt.supersedes == firstID)
        #expect(receipt.removed == 1)
        #expect(receipt.mappingVersion == 2)
        let superseded = try #require(try gateway.ledger.jobs.job(id: firstID))
        #expect(superseded.supersededBy == replayID)
        #expect(superseded.state == .done)
        let old = try workspace.receipt(superseded)
        #expect(old.supersededBy == replayID)
        #expect([old.inserted, old.rejected] == [3, 1] as [Int], "the old receipt keeps its own counts")
        #expect(old.mappingVersion == 1)
    }

    @Test func theFileKeepsItsIdentityAcrossReplays() throws {
        let workspace = try Workspace()
        let (gateway, first) = try Self.replayed(workspace)
        let firstID = try #require(first.id)
        let replay = try gateway.replay(jobID: firstID)
        let again = try gateway.ingest(
            path: workspace.write("students-again.csv", Self.students), source: "lincoln-usd")
        #expect(again.state == .duplicate)
        #expect(again.duplicateOf == replay.id, "the same bytes are a duplicate of the latest generation")

        #expect(throws: StoreError.self) { try gateway.replay(jobID: firstID) }
        let unchanged = #expect(throws: GatewayError.self) { try gateway.replay(jobID: try #require(replay.id)) }
        #expect(
            unchanged?.message.contains("the current one: nothing to replay") == true,
            "\(String(describing: unchanged))")
        #expect(throws: StoreError.self) { try gateway.replay(jobID: try #require(again.id)) }
    }

    @Test func byKindAndDaysOnlyChangedMappingsAreReplayed() throws {
        let workspace = try Workspace()
        let (gateway, first) = try Self.replayed(workspace)
        let today = Day.today()
        let outcome = try gateway.replay(kind: "aeries-students", from: today.adding(days: -1), through: today)
        #expect(outcome.replayed.map(\.supersedes) == [first.id])
        #expect(outcome.skipped.isEmpty)
        let second = try gateway.replay(kind: "aeries-students", from: today.adding(days: -1), through: today)
        #expect(second.replayed.isEmpty)
        #expect(
            second.skipped.map(\.job.id) == [outcome.replayed.first?.id], "the replay itself has the current version")
        let none = try gateway.replay(
            kind: "aeries-students", from: today.adding(days: 1), through: today.adding(days: 2))
        #expect(none.replayed.isEmpty && none.skipped.isEmpty)
    }

    @Test func aReplayedServiceLogKeepsItsOwnKeysAndTheBilledServices() throws {
        let workspace = try Workspace()
        let folder = workspace.root + "/Mappings"
        try FileManager.default.copyItem(atPath: Workspace.repositoryRoot + "/Mappings", toPath: folder)
        workspace.config.paths.mappings = folder
        let gateway = try ClaimBuildTests.loaded(
            [
                ClaimBuildTests.service("1001", "10/05/2026"), ClaimBuildTests.service("1004", "10/05/2026"),
                ClaimBuildTests.service("1001", "10/06/2026", code: "90834", npi: "1987654328"),
            ], workspace: workspace)
        let summary = try gateway.buildClaims(payer: "lea-bop")
        #expect(summary.servicesBilled == 1)
        let log = try #require(
            try gateway.ledger.jobs.jobs(source: "lincoln-usd").first { $0.kind == "spi-services" })

        // v2 refuses 90834 (say it moved to another log): its row goes; 1004's stays; 1001's 92507 is billed.
        let path = folder + "/spi-services.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "version: 1\n", with: "version: 2\n")
            .replacingOccurrences(of: "      \"90834\": Psychotherapy, 45 minutes\n", with: "")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let fixed = try workspace.gateway(today: ClaimBuildTests.today)
        let replay = try fixed.replay(jobID: try #require(log.id))
        #expect(replay.state == .done)
        #expect([replay.rowsRead, replay.unchanged, replay.rejected, replay.removed] == [3, 2, 1, 1] as [Int])
        let issues = try fixed.ledger.jobs.exceptions(jobID: try #require(replay.id))
        #expect(!issues.contains { $0.ruleId == "already-loaded" }, "the superseded job's keys are the replay's own")
        #expect(issues.filter { $0.ruleId.hasPrefix("replay-") }.map(\.ruleId) == ["replay-removed"])
        let remaining = try fixed.ledger.dump(
            sql: "SELECT student_id, billing_code FROM services ORDER BY student_id, billing_code")
        #expect(remaining == [["1001", "92507"], ["1004", "92507"]])

        // v3 refuses every 92507: the billed service stays (its claim stands) and is reported; 1004's goes.
        let v3 = try String(contentsOfFile: path, encoding: .utf8)
        try v3.replacingOccurrences(of: "version: 2\n", with: "version: 3\n")
            .replacingOccurrences(of: "      \"92507\": Speech/language treatment, individual\n", with: "")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let third = try workspace.gateway(today: ClaimBuildTests.today)
        let again = try third.replay(jobID: try #require(replay.id))
        #expect(again.removed == 2)
        let leftovers = try third.ledger.jobs.exceptions(jobID: try #require(again.id))
            .filter { $0.ruleId.hasPrefix("replay-") }
        #expect(leftovers.map(\.ruleId).sorted() == ["replay-kept-billed", "replay-removed"])
        #expect(leftovers.first { $0.ruleId == "replay-kept-billed" }?.value?.contains("1001") == true)
        #expect(try third.ledger.dump(sql: "SELECT student_id FROM services") == [["1001"]])
    }
}

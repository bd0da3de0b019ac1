import Foundation
import GRDB
import Mapping
import TestThreads
import Testing
import Values

@testable import Gateway
@testable import Store

/// `retention:` in dropgate.yaml and the purge it drives: what is old goes, what a live job, an unacknowledged
/// batch or a held 835 set needs stays.
@Suite(.blocking) struct RetentionTests {
    static let all = RetentionConfig(archiveDays: 30, stagingDays: 2, reportsDays: 60, exceptionsDays: 90)
    /// Far enough ahead that every file and row the tests make is expired.
    static let later = Date().addingTimeInterval(400 * 86_400)

    @Test func periodsAreReadAndLeftOutOnesKeepForever() throws {
        let config = try GatewayConfig.decode(
            yaml: "retention:\n  archive_days: 30\n  staging_days: 2\n  reports_days: 60\n  exceptions_days: 90\n",
            file: "dropgate.yaml", root: "/srv/dg")
        #expect(config.retention == Self.all)
        let some = try GatewayConfig.decode(yaml: "retention: { archive_days: 365 }\n", file: "x", root: "/")
        #expect(some.retention == RetentionConfig(archiveDays: 365))
        #expect(try GatewayConfig.decode(yaml: "sources: []\n", file: "x", root: "/").retention.isEmpty)
    }

    @Test(arguments: [
        ("retention:\n  archive_days: 0\n", 2, "retention.archive_days must be at least 1"),
        ("retention:\n  archive_days: 3\n  reports_days: -1\n", 3, "retention.reports_days must be at least 1"),
        ("retention:\n  archive: 30\n", 2, "unknown key 'archive'"),
        ("retention:\n  exceptions_days: 90d\n", 2, "expected a whole number, found '90d'"),
    ])
    func mistakesAreNamedWithTheirLine(yaml: String, line: Int, message: String) {
        #expect {
            try GatewayConfig.decode(yaml: yaml, file: "dropgate.yaml", root: "/tmp")
        } throws: { error in
            let issues = (error as? DefinitionError)?.issues ?? []
            return issues.contains { $0.line == line && $0.message.contains(message) }
        }
    }

    @Test func withoutRetentionNothingIsPurged() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        let job = try gateway.ingest(path: workspace.write("students.csv", Workspace.roster), source: "lincoln-usd")
        let report = try gateway.purge(dryRun: false, actor: "ops", now: Self.later)
        #expect(report.removed.isEmpty && report.kept.isEmpty)
        #expect(FileManager.default.fileExists(atPath: job.filePath))
        #expect(try gateway.ledger.audit.lastRecorded("purge") == nil)
    }

    @Test func oldFilesGoButALiveJobsFileAndReportsStay() throws {
        let workspace = try Workspace()
        workspace.config.retention = Self.all
        let gateway = try workspace.gateway()
        let roster = try gateway.ingest(path: workspace.write("students.csv", Workspace.roster), source: "lincoln-usd")
        let bad = try gateway.ingest(
            path: workspace.write("students2.csv", Workspace.rosterHeader + "1004,1,Lee,Jo,13/40/2012,5,F\n"),
            source: "lincoln-usd")
        #expect(roster.state == .done && bad.state == .done && bad.rejected == 1)
        let leftover = try workspace.write("Staging/lincoln-usd/" + String(repeating: "a", count: 64), "x")
        // The roster's job is live again (as a requeue leaves it): its file and reports must stay.
        try gateway.ledger.database.write { db in
            try db.execute(sql: "UPDATE jobs SET state = 'retry_wait' WHERE id = ?", arguments: [roster.id])
        }
        let rosterID = try #require(roster.id)
        let badID = try #require(bad.id)
        let live = try #require(try gateway.ledger.jobs.job(id: rosterID))

        let badReceipt = try #require(bad.receiptPath)
        let badReport = try #require(bad.reportPath)
        let liveReceipt = try #require(live.receiptPath)

        let dry = try gateway.purge(dryRun: true, actor: "ops", now: Self.later)
        #expect(Set(dry.removed.compactMap(\.path)) == [bad.filePath, badReceipt, badReport, leftover])
        #expect(dry.removed.contains { $0.kind == "exceptions" && $0.job == bad.id && $0.rows == 1 })
        #expect(
            Set(dry.kept.compactMap(\.path)) == Set([live.filePath, liveReceipt, live.reportPath].compactMap { $0 }))
        #expect(dry.kept.allSatisfy { $0.reason == "job \(roster.id ?? 0) is retry_wait" })
        for path in [bad.filePath, leftover, badReport] { #expect(FileManager.default.fileExists(atPath: path)) }
        #expect(try gateway.ledger.jobs.exceptions(jobID: badID).count == 1)
        #expect(try gateway.ledger.audit.lastRecorded("purge") == nil, "a dry run is not audited")

        let real = try gateway.purge(dryRun: false, actor: "ops", now: Self.later)
        #expect(real.removed == dry.removed)
        for path in [bad.filePath, leftover, badReport] { #expect(!FileManager.default.fileExists(atPath: path)) }
        #expect(FileManager.default.fileExists(atPath: live.filePath))
        #expect(FileManager.default.fileExists(atPath: liveReceipt))
        #expect(try gateway.ledger.jobs.exceptions(jobID: badID).isEmpty)
        let audit = try gateway.ledger.audit.entries(offset: 0, limit: 1)
        #expect(audit.first?.action == "purge" && audit.first?.actor == "ops")
        #expect(audit.first?.detail.contains("1 archive, 1 staging, 2 report files") == true, "\(audit)")
    }

    @Test func filesYoungerThanTheirPeriodStay() throws {
        let workspace = try Workspace()
        workspace.config.retention = Self.all
        let gateway = try workspace.gateway()
        let job = try gateway.ingest(path: workspace.write("students.csv", Workspace.roster), source: "lincoln-usd")
        let report = try gateway.purge(dryRun: false, actor: nil, now: Date().addingTimeInterval(29 * 86_400))
        #expect(report.removed.compactMap(\.path).filter { $0 == job.filePath }.isEmpty)
        #expect(FileManager.default.fileExists(atPath: job.filePath))
    }

    @Test func theFilesOfServicesAnUnacknowledgedBatchBillsStayUntilItIsAcknowledged() throws {
        let workspace = try Workspace()
        workspace.config.retention = RetentionConfig(archiveDays: 1, reportsDays: 1, exceptionsDays: 1)
        let gateway = try ClaimBuildTests.loaded(
            [ClaimBuildTests.service("1001", "10/05/2026"), ClaimBuildTests.service("1002", "10/05/2026")],
            workspace: workspace)
        let batch = try #require(try gateway.buildClaims(payer: "lea-bop").batchID)
        let jobs = try gateway.ledger.jobs.jobs()
        let services = try #require(jobs.first { $0.originalName == "spi_services.csv" })
        let roster = try #require(jobs.first { $0.originalName == "students.csv" })

        let first = try gateway.purge(dryRun: false, actor: nil, now: Self.later)
        let held = [services.filePath, services.receiptPath, services.reportPath].compactMap { $0 }
        #expect(held.count == 3)
        #expect(Set(first.kept.compactMap(\.path)) == Set(held), "its file, receipt and exception report")
        #expect(first.kept.allSatisfy { $0.reason?.contains("billed by batch \(batch) (") == true }, "\(first.kept)")
        for path in held { #expect(FileManager.default.fileExists(atPath: path)) }
        #expect(!FileManager.default.fileExists(atPath: roster.filePath))

        try gateway.ledger.database.write { db in
            try db.execute(sql: "UPDATE claim_batches SET state = 'accepted' WHERE id = ?", arguments: [batch])
        }
        let second = try gateway.purge(dryRun: false, actor: nil, now: Self.later)
        #expect(Set(second.removed.compactMap(\.path)).isSuperset(of: held))
        #expect(!FileManager.default.fileExists(atPath: services.filePath))
    }

    @Test func theDaemonPurgesOnceADay() throws {
        let workspace = try Workspace()
        workspace.config.retention = RetentionConfig(archiveDays: 1)
        let gateway = try workspace.gateway()
        let first = try gateway.ingest(path: workspace.write("a.csv", Workspace.roster), source: "lincoln-usd")
        gateway.purgeIfDue(now: Self.later)
        #expect(!FileManager.default.fileExists(atPath: first.filePath))
        let day = (first.filePath as NSString).deletingLastPathComponent
        #expect(!FileManager.default.fileExists(atPath: day), "the emptied day folder goes")
        let second = try gateway.ingest(
            path: workspace.write("students.csv", Workspace.roster + "1009,1,Kim,Lu,04/12/2012,5,F\n"),
            source: "lincoln-usd")
        gateway.purgeIfDue(now: Self.later.addingTimeInterval(23 * 3600))
        #expect(FileManager.default.fileExists(atPath: second.filePath), "not again within a day")
        gateway.purgeIfDue(now: Self.later.addingTimeInterval(25 * 3600))
        #expect(!FileManager.default.fileExists(atPath: second.filePath))
        let entries = try gateway.ledger.audit.entries(offset: 0, limit: 10).filter { $0.action == "purge" }
        #expect(entries.count == 2 && entries.allSatisfy { $0.actor == nil })
    }

    @Test func theSameBytesDroppedAgainAfterTheirArchiveWasPurgedBecomeItsFileAgain() throws {
        let workspace = try Workspace()
        workspace.config.retention = RetentionConfig(archiveDays: 1)
        let gateway = try workspace.gateway()
        let text = "Pupil,Colour\n1,red\n"
        let first = try gateway.ingest(path: workspace.write("mystery.csv", text), source: "lincoln-usd")
        #expect(first.state == .rejected, "no mapping knows these headers")
        _ = try gateway.purge(dryRun: false, actor: nil, now: Self.later)
        #expect(!FileManager.default.fileExists(atPath: first.filePath))

        // Dropped again (after a mapping fix, say): the original is requeued and must find these bytes.
        _ = try gateway.ingest(path: workspace.write("mystery-again.csv", text), source: "lincoln-usd")
        let firstID = try #require(first.id)
        let again = try #require(try gateway.ledger.jobs.job(id: firstID))
        #expect(
            again.state == .rejected, "read and rejected again, not dead for a missing file: \(again.lastError ?? "")")
        #expect(FileManager.default.fileExists(atPath: again.filePath), "the new bytes are its file now")
    }
}

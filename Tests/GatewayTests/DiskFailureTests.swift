import Foundation
import GRDB
import PostgresSupport
import TestThreads
import Testing
import Transport

@testable import Gateway
@testable import Store

#if canImport(Glibc)
    import Glibc
#endif

/// Full disks, read-only or failing file systems and archives that cannot be written: the work waits and
/// retries, the operator sees why, and the ledger never names a path where the file is not.
@Suite(.blocking) struct DiskFailureTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace()
        workspace.config.retry = RetryPolicy(base: 0.01, factor: 1, cap: 0.01, maxAttempts: 8)
    }

    static func roster(rows: Int) -> String {
        var text = Workspace.rosterHeader
        for index in 0..<rows { text += "\(100_000 + index),1,Garcia,Ana,04/12/2012,5,F\n" }
        return text
    }

    @Test(.disabled(if: TestStore.isPostgres, "SQLite's page limit stands in for a full disk"))
    func aFullDatabaseWaitsAndRecoversByItselfOnceSpaceReturns() throws {
        let gateway = try workspace.gateway()
        try workspace.write("Inbox/lincoln-usd/students.csv", Self.roster(rows: 5000))
        // SQLite's own limit makes the database full on the writer connection: SQLITE_FULL, as on a full disk.
        try gateway.ledger.pool.write { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages + 4)")
        }
        gateway.runPass()
        let waiting = try #require(try gateway.ledger.jobs.jobs().first)
        #expect(waiting.state == .retryWait, "a full database is transient: \(waiting.lastError ?? "")")
        #expect(waiting.lastError?.contains("full") == true, "\(waiting.lastError ?? "")")
        #expect(waiting.nextAttemptAt != nil)

        try gateway.ledger.pool.write { db in try db.execute(sql: "PRAGMA max_page_count = 1073741823") }
        Thread.sleep(forTimeInterval: 0.05)
        gateway.runPass()
        let id = try #require(waiting.id)
        let done = try #require(try gateway.ledger.jobs.job(id: id))
        #expect(done.state == .done)
        #expect(done.inserted == 5000)
        #expect(done.attempts == 2)
    }

    @Test(arguments: [ENOSPC, EDQUOT, EROFS, EIO])
    func fileSystemFailuresThatPassAreTransient(errno code: Int32) {
        #expect(FileSystemError("write", path: "Outbox/x", errno: code).isTransient)
    }

    @Test func aJobReportsItsFileWhereItIsWhenArchivingFails() throws {
        try workspace.write("blocked", "a file where the archive folder should be")
        workspace.config.paths.archive = workspace.root + "/blocked/Archive"
        let gateway = try workspace.gateway()
        let job = try gateway.ingest(path: workspace.write("students.csv", Workspace.roster), source: "lincoln-usd")
        #expect(job.state == .done)
        let id = try #require(job.id)
        let recorded = try #require(try gateway.ledger.jobs.job(id: id))
        #expect(FileSystem.exists(recorded.filePath), "the ledger names \(recorded.filePath), where nothing is")
        #expect(recorded.filePath.hasPrefix(workspace.config.paths.staging + "/"))

        try FileManager.default.removeItem(atPath: workspace.root + "/blocked")
        gateway.runPass()
        let archived = try #require(try gateway.ledger.jobs.job(id: id))
        #expect(archived.filePath.hasPrefix(workspace.config.paths.archive + "/"))
        #expect(FileSystem.exists(archived.filePath))
        #expect(try FileSystem.list(workspace.config.paths.staging + "/lincoln-usd").isEmpty)
    }

    @Test func aStagedCopyLeftBesideItsArchivedFileIsDropped() throws {
        let gateway = try workspace.gateway()
        let job = try gateway.ingest(path: workspace.write("students.csv", Workspace.roster), source: "lincoln-usd")
        #expect(FileSystem.exists(job.filePath) && job.filePath.hasPrefix(workspace.config.paths.archive + "/"))
        // A crash after the ledger learnt the archive path, before the staged copy was removed.
        let staged = workspace.config.paths.staging + "/lincoln-usd/" + job.sha256
        try FileManager.default.copyItem(atPath: job.filePath, toPath: staged)
        gateway.runPass()
        #expect(!FileSystem.exists(staged))
        #expect(FileSystem.exists(job.filePath))
    }

    @Test func aStagingFailureShowsInTheSourcesHealthAndTheFileWaitsInTheInbox() throws {
        try workspace.write("blocked", "a file where the staging folder should be")
        workspace.config.paths.staging = workspace.root + "/blocked/Staging"
        let gateway = try workspace.gateway()
        let inbox = try workspace.write("Inbox/lincoln-usd/students.csv", Workspace.roster)
        gateway.runPass()
        let failing = try gateway.ledger.sources.health(of: "lincoln-usd")
        #expect(failing.state != .ok)
        #expect(failing.lastError?.contains("Not a directory") == true, "\(failing.lastError ?? "")")
        #expect(FileSystem.exists(inbox))
        #expect(try gateway.ledger.sources.health(of: "riverside-usd").state == .ok)

        try FileManager.default.removeItem(atPath: workspace.root + "/blocked")
        // The daemon's next pass takes the source once its retry time has come, never before.
        let retryAt = try #require(failing.nextAttemptAt)
        Thread.sleep(until: retryAt.addingTimeInterval(0.01))
        gateway.runPass()
        #expect(try gateway.ledger.sources.health(of: "lincoln-usd").state == .ok)
        #expect(try gateway.ledger.jobs.jobs().map(\.state) == [.done])
    }

    @Test func aFullStagingAreaShowsInTheSourcesHealthUntilItClears() throws {
        let gateway = try workspace.gateway()
        let config = try #require(workspace.config.source("lincoln-usd"))
        let source = InMemorySource()
        source.modificationTimesAreLocal = true
        source.put("students.csv", Workspace.roster, modified: Date().timeIntervalSince1970 - 60)
        source.unreadable = ["students.csv"]
        source.fetchFailure = FileSystemError("write", path: "Staging/lincoln-usd/.incoming.1.tmp", errno: ENOSPC)
        _ = try gateway.localIntake.collect(source, source: config, force: true)
        let failing = try gateway.ledger.sources.health(of: "lincoln-usd")
        #expect(failing.state != .ok)
        #expect(failing.consecutiveFailures == 1)
        #expect(failing.lastError?.contains("No space left on device") == true, "\(failing.lastError ?? "")")
        #expect(source.acknowledged.isEmpty, "the file stays in the inbox")
        #expect(try gateway.ledger.jobs.jobs().isEmpty)

        source.unreadable = []
        _ = try gateway.localIntake.collect(source, source: config, force: true)
        let healthy = try gateway.ledger.sources.health(of: "lincoln-usd")
        #expect(healthy.state == .ok)
        #expect(healthy.lastError == nil)
        #expect(source.acknowledged == ["students.csv"])
    }
}

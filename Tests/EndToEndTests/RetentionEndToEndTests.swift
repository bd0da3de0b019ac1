import Foundation
import GRDB
import TestThreads
import Testing

@testable import Store

/// `retention:` and `dropgate purge` through the real binary.
@Suite(.serialized, .blocking) struct RetentionEndToEndTests {
    static let config = """
        sources:
          - id: lincoln-usd
            stable_after: 0s
        retention:
          archive_days: 30
          reports_days: 30
          exceptions_days: 30

        """

    static let students = """
        Student ID,School,Last Name,First Name,Birthdate,Grade,Sex
        1,1,Able,Ann,01/02/2012,5,F
        2,1,Baker,Bo,01/02/2012,25,M

        """

    /// Sets every file under `relative` 40 days back.
    static func age(_ relative: String, in scratch: Scratch) throws {
        for file in scratch.files(under: relative) {
            let path = scratch.path(relative + "/" + file)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
                continue
            }
            try FileManager.default.setAttributes(
                [.modificationDate: Date().addingTimeInterval(-40 * 86_400)], ofItemAtPath: path)
        }
    }

    @Test func purgeListsAndRemovesOldFilesButKeepsWhatALiveJobNeeds() throws {
        let scratch = try Scratch()
        try scratch.write("dropgate.yaml", Self.config)
        try scratch.write("Inbox/lincoln-usd/students.csv", Self.students)
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        try scratch.write("Inbox/lincoln-usd/students-2.csv", Self.students + "3,1,Cole,Cy,01/02/2011,6,F\n")
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)

        let fresh = try Binary.run(["purge", "--dry-run"], in: scratch.root)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(fresh.stdout.contains("dry run: 0 archive, 0 staging, 0 report files (0 bytes)"), "\(fresh.stdout)")

        try Self.age("Archive", in: scratch)
        try Self.age("Outbox", in: scratch)
        let ledger = try Ledger(path: scratch.path("dropgate.sqlite"))
        try ledger.pool.write { db in
            try db.execute(sql: "UPDATE jobs SET updated_at = '2020-01-01 00:00:00.000'")
            // Job 2 is waiting to be retried: its file, receipt and exception rows must stay.
            try db.execute(sql: "UPDATE jobs SET state = 'retry_wait' WHERE id = 2")
        }
        let jobs = try ledger.jobs.jobs().sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        let (done, live) = (jobs[0], jobs[1])

        let dry = try Binary.run(["purge", "--dry-run", "--json"], in: scratch.root)
        #expect(dry.status == 0, "\(dry.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as? [String: Any])
        #expect(report["dry_run"] as? Bool == true)
        let removed = report["removed"] as? [[String: Any]] ?? []
        let kept = report["kept"] as? [[String: Any]] ?? []
        #expect(
            Set(removed.compactMap { $0["path"] as? String })
                == Set([done.filePath, done.receiptPath, done.reportPath].compactMap { $0 }), "\(removed)")
        #expect(
            removed.contains {
                $0["kind"] as? String == "exceptions" && $0["job"] as? Int == 1 && $0["rows"] as? Int == 1
            })
        #expect(
            kept.contains { $0["path"] as? String == live.filePath && $0["reason"] as? String == "job 2 is retry_wait" }
        )
        #expect(FileManager.default.fileExists(atPath: done.filePath), "a dry run removes nothing")

        let purge = try Binary.run(["purge"], in: scratch.root)
        #expect(purge.status == 0, "\(purge.stderr)")
        #expect(purge.stdout.contains("removed archive \(done.filePath)"), "\(purge.stdout)")
        #expect(purge.stdout.contains("kept archive \(live.filePath): job 2 is retry_wait"), "\(purge.stdout)")
        #expect(purge.stdout.contains("1 archive, 0 staging, 2 report files"), "\(purge.stdout)")
        #expect(!FileManager.default.fileExists(atPath: done.filePath))
        #expect(FileManager.default.fileExists(atPath: live.filePath))
        #expect(try ledger.jobs.exceptions(jobID: 1).isEmpty)
        #expect(try ledger.jobs.exceptions(jobID: 2).count == 1)
        let audit = try #require(try ledger.audit.entries(offset: 0, limit: 1).first)
        #expect(audit.action == "purge" && audit.actor != nil && audit.detail.contains("1 exception rows of 1 jobs"))

        // A replay of a purged file says why it cannot run.
        try ledger.pool.write { db in try db.execute(sql: "UPDATE jobs SET mapping_version = 0 WHERE id = 1") }
        let replay = try Binary.run(["replay", "1"], in: scratch.root)
        #expect(replay.status == 1 && replay.stderr.contains("is gone (retention?)"), "\(replay.stderr)")
    }

    @Test func noRetentionPurgesNothingAndAMistakeIsNamedWithItsLine() throws {
        let scratch = try Scratch()
        try scratch.write("dropgate.yaml", "sources:\n  - id: lincoln-usd\n")
        let none = try Binary.run(["purge"], in: scratch.root)
        #expect(
            none.status == 0 && none.stdout.contains("no retention: in dropgate.yaml; nothing is purged"), "\(none)")

        try scratch.write("dropgate.yaml", "sources:\n  - id: lincoln-usd\nretention:\n  archive_days: 0\n")
        let bad = try Binary.run(["purge", "--dry-run"], in: scratch.root)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("dropgate.yaml:4"), "\(bad.stderr)")
        #expect(bad.stderr.contains("retention.archive_days must be at least 1"), "\(bad.stderr)")
    }
}

import Foundation
import TestThreads
import Testing
import Values

@testable import Store

/// Backups named after their time, checked, pruned; a restore refused while the database is open.
@Suite(.blocking) struct DatabaseBackupTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backup-\(UUID().uuidString)").path

    func job(_ sha: String) -> JobRecord {
        JobRecord(
            source: "d1", originalName: "f.csv", origin: "/inbox/f.csv", sha256: sha, size: 10,
            filePath: "/staging/" + sha)
    }

    @Test func namesCarryTheTimeTakenToTheSecond() throws {
        let date = Date(timeIntervalSince1970: 1_796_181_300)  // 2026-12-02T03:15:00Z
        let name = DatabaseBackup.name(takenAt: date)
        #expect(name == "dropgate-20261202T031500Z.sqlite")
        #expect(DatabaseBackup.takenAt(name: name) == date)
        #expect(DatabaseBackup.takenAt(name: "dropgate-20261202T031500Z-2.sqlite") == date)
        #expect(DatabaseBackup.takenAt(name: "dropgate-2026120T031500Z.sqlite") == nil)
        #expect(DatabaseBackup.takenAt(name: "notes.sqlite") == nil)
    }

    @Test func aBackupIsAWholeCheckedCopyAndLaterWritesAreNotInIt() throws {
        let ledger = try Ledger(path: folder + "/dropgate.sqlite")
        _ = try ledger.jobs.register(job("a"))
        let now = Date(timeIntervalSince1970: 1_796_181_300)
        let first = try ledger.backup(into: folder + "/backups", now: now)
        let second = try ledger.backup(into: folder + "/backups", now: now)
        _ = try ledger.jobs.register(job("b"))

        #expect(first.path.hasSuffix("/dropgate-20261202T031500Z.sqlite"))
        #expect(second.path.hasSuffix("/dropgate-20261202T031500Z-2.sqlite"), "a second backup in the same second")
        let third = try ledger.backup(into: folder + "/backups", now: now)
        #expect(third.path.hasSuffix("/dropgate-20261202T031500Z-3.sqlite"))
        #expect(try FileManager.default.attributesOfItem(atPath: first.path)[.posixPermissions] as? Int == 0o600)
        #expect(!FileManager.default.fileExists(atPath: first.path + "-wal"), "the copy stands alone")
        let copy = try Ledger(path: first.path)
        #expect(try copy.jobs.jobs().map(\.sha256) == ["a"])
        #expect(
            try DatabaseBackup.list(in: folder + "/backups").map(\.path) == [first.path, second.path, third.path])
    }

    @Test func pruneKeepsTheNewest() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for stamp in ["20260103T000000Z", "20260101T000000Z", "20260102T000000Z"] {
            _ = FileManager.default.createFile(atPath: folder + "/dropgate-\(stamp).sqlite", contents: Data())
        }
        _ = FileManager.default.createFile(atPath: folder + "/notes.txt", contents: Data())
        let removed = try DatabaseBackup.prune(folder, keep: 2)
        #expect(removed.map { ($0.path as NSString).lastPathComponent } == ["dropgate-20260101T000000Z.sqlite"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [
                "dropgate-20260102T000000Z.sqlite", "dropgate-20260103T000000Z.sqlite", "notes.txt",
            ])
    }

    @Test func restoreIsRefusedWhileTheDatabaseIsOpenAndLeavesItAlone() throws {
        let path = folder + "/dropgate.sqlite"
        var ledger: Ledger? = try Ledger(path: path)
        _ = try ledger?.jobs.register(job("a"))
        let backup = try #require(try ledger?.backup(into: folder + "/backups"))
        _ = try ledger?.jobs.register(job("b"))
        #expect {
            _ = try Ledger.restore(backup: backup.path, over: path) { _, _ in () }
        } throws: { error in
            (error as? StoreError)?.code == .inUse
        }
        #expect(try ledger?.jobs.jobs().count == 2, "the open database is untouched")
        ledger = nil

        let (swap, jobs) = try Ledger.restore(backup: backup.path, over: path) { restored, _ in
            try restored.jobs.jobs().map(\.sha256)
        }
        #expect(jobs == ["a"])
        #expect(swap.backupJobs.count == 1)
        let replaced = try #require(try swap.replaced?.get())
        #expect(replaced.jobs.map(\.sha256) == ["a", "b"])
        let restored = try Ledger(path: path)
        #expect(try restored.jobs.jobs().map(\.sha256) == ["a"])
        // The restored database is a copy: what it records later never reaches the backup.
        _ = try restored.jobs.register(job("c"))
        #expect(try Ledger(path: backup.path).jobs.jobs().map(\.sha256) == ["a"], "the backup is unchanged")
    }

    @Test func aDamagedBackupIsRefusedWithItsPath() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/dropgate-20260101T000000Z.sqlite"
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try Ledger.restore(backup: path, over: folder + "/dropgate.sqlite") { _, _ in () }
        } throws: { error in
            let error = error as? StoreError
            return error?.code == .invalidBackup && error?.message.contains(path) == true
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/dropgate.sqlite"))
    }
}

import Foundation
import GRDB
import TestThreads
import Testing

@testable import Store

/// `archive: { encrypt: true }` through the real binary: archived files are ciphertext, `archive show` gives the
/// bytes back, requeue and replay read them, key mistakes and tampering fail clearly.
@Suite(.serialized, .blocking) struct ArchiveEncryptionEndToEndTests {
    static let key = String(repeating: "3c", count: 32) + "\n"
    static let config = """
        sources:
          - id: lincoln-usd
            stable_after: 0s
        archive:
          encrypt: true
          key_file: keys/archive.key

        """

    static func encryptedScratch(keyMode: Int = 0o600) throws -> Scratch {
        let scratch = try Scratch()
        try scratch.write("dropgate.yaml", Self.config)
        try scratch.write("keys/archive.key", Self.key)
        try FileManager.default.setAttributes(
            [.posixPermissions: keyMode], ofItemAtPath: scratch.path("keys/archive.key"))
        return scratch
    }

    @Test func archivedFilesAreEncryptedShownDecryptedAndRequeuedAndReplayedTransparently() throws {
        let scratch = try Self.encryptedScratch()
        let students = try String(
            contentsOfFile: Binary.repositoryRoot + "/Samples/lincoln-usd/students.csv", encoding: .utf8)
        try scratch.write("Inbox/lincoln-usd/students.csv", students)
        let run = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(run.status == 0, "\(run.stderr)")

        let ledger = try Ledger(path: scratch.path("dropgate.sqlite"))
        let job = try #require(try ledger.jobs.job(id: 1))
        #expect(job.state == .done && job.filePath.contains("/Archive/lincoln-usd/"))
        let archived = try Data(contentsOf: URL(fileURLWithPath: job.filePath))
        #expect(archived.starts(with: Array("DGAE".utf8)))
        #expect(!String(decoding: archived, as: UTF8.self).contains("Student ID"), "no plaintext in the archive")
        #expect(try FileManager.default.attributesOfItem(atPath: job.filePath)[.posixPermissions] as? Int == 0o600)

        let show = try Binary.run(["archive", "show", "1"], in: scratch.root)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout == students)
        #expect(try ledger.audit.entries(offset: 0, limit: 1).first?.action == "archive-show")

        // Requeue reads the encrypted archive: the rows come back unchanged.
        try ledger.pool.write { db in try db.execute(sql: "UPDATE jobs SET state = 'rejected' WHERE id = 1") }
        #expect(try Binary.run(["requeue", "1"], in: scratch.root).status == 0)
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        let requeued = try #require(try ledger.jobs.job(id: 1))
        #expect(requeued.state == .done, "\(requeued.lastError ?? "")")
        #expect(requeued.rowsRead == job.rowsRead && requeued.rowsRead > 0, "the decrypted file was read whole")
        #expect(requeued.inserted == 0, "the same rows: nothing new")
        #expect(requeued.filePath == job.filePath, "the archived file stays where it was")
        #expect(scratch.files(under: "Staging").filter { $0.contains(".incoming.") }.isEmpty, "no plaintext left")

        // Replay reads it too.
        try ledger.pool.write { db in try db.execute(sql: "UPDATE jobs SET mapping_version = 0 WHERE id = 1") }
        let replay = try Binary.run(["replay", "1"], in: scratch.root)
        #expect(replay.status == 0, "\(replay.stderr)")
        let replayJob = try #require(try ledger.jobs.jobs().first { $0.supersedes == 1 })
        #expect(replayJob.state == .done && replayJob.sha256 == job.sha256, "\(replayJob.lastError ?? "")")
    }

    @Test func aTamperedArchiveFailsNamingTheFileAndTheChunk() throws {
        let scratch = try Self.encryptedScratch()
        try scratch.write(
            "Inbox/lincoln-usd/students.csv",
            try String(contentsOfFile: Binary.repositoryRoot + "/Samples/lincoln-usd/students.csv", encoding: .utf8))
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        let ledger = try Ledger(path: scratch.path("dropgate.sqlite"))
        let job = try #require(try ledger.jobs.job(id: 1))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: job.filePath))
        bytes[40] ^= 0x04
        try bytes.write(to: URL(fileURLWithPath: job.filePath))

        let show = try Binary.run(["archive", "show", "1"], in: scratch.root)
        #expect(show.status == 1)
        #expect(
            show.stderr.contains("archive file \(job.filePath): chunk 0 fails authentication"), "\(show.stderr)")
        #expect(show.stdout.isEmpty)

        try ledger.pool.write { db in try db.execute(sql: "UPDATE jobs SET state = 'rejected' WHERE id = 1") }
        #expect(try Binary.run(["requeue", "1"], in: scratch.root).status == 0)
        _ = try Binary.run(["run", "--once"], in: scratch.root)
        let failed = try #require(try ledger.jobs.job(id: 1))
        #expect(failed.state == .dead, "not transient: no retry")
        #expect(failed.lastError?.contains("chunk 0 fails authentication") == true, "\(failed.lastError ?? "")")
        #expect(FileManager.default.fileExists(atPath: job.filePath), "the file is kept for an operator")
    }

    @Test func anOpenKeyFileOrAMissingOneRefusesToStart() throws {
        let open = try Self.encryptedScratch(keyMode: 0o644)
        let refused = try Binary.run(["run", "--once"], in: open.root)
        #expect(refused.status == 2)
        #expect(
            refused.stderr.contains("is readable by group or others (mode 644): run chmod 600"), "\(refused.stderr)")

        let missing = try Self.encryptedScratch()
        try FileManager.default.removeItem(atPath: missing.path("keys/archive.key"))
        let none = try Binary.run(["archive", "show", "1"], in: missing.root)
        #expect(none.status == 2 && none.stderr.contains("keys/archive.key cannot be read"), "\(none.stderr)")
    }

    @Test func aRotatedKeyStillOpensFilesArchivedBeforeTheRotation() throws {
        let scratch = try Self.encryptedScratch()
        let students = try String(
            contentsOfFile: Binary.repositoryRoot + "/Samples/lincoln-usd/students.csv", encoding: .utf8)
        try scratch.write("Inbox/lincoln-usd/students.csv", students)
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        // Rotation: a new current key, the old one kept for reading.
        try FileManager.default.moveItem(
            atPath: scratch.path("keys/archive.key"), toPath: scratch.path("keys/2025.key"))
        try scratch.write("keys/archive.key", String(repeating: "a1", count: 32))
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o600], ofItemAtPath: scratch.path("keys/archive.key"))
        try scratch.write("dropgate.yaml", Self.config + "  old_key_files: [keys/2025.key]\n")
        let show = try Binary.run(["archive", "show", "1"], in: scratch.root)
        #expect(show.status == 0 && show.stdout == students, "\(show.stderr)")

        try scratch.write("dropgate.yaml", Self.config)
        let forgotten = try Binary.run(["archive", "show", "1"], in: scratch.root)
        #expect(forgotten.status == 1)
        #expect(
            forgotten.stderr.contains("which neither archive.key_file nor archive.old_key_files holds"),
            "\(forgotten.stderr)")
    }

    @Test func restoreRegistersAnEncryptedFileReceivedAfterTheBackupByItsPlaintextHash() throws {
        let scratch = try Self.encryptedScratch()
        let sample = Binary.repositoryRoot + "/Samples/lincoln-usd/"
        try scratch.write(
            "Inbox/lincoln-usd/students.csv", try String(contentsOfFile: sample + "students.csv", encoding: .utf8))
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        let backup = try Binary.run(["backup", "Backups"], in: scratch.root)
        #expect(backup.status == 0, "\(backup.stderr)")
        try scratch.write(
            "Inbox/lincoln-usd/attendance.csv", try String(contentsOfFile: sample + "attendance.csv", encoding: .utf8))
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        // Read, then closed: restore refuses while any process (this one included) has the database open.
        let lost = try #require(try Ledger(path: scratch.path("dropgate.sqlite")).jobs.job(id: 2))
        #expect(try Data(contentsOf: URL(fileURLWithPath: lost.filePath)).starts(with: Array("DGAE".utf8)))

        let file = try #require(scratch.files(under: "Backups").first)
        let restore = try Binary.run(["restore", scratch.path("Backups/" + file)], in: scratch.root)
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(
            restore.stdout.contains("1 files received after the backup are registered again as jobs 3"),
            "\(restore.stdout)")
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)

        let after = try Ledger(path: scratch.path("dropgate.sqlite"))
        let again = try #require(try after.jobs.job(id: 3))
        #expect(again.state == .done && again.sha256 == lost.sha256, "\(again.lastError ?? "")")
        #expect(again.rowsRead == lost.rowsRead && again.originalName == "attendance.csv")
        #expect(try Data(contentsOf: URL(fileURLWithPath: again.filePath)).starts(with: Array("DGAE".utf8)))
        #expect(!FileManager.default.fileExists(atPath: lost.filePath), "one archived copy per file")
    }
}

import Bench
import Foundation
import TestThreads
import Testing
import Values

@testable import Store

/// `dropgate backup` while the daemon runs, `dropgate restore` after a kill -9: the restored ledger resumes
/// without losing a file or loading one twice, and control numbers never repeat.
@Suite(.serialized, .blocking) struct BackupRestoreTests {
    static let config = CrashSafetyTests.fastConfig

    /// The files of the scenario, written into `folder`: a roster, a small attendance file loaded before the
    /// backup, one loaded after it, and a large one the daemon is killed in the middle of.
    static func writeFiles(into folder: String) throws {
        let early = SampleGenerator(students: 2_000, invalidEvery: 41)
        try early.writeRoster(to: folder + "/students.csv")
        _ = try early.writeAttendance(rows: 4_000, to: folder + "/attendance-a.csv")
        let later = SampleGenerator(students: 2_000, invalidEvery: 43, firstDay: Day(year: 2025, month: 3, day: 3)!)
        _ = try later.writeAttendance(rows: 6_000, to: folder + "/attendance-b.csv")
        let large = SampleGenerator(students: 2_000, invalidEvery: 89, firstDay: Day(year: 2024, month: 8, day: 12)!)
        _ = try large.writeAttendance(rows: 200_000, to: folder + "/attendance-c.csv")
    }

    /// Moves prepared files into the source's inbox, aged so they are taken at once.
    static func drop(_ names: [String], from folder: String, into scratch: Scratch) throws {
        let inbox = scratch.path("Inbox/lincoln-usd")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        for name in names {
            try FileManager.default.copyItem(atPath: folder + "/" + name, toPath: inbox + "/" + name)
            try FileManager.default.setAttributes(
                [.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: inbox + "/" + name)
        }
    }

    @Test func restoreAfterAKillResumesWithoutLosingOrRepeatingAFile() throws {
        let files = try Scratch()
        try Self.writeFiles(into: files.root)

        // The reference: every file loaded once, in order, with no interruption.
        let clean = try Scratch()
        try clean.write("dropgate.yaml", Self.config)
        for name in ["students.csv", "attendance-a.csv", "attendance-b.csv", "attendance-c.csv"] {
            try Self.drop([name], from: files.root, into: clean)
            #expect(try Binary.run(["run", "--once"], in: clean.root).status == 0)
        }

        let scratch = try Scratch()
        try scratch.write("dropgate.yaml", Self.config)
        try Self.drop(["students.csv"], from: files.root, into: scratch)
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        try Self.drop(["attendance-a.csv"], from: files.root, into: scratch)
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)

        // A backup taken while the daemon runs.
        let daemon = try Binary.start(["run"], in: scratch.root, quiet: true)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        let backup = try Binary.run(["backup", "Backups"], in: scratch.root)
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("integrity ok"), "\(backup.stdout)")
        let backups = scratch.files(under: "Backups")
        #expect(
            backups.count == 1 && backups[0].hasPrefix("dropgate-") && backups[0].hasSuffix("Z.sqlite"), "\(backups)")
        let backupFile = scratch.path("Backups/" + (backups.first ?? "none"))
        #expect(try FileManager.default.attributesOfItem(atPath: backupFile)[.posixPermissions] as? Int == 0o600)

        // After the backup: one file loads, the next is cut short by kill -9.
        try Self.drop(["attendance-b.csv"], from: files.root, into: scratch)
        try waitFor("attendance-b.csv to load", in: scratch) { jobs in
            jobs.contains { $0.originalName == "attendance-b.csv" && $0.state == .done }
        }
        try Self.drop(["attendance-c.csv"], from: files.root, into: scratch)
        try waitFor("attendance-c.csv to be in progress", in: scratch) { jobs in
            jobs.contains { $0.originalName == "attendance-c.csv" && $0.state == .processing }
        }

        let refused = try Binary.run(["restore", backupFile], in: scratch.root)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is in use by another dropgate process"), "\(refused.stderr)")
        #expect(
            !(try FileManager.default.contentsOfDirectory(atPath: scratch.root)).contains { $0.contains("replaced") },
            "a refused restore sets nothing aside")

        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()

        let restore = try Binary.run(["restore", backupFile], in: scratch.root)
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(restore.stdout.contains("the backup holds 2 jobs (last job 2)"), "\(restore.stdout)")
        #expect(restore.stdout.contains("(4 jobs, last job 4)"), "\(restore.stdout)")
        #expect(
            restore.stdout.contains("2 files received after the backup are registered again as jobs 5, 6"),
            "ids above the replaced database's 4: \(restore.stdout)")
        let kept = try FileManager.default.contentsOfDirectory(atPath: scratch.root).filter {
            $0.hasPrefix("dropgate.sqlite.replaced-")
        }
        #expect(kept.count == 1, "the replaced database is kept: \(kept)")

        let finish = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(finish.status == 0, "\(finish.stderr)")

        let restored = try Ledger(path: scratch.path("dropgate.sqlite"))
        let reference = try Ledger(path: clean.path("dropgate.sqlite"))
        let jobs = try restored.jobs.jobs().sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        #expect(
            jobs.map(\.originalName) == ["students.csv", "attendance-a.csv", "attendance-b.csv", "attendance-c.csv"])
        #expect(jobs.compactMap(\.id) == [1, 2, 5, 6])
        #expect(jobs.allSatisfy { $0.state == .done }, "\(jobs.map(\.state))")
        let cleanJobs = try reference.jobs.jobs().sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        #expect(jobs.map(\.inserted) == cleanJobs.map(\.inserted))
        #expect(jobs.map(\.updated) == cleanJobs.map(\.updated))
        #expect(jobs.map(\.rejected) == cleanJobs.map(\.rejected))
        // The same rows as the clean run, whose later jobs had ids 3 and 4.
        for table in ["attendance", "students"] {
            #expect(try Self.rows(table, in: restored, ids: [5: 3, 6: 4]) == Self.rows(table, in: reference, ids: [:]))
        }
        let archived = scratch.files(under: "Archive").filter { $0.hasSuffix(".csv") }
        #expect(archived.count == 4, "one archived copy per file: \(archived)")
        #expect(scratch.files(under: "Staging").filter { $0.contains("/") }.isEmpty)
    }

    @Test func aRestoreStoppedHalfWayLocksTheDatabaseUntilResumeFinishesIt() throws {
        let files = try Scratch()
        try Self.writeFiles(into: files.root)
        let scratch = try Scratch()
        try scratch.write("dropgate.yaml", Self.config)
        try Self.drop(["students.csv"], from: files.root, into: scratch)
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        #expect(try Binary.run(["backup", "Backups"], in: scratch.root).status == 0)
        let backup = "Backups/" + (try #require(scratch.files(under: "Backups").first))
        try Self.drop(["attendance-a.csv", "attendance-b.csv"], from: files.root, into: scratch)
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)

        // The restore dies after registering the first of the two files received after the backup.
        let stopped = try Binary.run(
            ["restore", backup], in: scratch.root, environment: ["DROPGATE_FAULT": "restore-midway"])
        #expect(stopped.status != 0)
        #expect(FileManager.default.fileExists(atPath: scratch.path("dropgate.sqlite.restore-pending")))
        for command in [["jobs"], ["run", "--once"], ["restore", backup]] {
            let refused = try Binary.run(command, in: scratch.root)
            #expect(refused.status != 0, "\(command)")
            #expect(
                refused.stderr.contains("did not finish; run `dropgate restore --resume` to finish it"),
                "\(command): \(refused.stderr)")
        }

        let resumed = try Binary.run(["restore", "--resume"], in: scratch.root)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(
            resumed.stdout.contains("1 files received after the backup are registered again as jobs 5"),
            "the second file gets an id above the first one's (4): \(resumed.stdout)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("dropgate.sqlite.restore-pending")))
        let again = try Binary.run(["restore", "--resume"], in: scratch.root)
        #expect(again.status == 1 && again.stderr.contains("no restore of"), "\(again.stderr)")

        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        let jobs = try Ledger(path: scratch.path("dropgate.sqlite")).jobs.jobs().sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        #expect(jobs.map(\.originalName) == ["students.csv", "attendance-a.csv", "attendance-b.csv"])
        #expect(jobs.compactMap(\.id) == [1, 4, 5])
        #expect(jobs.allSatisfy { $0.state == .done }, "\(jobs.map(\.state))")
        #expect(scratch.files(under: "Archive").filter { $0.hasSuffix(".csv") }.count == 3, "each file once")
    }

    @Test func restoreRaisesControlNumbersPastBatchesBuiltAfterTheBackup() throws {
        let scratch = try ClaimsEndToEndTests.loadedScratch()
        #expect(try Binary.run(["backup", "Backups"], in: scratch.root).status == 0)
        let built = try Binary.run(["claims", "build", "--payer", "lea-bop"], in: scratch.root)
        #expect(built.status == 0, "\(built.stderr)")
        let first = try #require(scratch.files(under: "Outbox/lea-bop/837P").first)
        let backup = try #require(scratch.files(under: "Backups").first)

        let restore = try Binary.run(["restore", "Backups/" + backup], in: scratch.root)
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(restore.stdout.contains("control numbers of lea-bop raised from 0 to 1"), "\(restore.stdout)")
        #expect(
            restore.stdout.contains("warning: claim batch") && restore.stdout.contains(first)
                && restore.stdout.contains("was built after the backup"), "\(restore.stdout)")

        let rebuilt = try Binary.run(["claims", "build", "--payer", "lea-bop", "--json"], in: scratch.root)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let batches = try Binary.run(["claims", "batches", "--json"], in: scratch.root)
        let list = try JSONSerialization.jsonObject(with: Data(batches.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(list.compactMap { $0["interchange_control"] as? Int } == [2], "number 1 is never used again")
    }

    @Test func restoreRefusesAFileThatIsNotABackup() throws {
        let scratch = try Scratch()
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        try scratch.write("not-a-backup.sqlite", "hello, this is not SQLite")
        let refused = try Binary.run(["restore", "not-a-backup.sqlite"], in: scratch.root)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("not-a-backup.sqlite"), "\(refused.stderr)")
        #expect(
            !(try FileManager.default.contentsOfDirectory(atPath: scratch.root)).contains { $0.contains("replaced") })
    }

    @Test func theDaemonTakesOneBackupADayAndKeepsTheNewest() throws {
        let scratch = try Scratch()
        try scratch.write("dropgate.yaml", Self.config + "backup:\n  folder: Backups\n  keep: 2\n")
        // Three old backups: the newest is more than a day old, so the pass takes one and keeps two.
        try FileManager.default.createDirectory(atPath: scratch.path("Backups"), withIntermediateDirectories: true)
        for stamp in ["20250101T000000Z", "20250102T000000Z", "20250103T000000Z"] {
            try scratch.write("Backups/dropgate-\(stamp).sqlite", "old")
        }
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        let afterFirst = scratch.files(under: "Backups")
        #expect(afterFirst.count == 2, "\(afterFirst)")
        #expect(afterFirst.first == "dropgate-20250103T000000Z.sqlite", "\(afterFirst)")
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        #expect(scratch.files(under: "Backups") == afterFirst, "a second pass the same day takes none")
    }

    /// A table's rows as text with their job ids mapped through `ids`, sorted.
    static func rows(_ table: String, in ledger: Ledger, ids: [Int64: Int64]) throws -> [[String]] {
        let columns = try ledger.dump(sql: "SELECT name FROM pragma_table_info('\(table)')").map { $0[0] }
        let job = try #require(columns.firstIndex(of: "job_id"))
        return try ledger.dump(table: table).map { row in
            var row = row
            row[job] = Int64(row[job]).flatMap { ids[$0] }.map(String.init) ?? row[job]
            return row
        }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Polls the scratch's ledger until `done` holds (at most 60 s).
    private func waitFor(_ what: String, in scratch: Scratch, _ done: ([JobRecord]) -> Bool) throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let jobs: [JobRecord] = try {
                guard FileManager.default.fileExists(atPath: scratch.path("dropgate.sqlite")) else { return [] }
                return try Ledger(path: scratch.path("dropgate.sqlite")).jobs.jobs()
            }()
            if done(jobs) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("timed out waiting for \(what)")
    }
}

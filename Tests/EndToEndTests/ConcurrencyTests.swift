import Bench
import Foundation
import Store
import TestThreads
import Testing
import Values

/// Several processes over one configuration and database: each file is taken once, each job runs once.
@Suite(.serialized, .blocking) struct ConcurrencyTests {
    static let config = """
        poll_interval: 200ms
        sources:
          - id: lincoln-usd
            stable_after: 0s

        """

    /// Two `run --once` started together over 20 dropped files, ten rounds: no job is run twice, none dies,
    /// no extra duplicate appears, every row is read exactly once.
    @Test func twoProcessesShareOneDatabaseWithoutAnomalies() throws {
        for round in 0..<10 {
            let scratch = try Scratch()
            try scratch.write("dropgate.yaml", Self.config)
            try SampleGenerator(students: 200, invalidEvery: 0).writeRoster(to: scratch.path("students.csv"))
            let roster = try Binary.run(["ingest", "students.csv", "--source", "lincoln-usd"], in: scratch.root)
            #expect(roster.status == 0, "\(roster.stderr)")
            var rows = 0
            for file in 0..<20 {
                // Each file starts on its own day, so the files hold different bytes and different keys.
                let generator = SampleGenerator(
                    students: 200, invalidEvery: 0,
                    firstDay: Day(year: 2023, month: 1, day: 2)!.adding(days: file * 40))
                rows += try generator.writeAttendance(
                    rows: 2_000, to: scratch.path("Inbox/lincoln-usd/attendance_\(file).csv")
                ).rows
            }
            let first = try Binary.start(["run", "--once"], in: scratch.root, quiet: true)
            let second = try Binary.start(["run", "--once"], in: scratch.root, quiet: true)
            first.waitUntilExit()
            second.waitUntilExit()
            #expect(first.terminationStatus == 0, "round \(round)")
            #expect(second.terminationStatus == 0, "round \(round)")

            let ledger = try Ledger(path: scratch.path("dropgate.sqlite"))
            let jobs = try ledger.jobs.jobs(limit: 1_000).filter { $0.kind == "aeries-attendance" }
            #expect(jobs.count == 20, "round \(round): \(jobs.map(\.state))")
            #expect(jobs.allSatisfy { $0.state == .done }, "round \(round): \(jobs.map(\.state))")
            #expect(jobs.allSatisfy { $0.attempts == 1 }, "round \(round): \(jobs.map(\.attempts))")
            #expect(jobs.reduce(0) { $0 + $1.rowsRead } == rows, "round \(round)")
            #expect(try ledger.jobs.jobs(state: .duplicate).isEmpty, "round \(round)")
            let receipts = scratch.files(under: "Outbox/lincoln-usd/reports").filter { $0.hasSuffix(".receipt.json") }
            #expect(receipts.count == 21, "round \(round): the roster's receipt and one per file")
            #expect(scratch.files(under: "Inbox/lincoln-usd").isEmpty, "round \(round)")
        }
    }

    /// `ingest` killed mid-load, then the same command again: the interrupted job is finished, not reported
    /// as a duplicate; a third time nothing is loaded and the exit status says so.
    @Test func ingestAfterAKillFinishesTheInterruptedJob() throws {
        let scratch = try Scratch()
        try scratch.write("dropgate.yaml", Self.config)
        let generator = SampleGenerator(students: 1_000, invalidEvery: 0)
        try generator.writeRoster(to: scratch.path("students.csv"))
        #expect(try Binary.run(["ingest", "students.csv", "--source", "lincoln-usd"], in: scratch.root).status == 0)
        let expectation = try generator.writeAttendance(rows: 400_000, to: scratch.path("attendance.csv"))
        let ledger = try Ledger(path: scratch.path("dropgate.sqlite"))
        let killed = try Binary.start(
            ["ingest", "attendance.csv", "--source", "lincoln-usd"], in: scratch.root, quiet: true)
        // Kill once the attendance job is processing (its rows are being loaded).
        let deadline = Date().addingTimeInterval(60)
        while try ledger.jobs.jobs(state: .processing).isEmpty, Date() < deadline, killed.isRunning {
            Thread.sleep(forTimeInterval: 0.02)
        }
        Thread.sleep(forTimeInterval: 0.2)
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        let interrupted = try #require(try ledger.jobs.jobs().first { $0.originalName == "attendance.csv" })
        #expect(interrupted.state == .processing, "the kill must interrupt the load")

        let again = try Binary.run(["ingest", "attendance.csv", "--source", "lincoln-usd", "--json"], in: scratch.root)
        #expect(again.status == 0, "\(again.stderr)")
        let interruptedID = try #require(interrupted.id)
        let finished = try #require(try ledger.jobs.job(id: interruptedID))
        #expect(finished.state == .done)
        #expect(finished.inserted == expectation.valid)
        #expect(again.stdout.contains("\"id\" : \(interruptedID)"), "the finished job is shown")

        let third = try Binary.run(["ingest", "attendance.csv", "--source", "lincoln-usd"], in: scratch.root)
        #expect(third.status == 1)
        #expect(third.stderr.contains("nothing was loaded"), "\(third.stderr)")
        #expect(
            !scratch.files(under: "Staging").contains { $0.hasSuffix(".tmp") }, "the killed copy's leftovers are swept")
    }
}

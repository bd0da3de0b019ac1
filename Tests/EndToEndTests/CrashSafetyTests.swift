import Bench
import Foundation
import Gateway
import TestThreads
import Testing

@testable import Store

/// Kill -9 at arbitrary moments, restart: every row loads exactly once and the outbox holds only whole files.
@Suite(.serialized, .blocking) struct CrashSafetyTests {
    static let rows = 600_000

    static let fastConfig = """
        poll_interval: 200ms
        sources:
          - id: lincoln-usd
            stable_after: 0s

        """

    func prepare(_ scratch: Scratch) throws -> SampleGenerator.Expectation {
        try scratch.write("dropgate.yaml", Self.fastConfig)
        let generator = SampleGenerator(students: Self.rows / 180, invalidEvery: 97)
        try generator.writeRoster(to: scratch.path("Inbox/lincoln-usd/students.csv"))
        return try generator.writeAttendance(rows: Self.rows, to: scratch.path("Inbox/lincoln-usd/attendance.csv"))
    }

    @Test func killNineMidIngestThenRestartMatchesACleanRun() throws {
        let clean = try Scratch()
        let expectation = try prepare(clean)
        let cleanRun = try Binary.run(["run", "--once"], in: clean.root)
        #expect(cleanRun.status == 0, "\(cleanRun.stderr)")

        let crashed = try Scratch()
        _ = try prepare(crashed)
        for delay in [0.4, 0.8, 1.2, 0.6, 1.0] {
            let daemon = try Binary.start(["run"], in: crashed.root, quiet: true)
            Thread.sleep(forTimeInterval: delay)
            kill(daemon.processIdentifier, SIGKILL)
            daemon.waitUntilExit()
        }
        let finish = try Binary.run(["run", "--once"], in: crashed.root)
        #expect(finish.status == 0, "\(finish.stderr)")

        let cleanLedger = try Ledger(path: clean.path("dropgate.sqlite"))
        let crashedLedger = try Ledger(path: crashed.path("dropgate.sqlite"))
        let jobs = try crashedLedger.jobs.jobs()
        #expect(jobs.count == 2)
        #expect(jobs.allSatisfy { $0.state == .done })
        let attendance = try #require(jobs.first { $0.kind == "aeries-attendance" })
        #expect(attendance.attempts >= 2, "the kills must have interrupted the ingest at least once")
        #expect(attendance.rejected == expectation.invalid)
        #expect(attendance.inserted == expectation.valid)
        #expect(try crashedLedger.dump(table: "attendance") == cleanLedger.dump(table: "attendance"))
        #expect(try crashedLedger.dump(table: "students") == cleanLedger.dump(table: "students"))
        let exceptions = try crashedLedger.jobs.exceptions(jobID: #require(attendance.id))
        #expect(exceptions.count == expectation.invalid)

        let outbox = crashed.files(under: "Outbox")
        #expect(outbox.filter { $0.hasSuffix(".receipt.json") }.count == 2)
        #expect(!outbox.contains { $0.hasSuffix(".tmp") }, "\(outbox)")
        #expect(crashed.files(under: "Inbox/lincoln-usd").isEmpty)
        #expect(
            crashed.files(under: "Staging").filter { $0.contains("/") }.isEmpty, "staging is empty once all jobs end")
    }

    @Test func sigtermLetsTheDaemonStopCleanly() throws {
        let scratch = try Scratch()
        try scratch.write("dropgate.yaml", Self.fastConfig)
        let daemon = try Binary.start(["run"], in: scratch.root, quiet: true)
        Thread.sleep(forTimeInterval: 1.0)
        try scratch.write(
            "Inbox/lincoln-usd/students.csv",
            "Student ID,School,Last Name,First Name,Birthdate,Grade\n1,1,A,B,01/02/2012,5\n")
        Thread.sleep(forTimeInterval: 1.5)
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        #expect(daemon.terminationReason == .exit)
        #expect(daemon.terminationStatus == 0)
        let ledger = try Ledger(path: scratch.path("dropgate.sqlite"))
        #expect(try ledger.jobs.jobs().map(\.state) == [.done], "the daemon picked up the file while running")
    }

    @Test func twoHundredThousandRowsLoadExactlyTheValidRows() throws {
        let scratch = try Scratch()
        try scratch.write("dropgate.yaml", Self.fastConfig)
        let generator = SampleGenerator(students: 1_000, invalidEvery: 53)
        try generator.writeRoster(to: scratch.path("students.csv"))
        let expectation = try generator.writeAttendance(rows: 200_000, to: scratch.path("attendance.csv"))
        #expect(try Binary.run(["ingest", "students.csv", "--source", "lincoln-usd"], in: scratch.root).status == 0)
        let result = try Binary.run(
            ["ingest", "attendance.csv", "--source", "lincoln-usd", "--json"], in: scratch.root)
        #expect(result.status == 0, "\(result.stderr)")
        let job = try #require(
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(job["rows_read"] as? Int == 200_000)
        #expect(job["inserted"] as? Int == expectation.valid)
        #expect(job["rejected"] as? Int == expectation.invalid)
        let ledger = try Ledger(path: scratch.path("dropgate.sqlite"))
        let byRule = Dictionary(
            grouping: try ledger.jobs.exceptions(jobID: #require(job["id"] as? Int).int64), by: \.ruleId
        )
        .mapValues(\.count)
        #expect(byRule == expectation.invalidByRule)
    }
}

extension Int {
    var int64: Int64 { Int64(self) }
}

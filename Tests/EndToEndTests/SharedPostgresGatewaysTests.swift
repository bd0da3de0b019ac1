import Bench
import Foundation
import PostgresClient
import PostgresSupport
import Store
import TestThreads
import Testing
import Values

/// Several gateways on one PostgreSQL database (DESIGN §9), each a real `dropgate run` daemon over the same
/// configuration and shared folders.
@Suite(.sharedPostgres, .serialized, .blocking) struct SharedPostgresGatewaysTests {
    static let sources = (0..<10).map { "district-\($0)" }

    /// A configuration naming the database by URL and its password by environment variable.
    static func config(url: String) -> String {
        """
        poll_interval: 200ms
        retry:
          base: 200ms
          cap: 2s
          max_attempts: 20
        paths:
          database: \(url)
          database_password_env: DROPGATE_TEST_DATABASE_PASSWORD
        sources:
        \(sources.map { "  - id: \($0)\n    stable_after: 0s" }.joined(separator: "\n"))

        """
    }

    /// A gateway folder on a fresh database of the suite's server, with `generator`'s roster loaded for each of
    /// `sources`.
    struct Workspace {
        let scratch: Scratch
        let url: String
        let password: String
        var environment: [String: String] { ["DROPGATE_TEST_DATABASE_PASSWORD": password] }

        init(_ generator: SampleGenerator, sources: [String]) throws {
            let server = try SharedPostgres.server
            url = try server.makeDatabase()
            password = server.password
            scratch = try Scratch()
            try scratch.write("dropgate.yaml", SharedPostgresGatewaysTests.config(url: url))
            try generator.writeRoster(to: scratch.path("students.csv"))
            for source in sources {
                let roster = try Binary.run(
                    ["ingest", "students.csv", "--source", source], in: scratch.root, environment: environment)
                #expect(roster.status == 0, "\(roster.stderr)")
                try FileManager.default.createDirectory(
                    atPath: scratch.path("Inbox/\(source)"), withIntermediateDirectories: true)
            }
        }

        /// `count` gateway daemons over the folder.
        func start(_ count: Int) throws -> [Process] {
            try (0..<count).map { _ in
                try Binary.start(["run"], in: scratch.root, environment: environment, quiet: true)
            }
        }

        /// A ledger on the database.
        func ledger() throws -> Ledger {
            try Ledger(postgres: url, password: password)
        }
    }

    /// Three daemons; 300 attendance files dropped over time across ten sources: every file is loaded exactly
    /// once (one job each, one attempt, every row read once), none is taken as a duplicate.
    @Test func threeGatewaysLoadEveryFileOnce() throws {
        let workspace = try Workspace(SampleGenerator(students: 50, invalidEvery: 0), sources: Self.sources)
        let scratch = workspace.scratch
        let gateways = try workspace.start(3)
        defer {
            for gateway in gateways where gateway.isRunning { gateway.terminate() }
            for gateway in gateways { gateway.waitUntilExit() }
        }
        var rows = 0
        for file in 0..<300 {
            let source = Self.sources[file % Self.sources.count]
            let day = Day(year: 2023, month: 1, day: 2)!.adding(days: file)
            let name = "attendance_\(file).csv"
            let staging = scratch.path("\(name).part")
            rows += try SampleGenerator(students: 50, invalidEvery: 0, firstDay: day).writeAttendance(
                rows: 40, to: staging
            ).rows
            try FileManager.default.moveItem(atPath: staging, toPath: scratch.path("Inbox/\(source)/\(name)"))
            if file.isMultiple(of: 30) { Thread.sleep(forTimeInterval: 0.3) }
        }
        let ledger = try workspace.ledger()
        let deadline = Date().addingTimeInterval(240)
        var attendance: [JobRecord] = []
        repeat {
            Thread.sleep(forTimeInterval: 0.5)
            attendance = try ledger.jobs.jobs(limit: 1_000).filter { $0.kind == "aeries-attendance" }
        } while (attendance.count < 300 || attendance.contains { !$0.state.isTerminal }) && Date() < deadline
        #expect(gateways.allSatisfy { $0.isRunning }, "no gateway stopped")
        #expect(attendance.count == 300)
        #expect(Set(attendance.map(\.originalName)).count == 300, "one job per file")
        #expect(attendance.allSatisfy { $0.state == .done }, "\(Set(attendance.map(\.state)))")
        #expect(attendance.allSatisfy { $0.attempts == 1 }, "no job ran twice")
        #expect(attendance.reduce(0) { $0 + $1.rowsRead } == rows)
        #expect(try ledger.jobs.jobs(state: .duplicate).isEmpty)
        let takeovers = try ledger.audit.entries(offset: 0, limit: 5_000).filter { $0.action == "lease-taken-over" }
        #expect(takeovers.isEmpty, "no lease was taken over from a live gateway")
        for source in Self.sources {
            #expect(scratch.files(under: "Inbox/\(source)").isEmpty, "\(source)'s inbox is emptied")
        }
    }

    /// A digest of a database's attendance rows (every column but the job that loaded them), to compare runs.
    static func attendanceDigest(url: String, password: String) throws -> String {
        let connection = try PGConnection(conninfo: url, password: password)
        defer { connection.close() }
        let result = try connection.execute(
            """
            SELECT count(*) || ':' || md5(string_agg(concat_ws('|', district, student_id, date, school, all_day,
                daily_pct, period_1, period_2, period_3, period_4, period_5, period_6), ',' ORDER BY district, date,
                student_id)) FROM attendance
            """)
        return try #require(result.text(row: 0, column: 0))
    }

    /// A gateway killed (SIGKILL) in the middle of a large load: another takes the job over (its owner's
    /// process is gone) and finishes it; the rows equal a clean run's.
    @Test func aKilledGatewaysJobIsFinishedByAnotherWithTheSameRows() throws {
        let generator = SampleGenerator(students: 1_000, invalidEvery: 50)
        let workspace = try Workspace(generator, sources: ["district-0"])
        let scratch = workspace.scratch
        let expectation = try generator.writeAttendance(rows: 150_000, to: scratch.path("attendance.csv"))
        try FileManager.default.moveItem(
            atPath: scratch.path("attendance.csv"), toPath: scratch.path("Inbox/district-0/attendance.csv"))

        let ledger = try workspace.ledger()
        let first = try workspace.start(1)[0]
        let deadline = Date().addingTimeInterval(120)
        while try ledger.jobs.jobs(state: .processing).isEmpty, Date() < deadline, first.isRunning {
            Thread.sleep(forTimeInterval: 0.02)
        }
        Thread.sleep(forTimeInterval: 0.5)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let interrupted = try #require(try ledger.jobs.jobs().first { $0.originalName == "attendance.csv" })
        #expect(interrupted.state == .processing, "the kill must interrupt the load")

        let second = try workspace.start(1)[0]
        defer {
            second.terminate()
            second.waitUntilExit()
        }
        let id = try #require(interrupted.id)
        var finished = interrupted
        while !finished.state.isTerminal, Date() < deadline.addingTimeInterval(120) {
            Thread.sleep(forTimeInterval: 0.2)
            finished = try #require(try ledger.jobs.job(id: id))
        }
        #expect(finished.state == .done)
        #expect(finished.attempts == 2)
        #expect(finished.inserted == expectation.valid)
        let takeovers = try ledger.audit.entries(offset: 0, limit: 100).filter { $0.action == "lease-taken-over" }
        #expect(takeovers.map(\.jobId) == [id])

        // The same file loaded once, cleanly, into a database of its own.
        let clean = try Workspace(generator, sources: ["district-0"])
        _ = try generator.writeAttendance(rows: 150_000, to: clean.scratch.path("attendance.csv"))
        let run = try Binary.run(
            ["ingest", "attendance.csv", "--source", "district-0"], in: clean.scratch.root,
            environment: clean.environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            try Self.attendanceDigest(url: workspace.url, password: workspace.password)
                == Self.attendanceDigest(url: clean.url, password: clean.password))
    }

    /// PostgreSQL restarted while two gateways load: the jobs the restart broke are retried with backoff and
    /// every file ends loaded once.
    @Test func aDatabaseRestartDuringAPassIsRetriedAndEveryFileLoads() throws {
        let workspace = try Workspace(SampleGenerator(students: 200, invalidEvery: 0), sources: ["district-0"])
        let scratch = workspace.scratch
        let gateways = try workspace.start(2)
        defer {
            for gateway in gateways where gateway.isRunning { gateway.terminate() }
            for gateway in gateways { gateway.waitUntilExit() }
        }
        var rows = 0
        for file in 0..<12 {
            let name = "attendance_\(file).csv"
            rows += try SampleGenerator(
                students: 200, invalidEvery: 0, firstDay: Day(year: 2023, month: 1, day: 2)!.adding(days: file * 40)
            ).writeAttendance(rows: 20_000, to: scratch.path(name)).rows
            try FileManager.default.moveItem(
                atPath: scratch.path(name), toPath: scratch.path("Inbox/district-0/\(name)"))
        }
        let ledger = try workspace.ledger()
        let deadline = Date().addingTimeInterval(240)
        while try ledger.jobs.jobs(state: .processing).isEmpty, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        try SharedPostgres.server.restart()
        var attendance: [JobRecord] = []
        repeat {
            Thread.sleep(forTimeInterval: 0.5)
            attendance = (try? ledger.jobs.jobs(limit: 100).filter { $0.kind == "aeries-attendance" }) ?? []
        } while (attendance.count < 12 || attendance.contains { !$0.state.isTerminal }) && Date() < deadline
        #expect(gateways.allSatisfy { $0.isRunning }, "no gateway stopped")
        #expect(attendance.count == 12)
        #expect(attendance.allSatisfy { $0.state == .done }, "\(attendance.map(\.state))")
        #expect(attendance.contains { $0.attempts > 1 }, "the restart interrupted a load, which was retried")
        #expect(attendance.reduce(0) { $0 + $1.rowsRead } == rows)
    }
}

import Bench
import Foundation
import PostgresSupport
import Store
import Testing
import Values

/// Several gateways on one PostgreSQL database (DESIGN §9), each a real `dropgate run` daemon over the same
/// configuration and shared folders.
@Suite(.sharedPostgres, .serialized) struct SharedPostgresGatewaysTests {
    static let sources = (0..<10).map { "district-\($0)" }

    /// A configuration naming the database by URL and its password by environment variable.
    static func config(url: String) -> String {
        """
        poll_interval: 200ms
        paths:
          database: \(url)
          database_password_env: DROPGATE_TEST_DATABASE_PASSWORD
        sources:
        \(sources.map { "  - id: \($0)\n    stable_after: 0s" }.joined(separator: "\n"))

        """
    }

    /// Three daemons; 300 attendance files dropped over time across ten sources: every file is loaded exactly
    /// once (one job each, one attempt, every row read once), none is taken as a duplicate.
    @Test func threeGatewaysLoadEveryFileOnce() throws {
        let server = try SharedPostgres.server
        let url = try server.makeDatabase()
        let environment = ["DROPGATE_TEST_DATABASE_PASSWORD": server.password]
        let scratch = try Scratch()
        try scratch.write("dropgate.yaml", Self.config(url: url))
        let generator = SampleGenerator(students: 50, invalidEvery: 0)
        try generator.writeRoster(to: scratch.path("students.csv"))
        for source in Self.sources {
            let roster = try Binary.run(
                ["ingest", "students.csv", "--source", source], in: scratch.root, environment: environment)
            #expect(roster.status == 0, "\(roster.stderr)")
        }
        let gateways = try (0..<3).map { _ in
            try Binary.start(["run"], in: scratch.root, environment: environment, quiet: true)
        }
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
            try FileManager.default.createDirectory(
                atPath: scratch.path("Inbox/\(source)"), withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: staging, toPath: scratch.path("Inbox/\(source)/\(name)"))
            if file.isMultiple(of: 30) { Thread.sleep(forTimeInterval: 0.3) }
        }
        let ledger = try Ledger(postgres: url, password: server.password)
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
}

import Foundation
import TestThreads
import Testing

/// Progress on long work, through the real binary: a progress line that redraws in place on a terminal (a real
/// pseudo-terminal) and never on a pipe or with `--json`; the daemon's progress log, its `/metrics` gauges and
/// the dashboard while a large file loads.
@Suite(.serialized, .blocking) struct ProgressEndToEndTests {
    /// Runs the binary on a pseudo-terminal (its standard output and error both the terminal); what the
    /// terminal showed and the exit status.
    static func onTerminal(_ arguments: [String], in directory: String) throws -> (output: String, status: Int32) {
        let script = """
            import os, pty, sys
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(sys.argv[1], sys.argv[1:])
            out = b""
            while True:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    break
                if not data:
                    break
                out += data
            _, status = os.waitpid(pid, 0)
            sys.stdout.buffer.write(out)
            sys.exit(os.WEXITSTATUS(status))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, Binary.path] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), process.terminationStatus)
    }

    @Test func aTerminalShowsAProgressLineAndAPipeOrJSONDoesNot() throws {
        let scratch = try Scratch()
        let folder = scratch.path("prepared")
        let prepare = try Binary.run(
            [
                "bench", "ingest", "--rows", "150000", "--wide", "--mappings", scratch.path("Mappings"),
                "--prepare", folder,
            ], in: scratch.root)
        #expect(prepare.status == 0, "\(prepare.stderr)")
        let ingest = ["--config", folder + "/dropgate.yaml", "ingest", folder + "/attendance.csv", "--source"]

        let terminal = try Self.onTerminal(ingest + ["bench-usd"], in: scratch.root)
        #expect(terminal.status == 0, "\(terminal.output)")
        let redraws = terminal.output.components(separatedBy: "\r\u{1B}[K").dropFirst()
        #expect(redraws.count >= 2, "the line is drawn, redrawn and cleared: \(terminal.output.suffix(400))")
        let line = try #require(redraws.first { $0.contains(" left") })
        #expect(line.hasPrefix("job "), "\(line)")
        #expect(line.contains(" records · "), "\(line)")
        #expect(line.contains(" MB ("), "bytes read of the file's size: \(line)")
        #expect(line.contains(" records/s · "), "the rate: \(line)")
        #expect(
            terminal.output.contains("state"), "the job is still printed after the line: \(terminal.output.suffix(400))"
        )

        // Two other files (the first 60,000 and 50,000 lines): real loads, with --json on the terminal and on a
        // pipe; no line is drawn.
        // (Split on the bytes: the export's CRLF is one Character to Swift's String.)
        let lines = try Data(contentsOf: URL(fileURLWithPath: folder + "/attendance.csv")).split(
            separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (name, rows) in [("json.csv", 60_000), ("piped.csv", 50_000)] {
            let bytes = lines.prefix(rows + 1).map { Data($0) + [UInt8(ascii: "\n")] }.reduce(Data(), +)
            try bytes.write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        let json = try Self.onTerminal(
            ["--config", folder + "/dropgate.yaml", "ingest", folder + "/json.csv", "--source", "bench-usd", "--json"],
            in: scratch.root)
        #expect(json.status == 0, "\(json.output.suffix(400))")
        // A real load (quoted fields span lines, so rows are fewer than lines).
        #expect(
            json.output.contains("\"state\" : \"done\"") && !json.output.contains("\"rows_read\" : 0,"),
            "\(json.output.suffix(400))")
        #expect(!json.output.contains("\u{1B}[K"), "\(json.output.prefix(400))")
        let piped = try Binary.run(
            ["--config", folder + "/dropgate.yaml", "ingest", folder + "/piped.csv", "--source", "bench-usd"],
            in: scratch.root)
        #expect(piped.status == 0, "\(piped.stderr)")
        let state = piped.stdout.split(separator: "\n").first { $0.hasPrefix("state ") }
        #expect(state?.hasSuffix(" done") == true, "a real load: \(piped.stdout)")
        #expect(!piped.stderr.contains("\u{1B}[K") && !piped.stdout.contains("\u{1B}[K"))
    }

    @Test func theDaemonLogsMetersAndShowsALongJobWhileItRuns() throws {
        let scratch = try Scratch()
        let yaml = try String(contentsOfFile: scratch.path("dropgate.yaml"), encoding: .utf8)
        // A short interval: a debug build loads the roster in a second or two on an idle machine.
        try scratch.write("dropgate.yaml", "progress_interval: 200ms\n" + yaml)
        try scratch.write("password", "correct-horse-battery\n")
        let add = try Binary.run(
            ["users", "add", "alice", "--role", "admin", "--password-file", "password"], in: scratch.root)
        #expect(add.status == 0, "\(add.stderr)")
        // A roster of 400,000 students with a made-up surname that must never reach the log.
        var roster = "Student ID,School,Last Name,First Name,Birthdate,Grade\n"
        roster.reserveCapacity(400_000 * 40)
        for id in 1...400_000 { roster += "\(id),1,Qwzxyvark,Lee,01/02/2012,5\n" }
        try scratch.write("students.csv", roster)

        let server = try ServedConsole(scratch: scratch, arguments: ["--log-level", "info", "run"])
        defer { server.stop() }
        let client = Curl(base: "http://127.0.0.1:\(server.port)", jar: scratch.path("cookies"))
        let token = try #require(Curl.csrf(in: try client.get("/login").body))
        #expect(
            try client.post("/login", ["csrf": token, "name": "alice", "password": "correct-horse-battery"]).status
                == 303)
        try FileManager.default.createDirectory(
            atPath: scratch.path("Inbox/lincoln-usd"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(
            atPath: scratch.path("students.csv"), toPath: scratch.path("Inbox/lincoln-usd/students.csv"))

        var metered: String?
        var dashboard: String?
        var done = false
        let deadline = Date().addingTimeInterval(120)
        while !done && Date() < deadline {
            let metrics = try client.get("/metrics").body
            if metrics.contains("dropgate_work_in_flight_units{work=\"job ") { metered = metered ?? metrics }
            let page = try client.get("/").body
            if page.contains("id=\"in-flight\"") { dashboard = dashboard ?? page }
            let jobs = try Binary.run(["jobs", "--json"], in: scratch.root).stdout
            done = jobs.contains("\"state\" : \"done\"")
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(done, "the roster loaded")
        let metrics = try #require(metered, "a scrape during the load shows the job in flight")
        #expect(metrics.contains("dropgate_work_in_flight_total_bytes{work=\"job 1\",source=\"lincoln-usd\""))
        let promtool = try Promtool.check(metrics)
        #expect(promtool.status == 0, "\(promtool.output)")
        let page = try #require(dashboard, "the dashboard shows the job while it runs")
        #expect(page.contains("<a href=\"/jobs/1\">job 1 · "), "links to the job")
        #expect(page.contains("http-equiv=\"refresh\""), "and refreshes itself while it runs")
        #expect(server.stop() == 0)

        let log = try String(contentsOfFile: scratch.path("serve.log"), encoding: .utf8)
        let progress = log.split(separator: "\n").filter { $0.contains("work in progress") }
        #expect(!progress.isEmpty, "one line per interval while the job ran: \(log.suffix(2000))")
        for line in progress {
            #expect(line.contains("job.id=1") && line.contains("records=") && line.contains("rate_per_s="), "\(line)")
        }
        #expect(!log.contains("Qwzxyvark"), "no data in the log")
    }
}

import Foundation
import TestThreads
import Testing

/// The console served by the real binary (`dropgate serve`) over real HTTP (curl), with a user made by
/// `dropgate users add`: what its pages count matches `dropgate jobs --json`.
@Suite(.serialized, .blocking) struct ConsoleEndToEndTests {
    @Test func serveShowsTheIngestedSamplesToAUserMadeByUsersAdd() throws {
        let scratch = try Scratch()
        try scratch.dropSamples()
        _ = try Binary.run(["run", "--once"], in: scratch.root)
        try scratch.write("password", "correct-horse-battery\n")
        let add = try Binary.run(
            ["users", "add", "alice", "--role", "admin", "--password-file", "password"], in: scratch.root)
        #expect(add.status == 0, "\(add.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: scratch.path("dropgate.users"))[.posixPermissions]
        #expect(mode as? Int == 0o600)

        let server = try ServedConsole(scratch: scratch)
        defer { server.stop() }
        let client = Curl(base: "http://127.0.0.1:\(server.port)", jar: scratch.path("cookies"))
        #expect(try client.get("/livez").body == "ok\n")
        #expect(try client.get("/readyz").body == "ready\n")
        let form = try client.get("/login")
        let token = try #require(Curl.csrf(in: form.body))
        let login = try client.post(
            "/login", ["csrf": token, "name": "alice", "password": "correct-horse-battery"])
        #expect(login.status == 303)

        let jobs = try Binary.run(["jobs", "--json", "--limit", "1000"], in: scratch.root)
        let all = try JSONSerialization.jsonObject(with: Data(jobs.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(all.count > 5)
        // The dashboard counts today's jobs (a run straddling midnight leaves yesterday's out of both).
        let midnight = Calendar.current.startOfDay(for: Date())
        let list = all.filter { job in
            (job["created_at"] as? String).flatMap { try? Date($0, strategy: .iso8601) }.map { $0 >= midnight } ?? false
        }
        let dashboard = try client.get("/")
        #expect(dashboard.status == 200)
        for state in ["done", "rejected", "duplicate", "dead"] {
            let expected = list.filter { $0["state"] as? String == state }.count
            #expect(Curl.counter("today-\(state)", in: dashboard.body) == expected, "\(state)")
        }
        let loaded = list.map { job in
            ["inserted", "updated", "unchanged", "stale"].compactMap { job[$0] as? Int }.reduce(0, +)
        }.reduce(0, +)
        #expect(dashboard.body.contains("id=\"rows-loaded\">\(loaded)<"))
        let rejected = list.compactMap { $0["rejected"] as? Int }.reduce(0, +)
        #expect(dashboard.body.contains("id=\"rows-rejected\">\(rejected)<"))

        let job = try #require(all.first { ($0["rejected"] as? Int ?? 0) > 0 })
        let id = try #require(job["id"] as? Int)
        let page = try client.get("/jobs/\(id)")
        #expect(page.status == 200)
        for (fact, key) in [("rows read", "rows_read"), ("inserted", "inserted"), ("rejected", "rejected")] {
            #expect(page.body.contains("data-fact=\"\(fact)\">\(job[key] as? Int ?? -1)<"), "\(fact)")
        }
        #expect(page.body.contains("data-fact=\"sha256\">\(job["sha256"] as? String ?? "-")<"))
        let metrics = try client.get("/metrics")
        #expect(
            metrics.body.contains("dropgate_jobs{source=\"lincoln-usd\",kind=\"aeries-students\",state=\"done\"} 1.0"))
        let promtool = try Promtool.check(metrics.body)
        #expect(promtool.status == 0, "\(promtool.output)")
        let csv = try client.get("/jobs/\(id)/exceptions.csv")
        let exported = try Binary.run(["exceptions", String(id), "--format", "csv"], in: scratch.root)
        #expect(csv.body == exported.stdout)
        #expect(server.stop() == 0)
    }

    @Test func theDaemonServesTheConsoleBesideTheWatcherAndStopsOnSIGTERM() throws {
        let scratch = try Scratch()
        let server = try ServedConsole(scratch: scratch, arguments: ["--log-level", "info", "run"])
        let client = Curl(base: "http://127.0.0.1:\(server.port)", jar: scratch.path("cookies"))
        #expect(try client.get("/readyz").body == "ready\n")
        try scratch.write(
            "Inbox/lincoln-usd/students.csv",
            "Student ID,School,Last Name,First Name,Birthdate,Grade\n1,1,A,B,01/02/2012,5\n")
        // The watcher runs beside the server: the dropped file becomes a job.
        let deadline = Date().addingTimeInterval(30)
        var taken = false
        while !taken && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.5)
            taken = scratch.files(under: "Inbox/lincoln-usd").isEmpty
        }
        #expect(taken)
        #expect(try client.get("/").status == 303)
        // A second daemon on the same configuration finds the console's port taken: it warns and watches on.
        let yaml = try String(contentsOfFile: scratch.path("dropgate.yaml"), encoding: .utf8)
        try scratch.write(
            "dropgate.yaml",
            yaml.replacingOccurrences(of: "listen: 127.0.0.1:0", with: "listen: 127.0.0.1:\(server.port)"))
        let second = try Binary.start(["run"], in: scratch.root)
        Thread.sleep(forTimeInterval: 2)
        #expect(second.isRunning)
        kill(second.processIdentifier, SIGTERM)
        let stderr = (second.standardError as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)
        #expect(String(decoding: stderr, as: UTF8.self).contains("console not served"))
        #expect(server.stop() == 0)
    }
}

/// `dropgate serve` on a free loopback port (port 0 in the configuration; the port is read from its log line).
final class ServedConsole {
    let process: Process
    let port: Int

    init(scratch: Scratch, arguments: [String] = ["serve"]) throws {
        let log = scratch.path("serve.log")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: scratch.root)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        var found: Int?
        while found == nil && Date() < deadline && process.isRunning {
            Thread.sleep(forTimeInterval: 0.1)
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            found = text.range(of: "http.port=").flatMap { Int(text[$0.upperBound...].prefix { $0.isNumber }) }
        }
        guard let found else {
            process.terminate()
            throw ServeFailed(log: (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
        }
        port = found
    }

    /// A server no test stopped stops with the test.
    deinit { stop() }

    /// Stops the server with SIGTERM; its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    struct ServeFailed: Error, CustomStringConvertible {
        var log: String
        var description: String { "dropgate serve did not report its port: \(log)" }
    }
}

/// Real HTTP through curl, with a cookie jar.
struct Curl {
    let base: String
    let jar: String

    struct Answer {
        var status: Int
        var body: String
    }

    func get(_ path: String) throws -> Answer { try run([base + path]) }

    func post(_ path: String, _ fields: [String: String]) throws -> Answer {
        try run(
            fields.sorted { $0.key < $1.key }.flatMap { ["--data-urlencode", "\($0.key)=\($0.value)"] } + [base + path])
    }

    private func run(_ arguments: [String]) throws -> Answer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "-c", jar, "-b", jar, "-w", "\n%{http_code}"] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var text = String(decoding: data, as: UTF8.self)
        let newline = text.lastIndex(of: "\n") ?? text.startIndex
        let status = Int(text[text.index(after: newline)...]) ?? -1
        text = String(text[..<newline])
        return Answer(status: status, body: text)
    }

    static func csrf(in page: String) -> String? {
        page.range(of: "name=\"csrf\" value=\"").map { String(page[$0.upperBound...].prefix { $0 != "\"" }) }
    }

    static func counter(_ id: String, in page: String) -> Int? {
        guard let range = page.range(of: "id=\"\(id)\">"), let bold = page[range.upperBound...].range(of: "<b>")
        else { return nil }
        return Int(page[bold.upperBound...].prefix { $0.isNumber })
    }
}

/// Prometheus's own checker (Debian's `prometheus`, installed by scripts/setup): a missing promtool fails the test.
enum Promtool {
    static func check(_ metrics: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/promtool")
        process.arguments = ["check", "metrics"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(metrics.utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}

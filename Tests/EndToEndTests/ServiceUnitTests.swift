import Bench
import Foundation
import TestThreads
import Testing

@testable import Store

/// `deploy/dropgate.service`: systemd accepts it, it carries the hardening the README promises, and the daemon
/// stops on its SIGTERM within its TimeoutStopSec even in the middle of a large load.
@Suite(.serialized, .blocking) struct ServiceUnitTests {
    static let unitPath = Binary.repositoryRoot + "/deploy/dropgate.service"

    static func directives() throws -> [String: String] {
        var values: [String: String] = [:]
        for line in try String(contentsOfFile: unitPath, encoding: .utf8).split(separator: "\n") {
            guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return values
    }

    @Test func systemdVerifiesTheUnitWithoutAWord() throws {
        // systemd-analyze checks ExecStart's binary exists: point it at the one under test.
        let unit = try String(contentsOfFile: Self.unitPath, encoding: .utf8)
            .replacingOccurrences(of: "ExecStart=/usr/local/bin/dropgate", with: "ExecStart=" + Binary.path)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(unit.utf8).write(to: URL(fileURLWithPath: folder + "/dropgate.service"))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        process.arguments = ["verify", folder + "/dropgate.service"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(said)")
        #expect(said.isEmpty, "systemd-analyze warns: \(said)")
    }

    @Test func theUnitIsHardened() throws {
        let unit = try Self.directives()
        #expect(unit["User"] == "dropgate")
        #expect(unit["NoNewPrivileges"] == "yes")
        #expect(unit["ProtectSystem"] == "strict")
        #expect(unit["PrivateTmp"] == "yes")
        #expect(unit["Restart"] == "on-failure")
        #expect(unit["KillSignal"] == "SIGTERM")
        let writable = Set(
            (unit["ReadWritePaths"] ?? "").split(separator: " ").map { $0.split(separator: "/").last ?? "" })
        #expect(writable.isSuperset(of: ["Inbox", "Outbox", "Archive", "Staging", "data"]), "\(writable)")
        #expect(unit["ExecStart"] == "/usr/local/bin/dropgate run")
    }

    @Test func sigtermInTheMiddleOfALargeLoadStopsWithinTimeoutStopSec() throws {
        let timeout = try #require(Double(try Self.directives()["TimeoutStopSec"] ?? ""))
        let scratch = try Scratch()
        try scratch.write("dropgate.yaml", CrashSafetyTests.fastConfig)
        let generator = SampleGenerator(students: 2_000, invalidEvery: 97)
        try generator.writeRoster(to: scratch.path("Inbox/lincoln-usd/students.csv"))
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        let expectation = try generator.writeAttendance(rows: 300_000, to: scratch.path("attendance.csv"))

        let daemon = try Binary.start(["run"], in: scratch.root, quiet: true)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        try FileManager.default.moveItem(
            atPath: scratch.path("attendance.csv"), toPath: scratch.path("Inbox/lincoln-usd/attendance.csv"))
        let deadline = Date().addingTimeInterval(60)
        var loading = false
        while !loading, Date() < deadline {
            loading = try Ledger(path: scratch.path("dropgate.sqlite")).jobs.jobs().contains {
                $0.originalName == "attendance.csv" && $0.state == .processing
            }
            if !loading { Thread.sleep(forTimeInterval: 0.02) }
        }
        try #require(loading, "the daemon started loading the file")
        let signalled = Date()
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        let stopped = Date().timeIntervalSince(signalled)
        #expect(daemon.terminationReason == .exit && daemon.terminationStatus == 0)
        #expect(stopped < timeout, "stopped \(stopped) s after SIGTERM; systemd kills after \(timeout) s")

        // Whatever the signal interrupted resumes and ends as a clean load would.
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        let jobs = try Ledger(path: scratch.path("dropgate.sqlite")).jobs.jobs()
        let attendance = try #require(jobs.first { $0.originalName == "attendance.csv" })
        #expect(attendance.state == .done)
        #expect(attendance.inserted == expectation.valid)
        #expect(attendance.rejected == expectation.invalid)
    }
}

import Foundation
import TestThreads
import Testing

/// `run --once` says what it could not finish, one line each, with a distinct exit status; the daemon says when
/// it starts and stops.
@Suite(.blocking) struct RunOnceReportTests {
    static let roster =
        "Student ID,School,Last Name,First Name,Birthdate,Grade,Sex\n1001,1,Garcia,Ana,04/12/2012,5,F\n"

    @Test func aSourceThatNeedsAnOperatorExitsThree() throws {
        let scratch = try Scratch()
        try scratch.write(
            "dropgate.yaml",
            """
            sources:
              - id: north
                kind: sftp
                host: 127.0.0.1
                port: 1
                user: u
                host_key: "SHA256:AAAA"
                password_env: DROPGATE_TEST_UNSET_PASSWORD

            """)
        let result = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("source north needs an operator"), "\(result.stderr)")
        #expect(!result.stdout.contains("no new files"), "\(result.stdout)")
    }

    @Test func aSourceThatCannotBeReachedExitsFour() throws {
        let scratch = try Scratch()
        try scratch.write(
            "dropgate.yaml",
            """
            sources:
              - id: north
                kind: sftp
                host: 127.0.0.1
                port: 1
                user: u
                host_key: "SHA256:AAAA"
                password_env: DROPGATE_TEST_PASSWORD

            """)
        let result = try Binary.run(
            ["run", "--once"], in: scratch.root, environment: ["DROPGATE_TEST_PASSWORD": "secret"])
        #expect(result.status == 4, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("source north"), "\(result.stderr)")
        #expect(
            result.stderr.split(separator: "\n").filter { $0.hasPrefix("dropgate: ") }.count == 1, "\(result.stderr)")
    }

    @Test func aFileThatCannotBeStagedExitsFour() throws {
        let scratch = try Scratch()
        try scratch.write("dropgate.yaml", "paths:\n  staging: Staging\nsources:\n  - id: lincoln-usd\n")
        try scratch.write("Staging", "a file where the staging folder should be\n")
        try scratch.write("Inbox/lincoln-usd/students.csv", Self.roster)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -600)],
            ofItemAtPath: scratch.path("Inbox/lincoln-usd/students.csv"))
        let result = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(result.status == 4, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("source lincoln-usd: 1 file could not be staged"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: scratch.path("Inbox/lincoln-usd/students.csv")))
    }

    @Test func aFileStillSettlingExitsFive() throws {
        let scratch = try Scratch()
        try scratch.write("dropgate.yaml", "sources:\n  - id: lincoln-usd\n    stable_after: 1h\n")
        try scratch.write("Inbox/lincoln-usd/students.csv", Self.roster)
        let started = Date()
        let result = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(result.status == 5, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("source lincoln-usd: 1 file still settling"), "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 30, "--once waits only briefly for files to settle")
    }

    @Test func aFileRecognisedByItsHeadersIsLoadedAndTheReceiptSaysSo() throws {
        let scratch = try Scratch()
        try scratch.write("dropgate.yaml", "sources:\n  - id: lincoln-usd\n    stable_after: 0s\n")
        try scratch.write("Inbox/lincoln-usd/weekly_export.csv", Self.roster)
        let result = try Binary.run(["run", "--once", "--json"], in: scratch.root)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let reports = scratch.files(under: "Outbox/lincoln-usd/reports")
        let name = try #require(reports.first { $0.hasSuffix(".receipt.json") }, "\(reports)")
        let receipt = try scratch.json("Outbox/lincoln-usd/reports/" + name)
        #expect(receipt["state"] as? String == "done", "\(receipt)")
        #expect(receipt["kind"] as? String == "aeries-students")
        #expect(receipt["recognised_by"] as? String == "headers", "\(receipt)")
        let exceptions = try Binary.run(["exceptions", "1"], in: scratch.root)
        #expect(exceptions.stdout.contains("recognised-by-headers"), "\(exceptions.stdout)")
    }

    @Test(arguments: [true, false])
    func aUTF16FileWithABOMIsReadAsText(littleEndian: Bool) throws {
        let scratch = try Scratch()
        try scratch.write("dropgate.yaml", "sources:\n  - id: lincoln-usd\n    stable_after: 0s\n")
        let text =
            "Student ID,School,Last Name,First Name,Birthdate,Grade,Sex\r\n"
            + "1001,1,García,Ana,04/12/2012,5,F\r\n1002,1,Nguyễn 𝒜,Mai,05/13/2013,4,F\r\n"
        var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in text.utf16 {
            bytes += littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        try FileManager.default.createDirectory(
            atPath: scratch.path("Inbox/lincoln-usd"), withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: scratch.path("Inbox/lincoln-usd/students.csv")))
        let result = try Binary.run(["run", "--once", "--json"], in: scratch.root)
        let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        let job = try #require(list.first, "\(result.stdout)\(result.stderr)")
        #expect(job["state"] as? String == "done", "\(job)")
        #expect(job["encoding"] as? String == (littleEndian ? "utf-16le" : "utf-16be"))
        #expect(job["inserted"] as? Int == 2, "\(job)")
        #expect(result.status == 0)
    }

    @Test func theDaemonSaysWhenItStartsAndStops() throws {
        let scratch = try Scratch()
        let daemon = try Binary.start(["run"], in: scratch.root)
        Thread.sleep(forTimeInterval: 1.5)
        kill(daemon.processIdentifier, SIGTERM)
        let stderr = (daemon.standardError as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        daemon.waitUntilExit()
        let lines = String(decoding: stderr, as: UTF8.self).split(separator: "\n")
        #expect(daemon.terminationStatus == 0, "\(lines)")
        #expect(lines.count == 2, "\(lines)")
        #expect(
            lines.first?.contains("started") == true && lines.first?.contains("dropgate.sqlite") == true, "\(lines)")
        #expect(lines.first?.contains("lincoln-usd") == true, "\(lines)")
        #expect(lines.last?.contains("stopped") == true, "\(lines)")
    }
}

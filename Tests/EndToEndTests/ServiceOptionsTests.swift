import Foundation
import TestThreads
import Testing

/// `--version` and `--log-format json`, through the real binary.
@Suite(.blocking) struct ServiceOptionsTests {
    @Test func versionNamesTheReleaseAndTheRevisionItWasBuiltFrom() throws {
        let scratch = try Scratch()
        let output = try Binary.run(["--version"], in: scratch.root)
        #expect(output.status == 0)
        let match = try #require(
            output.stdout.wholeMatch(of: /dropgate [0-9]+\.[0-9]+\.[0-9]+ \(revision ([0-9a-f]{12}|unknown)\)\n/),
            "\(output.stdout)")
        // Built from this checkout: the revision is its HEAD (scripts/test and `swift test` build before testing).
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        git.arguments = ["-C", Binary.repositoryRoot, "rev-parse", "--short=12", "HEAD"]
        let pipe = Pipe()
        git.standardOutput = pipe
        git.standardError = FileHandle.nullDevice
        try git.run()
        let head = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        git.waitUntilExit()
        #expect(git.terminationStatus == 0, "the tests run from a git checkout")
        #expect(String(match.output.1) + "\n" == head)
    }

    @Test func jsonLogsAreOneObjectPerLineWithTheTextKeys() throws {
        let scratch = try Scratch()
        try scratch.write(
            "Inbox/lincoln-usd/students.csv",
            "Student ID,School,Last Name,First Name,Birthdate,Grade\n1,1,Garcia,Ana,01/02/2012,5\n")
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-60)],
            ofItemAtPath: scratch.path("Inbox/lincoln-usd/students.csv"))
        let text = try Binary.run(["--log-level", "info", "run", "--once"], in: scratch.root)
        #expect(text.status == 0, "\(text.stderr)")
        let textLine = try #require(text.stderr.split(separator: "\n").first { $0.hasSuffix(" job done") })
        try FileManager.default.removeItem(atPath: scratch.path("dropgate.sqlite"))
        try scratch.write(
            "Inbox/lincoln-usd/students.csv",
            "Student ID,School,Last Name,First Name,Birthdate,Grade\n1,1,Garcia,Ana,01/02/2012,5\n")
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-60)],
            ofItemAtPath: scratch.path("Inbox/lincoln-usd/students.csv"))
        let json = try Binary.run(["--log-level", "info", "--log-format", "json", "run", "--once"], in: scratch.root)
        #expect(json.status == 0, "\(json.stderr)")
        let lines = json.stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        var objects: [[String: Any]] = []
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object != nil, "one JSON object per line: \(line)")
            objects += object.map { [$0] } ?? []
        }
        let done = try #require(objects.first { $0["message"] as? String == "job done" })
        // Every metadata key of the text line (`key=value` before `[source]`) is a key of the JSON line.
        let keys = textLine.split(separator: " ").compactMap { $0.split(separator: "=").first.map(String.init) }
            .filter { $0.contains(".") || $0 == "duration_ms" }
        #expect(keys.contains("job.id") && keys.contains("rows.read"), "\(textLine)")
        for key in keys { #expect(done[key] != nil, "\(key) in \(done)") }
        for key in ["timestamp", "level", "label", "source", "message"] { #expect(done[key] != nil, "\(key)") }
        #expect(done["level"] as? String == "info")
        #expect(!json.stderr.contains("Garcia") && !json.stderr.contains("students.csv"), "no personal data")
    }
}

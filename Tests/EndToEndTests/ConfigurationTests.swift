import Foundation
import TestThreads
import Testing

/// Configuration mistakes are refused at start with the file and line; paths are stored absolute.
@Suite(.blocking) struct ConfigurationTests {
    @Test(arguments: [
        ("poll_interval: 0s\n", 1, "poll_interval"),
        ("poll_interval: 10ms\n", 1, "poll_interval"),
        ("retry:\n  base: 0s\n", 2, "base"),
        ("retry:\n  base: 10s\n  cap: 1s\n", 3, "cap"),
        (
            "sources:\n  - id: north\n    kind: sftp\n    host: localhost\n    user: u\n    host_key: \"SHA256:x\"\n"
                + "    password_env: P\n    poll_interval: 0s\n", 8, "poll_interval"
        ),
    ])
    func durationsBelowTheirFloorAreRefusedWithTheirLine(yaml: String, line: Int, key: String) throws {
        let scratch = try Scratch()
        try scratch.write("dropgate.yaml", yaml)
        let result = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("dropgate.yaml:\(line)"), "\(result.stderr)")
        #expect(result.stderr.contains(key), "\(result.stderr)")
    }

    @Test func insecureAcceptAnyHostKeyIsNotAConfigurationKey() throws {
        let scratch = try Scratch()
        try scratch.write(
            "dropgate.yaml",
            """
            sources:
              - id: north
                kind: sftp
                host: localhost
                user: u
                password_env: P
                insecure_accept_any_host_key: true

            """)
        let result = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("dropgate.yaml:7"), "\(result.stderr)")
        #expect(result.stderr.contains("host keys are always verified"), "\(result.stderr)")
    }

    @Test func aRelativeConfigPathStoresAbsolutePaths() throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path("site"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: scratch.path("Mappings"), toPath: scratch.path("site/Mappings"))
        try scratch.write("site/dropgate.yaml", "sources:\n  - id: lincoln-usd\n    stable_after: 0s\n")
        try scratch.write(
            "site/Inbox/lincoln-usd/students.csv",
            "Student ID,School,Last Name,First Name,Birthdate,Grade,Sex\n1001,1,Garcia,Ana,04/12/2012,5,F\n")
        let run = try Binary.run(["--config", "site/dropgate.yaml", "run", "--once", "--json"], in: scratch.root)
        #expect(run.status == 0, "\(run.stderr)")
        let jobs = try Binary.run(["--config", scratch.path("site/dropgate.yaml"), "jobs", "--json"], in: "/")
        let list = try JSONSerialization.jsonObject(with: Data(jobs.stdout.utf8)) as? [[String: Any]] ?? []
        let job = try #require(list.first, "\(jobs.stdout)")
        for key in ["receipt_path", "file_path", "origin"] {
            let path = try #require(job[key] as? String, "\(key) in \(job)")
            #expect(path.hasPrefix("/"), "\(key): \(path)")
            #expect(!path.contains("/./") && !path.contains("/../"), "\(key): \(path)")
        }
        #expect(FileManager.default.fileExists(atPath: job["receipt_path"] as? String ?? ""))
    }
}

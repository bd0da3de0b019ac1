import Foundation
import TestThreads
import Testing

/// The archive on another file system than staging (`rename` fails with EXDEV there): files still reach it, and
/// `dropgate job` names where each file really is.
@Suite(.blocking) struct DiskTests {
    @Test func anArchiveOnAnotherFileSystemReceivesTheFile() throws {
        let scratch = try Scratch()
        let archive = "/dev/shm/dropgate-e2e-archive-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: archive) }
        try FileManager.default.createDirectory(atPath: archive, withIntermediateDirectories: true)
        var staging = stat()
        var shared = stat()
        #expect(stat(scratch.root, &staging) == 0 && stat(archive, &shared) == 0)
        try #require(staging.st_dev != shared.st_dev, "/dev/shm must be another file system than \(scratch.root)")
        try scratch.write(
            "dropgate.yaml",
            """
            paths:
              archive: \(archive)
            sources:
              - id: lincoln-usd
                stable_after: 0s

            """)
        try scratch.write(
            "Inbox/lincoln-usd/students.csv",
            "Student ID,School,Last Name,First Name,Birthdate,Grade,Sex\n1001,1,Garcia,Ana,04/12/2012,5,F\n")

        let run = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(run.status == 0, "\(run.stderr)")
        let shown = try Binary.run(["job", "1", "--json"], in: scratch.root)
        let jobs = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [[String: Any]]
        let path = try #require(jobs?.first?["file_path"] as? String)
        #expect(path.hasPrefix(archive + "/lincoln-usd/"), "\(path)")
        #expect(FileManager.default.fileExists(atPath: path), "dropgate job names \(path), where nothing is")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("Student ID,"))
        #expect(scratch.files(under: "Staging/lincoln-usd").isEmpty, "\(scratch.files(under: "Staging"))")
        let again = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(!again.stderr.contains("archiving failed"), "\(again.stderr)")
    }
}

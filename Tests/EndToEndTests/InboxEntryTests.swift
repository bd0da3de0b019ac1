import Foundation
import Store
import TestThreads
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Inbox entries that are not plain files of the inbox (links, pipes, devices) or whose names are not UTF-8,
/// through the real binary.
@Suite(.serialized, .blocking) struct InboxEntryTests {
    static let config = """
        poll_interval: 200ms
        sources:
          - id: lincoln-usd
            stable_after: 0s
          - id: riverside-usd
            stable_after: 0s

        """

    static let roster = """
        Student ID,Student Number,School,SSID,CIN,Last Name,First Name,Middle Name,Birthdate,Grade,Sex,Address,City,State,Zip Code
        40100,1,1,1000280700,,Garcia,Ana,,01/01/2010,1,F,1200 Oak St,Lincoln,CA,95648-1000
        40101,2,2,1000280713,95433012F,Nguyen,Ivy,,02/04/2011,2,M,45 Elm Ave,Lincoln,CA,95648-1001

        """

    func scratch() throws -> Scratch {
        let scratch = try Scratch()
        try scratch.write("dropgate.yaml", Self.config)
        try FileManager.default.createDirectory(
            atPath: scratch.path("Inbox/lincoln-usd"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            atPath: scratch.path("Inbox/riverside-usd"), withIntermediateDirectories: true)
        return scratch
    }

    func runTwice(_ scratch: Scratch) throws {
        for _ in 0..<2 {
            let run = try Binary.run(["run", "--once"], in: scratch.root)
            #expect(run.status == 0, "\(run.stderr)")
        }
    }

    func refusal(_ job: JobRecord, _ scratch: Scratch) throws -> (reason: String, exceptions: String) {
        func absolute(_ path: String?) throws -> String {
            let path = try #require(path)
            return path.hasPrefix("/") ? path : scratch.path(path)
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: try absolute(job.receiptPath)))
        let receipt = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let report = try String(contentsOfFile: try absolute(job.reportPath), encoding: .utf8)
        return (receipt["reason"] as? String ?? "", report)
    }

    @Test func symbolicLinksAreRefusedAndNeverFollowed() throws {
        let scratch = try scratch()
        try FileManager.default.createSymbolicLink(
            atPath: scratch.path("Inbox/lincoln-usd/attendance_x.csv"), withDestinationPath: "/etc/passwd")
        try scratch.write("Elsewhere/lincoln-students.csv", Self.roster)
        try FileManager.default.createSymbolicLink(
            atPath: scratch.path("Inbox/riverside-usd/students.csv"),
            withDestinationPath: scratch.path("Elsewhere/lincoln-students.csv"))
        try runTwice(scratch)

        let jobs = try Ledger(path: scratch.path("dropgate.sqlite")).jobs.jobs()
        #expect(jobs.count == 2, "one job per link, not one per pass: \(jobs.map(\.originalName))")
        #expect(jobs.allSatisfy { $0.state == .rejected && $0.inserted == 0 && $0.sha256.hasPrefix("not-regular:") })
        for job in jobs {
            let (reason, exceptions) = try refusal(job, scratch)
            #expect(reason.contains("symbolic link"), "\(reason)")
            #expect(exceptions.contains("file-not-regular"), "\(exceptions)")
        }
        let archived = scratch.files(under: "Archive")
        #expect(!archived.contains { $0.hasSuffix(".csv") }, "nothing was copied: \(archived)")
        #expect(!scratch.files(under: "Staging").contains { !$0.hasPrefix(".") && $0.contains("/") })
        #expect(
            (try? FileManager.default.destinationOfSymbolicLink(
                atPath: scratch.path("Inbox/lincoln-usd/attendance_x.csv")))
                == "/etc/passwd", "the link is left where it is")
        #expect(FileManager.default.fileExists(atPath: scratch.path("Elsewhere/lincoln-students.csv")))
    }

    @Test func pipesAndHardLinksAreRefusedWithoutReadingThem() throws {
        let scratch = try scratch()
        #expect(mkfifo(scratch.path("Inbox/lincoln-usd/students.csv"), 0o600) == 0)
        try scratch.write("Elsewhere/roster.csv", Self.roster)
        #expect(link(scratch.path("Elsewhere/roster.csv"), scratch.path("Inbox/riverside-usd/roster.csv")) == 0)
        try runTwice(scratch)

        let jobs = try Ledger(path: scratch.path("dropgate.sqlite")).jobs.jobs()
        #expect(jobs.count == 2, "\(jobs.map(\.originalName))")
        let pipe = try #require(jobs.first { $0.source == "lincoln-usd" })
        let hardLink = try #require(jobs.first { $0.source == "riverside-usd" })
        #expect(pipe.state == .rejected && hardLink.state == .rejected)
        #expect(try refusal(pipe, scratch).reason.contains("FIFO"))
        #expect(try refusal(hardLink, scratch).reason.contains("hard link"))
        #expect(try refusal(hardLink, scratch).exceptions.contains("file-not-regular"))
        #expect(FileManager.default.fileExists(atPath: scratch.path("Inbox/riverside-usd/roster.csv")))
        #expect(try String(contentsOfFile: scratch.path("Elsewhere/roster.csv"), encoding: .utf8) == Self.roster)
    }

    @Test func aNameThatIsNotUTF8IsTakenAndShownEscaped() throws {
        let scratch = try scratch()
        // "students_caf\xe9.csv": a Windows-1252 é, not valid UTF-8.
        var name = Array(scratch.path("Inbox/lincoln-usd/students_caf").utf8) + [0xE9] + Array(".csv".utf8)
        name.append(0)
        let descriptor = name.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        }
        #expect(descriptor >= 0)
        let bytes = Array(Self.roster.utf8)
        #expect(write(descriptor, bytes, bytes.count) == bytes.count)
        close(descriptor)

        try runTwice(scratch)
        let jobs = try Ledger(path: scratch.path("dropgate.sqlite")).jobs.jobs()
        #expect(jobs.map(\.originalName) == [#"students_caf\xe9.csv"#])
        #expect(jobs.first?.state == .done)
        #expect(jobs.first?.inserted == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("Inbox/lincoln-usd")).isEmpty)
        let listing = try Binary.run(["jobs"], in: scratch.root)
        #expect(listing.stdout.contains(#"students_caf\xe9.csv"#), "\(listing.stdout)")
    }
}

import Foundation
import SFTP
import TestThreads
import Testing

@Suite(.serialized, .blocking)
struct SFTPTransferTests {
    let server: SSHServer
    let local: String
    let log = TestLogger()

    init() throws {
        server = try SSHServer()
        local = server.root + "/local"
        try FileManager.default.createDirectory(atPath: local, withIntermediateDirectories: true)
    }

    @Test func listsAndDownloadsWithContentCountAndDigest() throws {
        try TestFiles.writeRandom(server.data + "/roster.csv", count: 3_000_001)
        try "tiny\n".write(toFile: server.data + "/note.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: server.data + "/sub", withIntermediateDirectories: true)
        let connection = try SFTPConnection.connect(server.endpoint(remoteDirectory: server.data), logger: log.logger)
        defer { connection.close() }

        let entries = try connection.list("").sorted { $0.name < $1.name }
        #expect(entries.map(\.name) == ["note.txt", "roster.csv", "sub"])
        #expect(entries.map(\.isRegularFile) == [true, true, false])
        #expect(entries[2].isDirectory)
        #expect(entries[1].size == 3_000_001)
        let modified = try FileManager.default.attributesOfItem(atPath: server.data + "/roster.csv")[.modificationDate]
        #expect(entries[1].modified == Int64(((modified as? Date) ?? .distantPast).timeIntervalSince1970))

        var consumed: [UInt8] = []
        let count = try connection.download("roster.csv", to: local + "/roster.csv") { chunk in
            consumed.append(contentsOf: chunk)
        }
        #expect(count == 3_000_001)
        let original = try TestFiles.read(server.data + "/roster.csv")
        #expect(try TestFiles.read(local + "/roster.csv") == original)
        #expect(consumed == original)
        #expect(try TestFiles.sha256(local + "/roster.csv") == TestFiles.sha256(server.data + "/roster.csv"))
        #expect(try TestFiles.names(local) == ["roster.csv"])
    }

    @Test func uploadsThroughPartNameAndReplacesTheTarget() throws {
        try TestFiles.writeRandom(local + "/837P.x12", count: 2_500_000)
        try "old".write(toFile: server.data + "/837P.x12", atomically: true, encoding: .utf8)
        let connection = try SFTPConnection.connect(server.endpoint(remoteDirectory: server.data), logger: log.logger)
        defer { connection.close() }

        try connection.upload(from: local + "/837P.x12", to: "837P.x12")

        #expect(try TestFiles.read(server.data + "/837P.x12") == TestFiles.read(local + "/837P.x12"))
        #expect(try TestFiles.names(server.data) == ["837P.x12"])
    }

    @Test func statRenameRemoveAndMakeDirectory() throws {
        let connection = try SFTPConnection.connect(server.endpoint(remoteDirectory: server.data), logger: log.logger)
        defer { connection.close() }
        #expect(try connection.stat("missing.csv") == nil)

        try connection.makeDirectory("outbox")
        try "x".write(toFile: server.data + "/a.csv", atomically: true, encoding: .utf8)
        try connection.rename("a.csv", to: "outbox/b.csv")
        let moved = try #require(try connection.stat(server.data + "/outbox/b.csv"))
        #expect(moved.name == "b.csv" && moved.size == 1 && moved.isRegularFile)
        try connection.remove("outbox/b.csv")
        #expect(try TestFiles.names(server.data + "/outbox").isEmpty)
    }

    @Test func missingRemoteFileIsAPermanentRemoteErrorAndLeavesNoLocalFile() throws {
        let connection = try SFTPConnection.connect(server.endpoint(remoteDirectory: server.data), logger: log.logger)
        defer { connection.close() }
        let error = #expect(throws: SFTPError.self) {
            try connection.download("absent.csv", to: local + "/absent.csv")
        }
        guard case .remote(let status, let path)? = error?.code else {
            Issue.record("expected a remote error, got \(String(describing: error))")
            return
        }
        #expect(status == 2 && path == server.data + "/absent.csv")
        #expect(error?.isTransient == false)
        #expect(error?.description.contains("no such file") == true)
        #expect(try TestFiles.names(local).isEmpty)
    }

    @Test func listsTenThousandFilesInOneCall() throws {
        let directory = server.data + "/many"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for index in 0..<10_000 {
            _ = FileManager.default.createFile(atPath: "\(directory)/file-\(index).csv", contents: nil)
        }
        let connection = try SFTPConnection.connect(server.endpoint(), logger: log.logger)
        defer { connection.close() }

        let clock = ContinuousClock()
        var entries: [RemoteEntry] = []
        let elapsed = try clock.measure { entries = try connection.list(directory) }

        #expect(entries.count == 10_000)
        #expect(Set(entries.map(\.name)).count == 10_000)
        #expect(entries.allSatisfy { $0.isRegularFile && $0.size == 0 })
        #expect(elapsed < .seconds(5), "listing took \(elapsed)")
    }

    @Test func closedConnectionRefusesCalls() throws {
        let connection = try SFTPConnection.connect(server.endpoint(), logger: log.logger)
        connection.close()
        connection.close()
        #expect(throws: SFTPError.self) { try connection.list(server.data) }
    }
}

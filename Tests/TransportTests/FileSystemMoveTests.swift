import Foundation
import TestThreads
import Testing

@testable import Transport

/// Moves and durable second names across file systems (`/dev/shm` is a tmpfs here, apart from the temporary folder).
@Suite(.blocking) struct FileSystemMoveTests {
    let local = FileManager.default.temporaryDirectory.appendingPathComponent("move-\(UUID().uuidString)").path
    let shared = "/dev/shm/dropgate-move-\(UUID().uuidString)"

    init() throws {
        try FileSystem.makeDirectories(local)
        try FileSystem.makeDirectories(shared)
        #expect(try Self.device(local) != Self.device(shared), "the test needs two file systems")
    }

    static func device(_ path: String) throws -> UInt {
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileSystemError("stat", path: path, errno: errno) }
        return UInt(info.st_dev)
    }

    @Test func aMoveToAnotherFileSystemCopiesThenRemoves() throws {
        let bytes = String(repeating: "row,value\n", count: 300_000)
        try Data(bytes.utf8).write(to: URL(fileURLWithPath: local + "/file"))
        let target = shared + "/a/b/file"
        try FileSystem.move(local + "/file", to: target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == bytes)
        #expect(!FileSystem.exists(local + "/file"))
        #expect(try FileSystem.list(shared + "/a/b").map(\.name) == ["file"], "no temporary file left")
        try? FileManager.default.removeItem(atPath: shared)
    }

    @Test(arguments: [true, false])
    func aDuplicateReplacesALeftoverAndKeepsTheOriginal(acrossFileSystems: Bool) throws {
        try Data("whole".utf8).write(to: URL(fileURLWithPath: local + "/file"))
        let target = (acrossFileSystems ? shared : local) + "/archive/file"
        try FileSystem.makeDirectories(FileSystem.directory(of: target))
        try Data("half".utf8).write(to: URL(fileURLWithPath: target))
        try FileSystem.duplicate(local + "/file", to: target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "whole")
        #expect(FileSystem.exists(local + "/file"))
        try? FileManager.default.removeItem(atPath: shared)
    }
}

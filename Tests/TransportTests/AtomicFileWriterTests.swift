import Foundation
import TestThreads
import Testing

@testable import Transport

@Suite(.blocking) struct AtomicFileWriterTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)").path

    @Test func nothingAppearsUnderTheFinalNameUntilCommit() throws {
        let path = folder + "/reports/r.csv"
        let writer = try AtomicFileWriter(path: path)
        try writer.write("row,rule\r\n")
        #expect(!FileManager.default.fileExists(atPath: path))
        try writer.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "row,rule\r\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/reports") == ["r.csv"])
    }

    @Test func anAbandonedWriterLeavesTheEarlierVersionWholeAndNoTemporaryFile() throws {
        let path = folder + "/r.json"
        try AtomicFileWriter.write("first", to: path)
        do {
            let writer = try AtomicFileWriter(path: path)
            try writer.write(String(repeating: "x", count: 200_000))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["r.json"])
    }

    @Test func fileSystemErrorsNameTheOperationAndPath() {
        #expect(throws: FileSystemError.self) { try FileSystem.openForReading(folder + "/missing") }
        do {
            _ = try FileSystem.openForReading(folder + "/missing")
        } catch {
            #expect(error.isNotFound)
            #expect(error.description.hasPrefix("open \(folder)/missing: No such file"))
        }
    }
}

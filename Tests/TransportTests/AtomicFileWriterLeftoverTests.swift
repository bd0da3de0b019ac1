import Foundation
import TestThreads
import Testing

@testable import Transport

/// Temporary files carry their writer's process id, so a later process removes what a killed one left and
/// leaves a live writer's alone.
@Suite(.blocking) struct AtomicFileWriterLeftoverTests {
    @Test func temporaryNamesCarryTheProcessID() throws {
        #expect(AtomicFileWriter.writerProcess(".a.receipt.json.4242.tmp") == 4242)
        #expect(AtomicFileWriter.writerProcess("a.csv.tmp") == nil, "not a writer's temporary file")
        #expect(AtomicFileWriter.writerProcess(".upload.tmp") == nil, "no process id")
    }

    @Test func leftoversOfEndedProcessesAreSweptAndLiveOnesKept() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        // A child that has exited: its pid names no running process.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let dead = child.processIdentifier
        try FileManager.default.createDirectory(atPath: root + "/p/claims", withIntermediateDirectories: true)
        let stale = root + "/p/claims/.20261201-exceptions.csv.\(dead).tmp"
        let live = root + "/p/.job.receipt.json.\(getpid()).tmp"
        let kept = root + "/p/claims/20261201-exceptions.csv"
        for path in [stale, live, kept] {
            #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
        }

        let writer = try AtomicFileWriter(path: root + "/p/pending.csv")
        #expect(try AtomicFileWriter.sweepLeftovers(under: root) == [stale])
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(FileManager.default.fileExists(atPath: kept))
        try writer.write("a")
        try writer.commit()
        #expect(FileManager.default.fileExists(atPath: root + "/p/pending.csv"), "a live writer is untouched")
    }
}

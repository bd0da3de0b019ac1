import Foundation
import Store
import TestThreads
import Testing
import Transport

@testable import Gateway

/// A file that changes while it is being copied is not a job: the copy is discarded and the file waits to settle.
@Suite(.blocking) struct TornCopyTests {
    /// A real local folder whose file is cut short right after its first chunk has been copied.
    struct TruncatingSource: FileSource {
        let folder: LocalFolderSource
        let length: Int64

        var modificationTimesAreLocal: Bool { true }
        var failsAsAWhole: Bool { false }
        var leavesFilesInPlace: Bool { false }
        func entry(_ name: String) throws -> FileSystem.Entry? { try folder.entry(name) }
        func origin(of name: String) -> String { folder.origin(of: name) }
        func list() throws -> [FileSystem.Entry] { try folder.list() }
        func contains(_ name: String) -> Bool { folder.contains(name) }
        func acknowledge(_ name: String, marker: String?) throws { try folder.acknowledge(name, marker: marker) }

        func fetch(_ name: String, to path: String, observe: (UnsafeRawBufferPointer) -> Void) throws {
            var chunks = 0
            try folder.fetch(name, to: path) { chunk in
                observe(chunk)
                chunks += 1
                if chunks == 1 { #expect(truncate(folder.origin(of: name), off_t(length)) == 0) }
            }
        }
    }

    @Test func aFileTruncatedWhileStagedNeverLoadsAndIsNotRemoved() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        let rows = (0..<100_000).map { "\(100_000 + $0),1,Garcia,Ana,04/12/2012,5,F\n" }.joined()
        let path = try workspace.write("Inbox/lincoln-usd/students.csv", Workspace.rosterHeader + rows)
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size > 2 * (1 << 20), "bigger than one copy chunk")
        let source = TruncatingSource(
            folder: LocalFolderSource(path: workspace.root + "/Inbox/lincoln-usd"), length: 5_000)
        let config = try #require(workspace.config.source("lincoln-usd"))

        _ = try gateway.intake.collect(source, source: config)
        #expect(try gateway.ledger.jobs.jobs().isEmpty, "the torn copy is not a job")
        #expect(FileManager.default.fileExists(atPath: path), "the file that replaced it is not removed unread")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 5_000)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: workspace.root + "/Staging/lincoln-usd").isEmpty,
            "the copy is discarded")

        // Settled (stable_after 0), the new file is taken as it now is.
        _ = try gateway.intake.collect(LocalFolderSource(path: workspace.root + "/Inbox/lincoln-usd"), source: config)
        let jobs = try gateway.ledger.jobs.jobs()
        #expect(jobs.map(\.size) == [5_000])
    }
}

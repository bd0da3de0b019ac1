import Foundation
import TestThreads
import Testing
import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// Entries as they are: links not followed, names that are not UTF-8 reachable through their escaped form.
@Suite(.blocking) struct FileSystemEntryTests {
    static let names: [(bytes: [UInt8], shown: String)] = [
        (Array("students.csv".utf8), "students.csv"),
        (Array("attendance_caf".utf8) + [0xE9] + Array(".csv".utf8), #"attendance_caf\xe9.csv"#),
        (Array(#"a\b.csv"#.utf8), #"a\\b.csv"#),
        (Array(#"a\x"#.utf8) + [0xFF], #"a\\x\xff"#),
        (Array("é".utf8) + [0xC3], #"é\xc3"#),
    ]

    @Test(arguments: names)
    func namesRoundTripThroughTheirDisplayForm(bytes: [UInt8], shown: String) {
        #expect(FileSystem.displayName(bytes) == shown)
        #expect(FileSystem.entryBytes(shown) == bytes)
    }

    @Test func listingDescribesLinksAndPipesWithoutFollowingThem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "a,b\n".write(toFile: folder + "/plain.csv", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.csv", withDestinationPath: "/etc/passwd")
        #expect(mkfifo(folder + "/pipe.csv", 0o600) == 0)
        #expect(link(folder + "/plain.csv", folder + "/second-name.csv") == 0)
        let entries = try FileSystem.list(folder)
        #expect(entries.map(\.name) == ["link.csv", "pipe.csv", "plain.csv", "second-name.csv"])
        #expect(entries.map(\.kind) == [.symbolicLink, .fifo, .regular, .regular])
        #expect(entries.map(\.links) == [1, 1, 2, 2])
        #expect(throws: FileSystemError.self) { try FileSystem.openEntry(in: folder, "link.csv") }
        #expect(throws: FileSystemError.self) { try FileSystem.openEntry(in: folder, "pipe.csv") }
        let (descriptor, entry) = try FileSystem.openEntry(in: folder, "plain.csv")
        FileSystem.close(descriptor)
        #expect(entry.size == 4)
    }
}

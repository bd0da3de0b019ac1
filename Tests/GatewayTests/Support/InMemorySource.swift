import Foundation
import Transport

/// A ``FileSource`` held in memory: the files a test puts there, and what intake acknowledged.
final class InMemorySource: FileSource {
    struct File {
        var bytes: [UInt8]
        var modified: Double
        var kind = EntryKind.regular
        var links = 1
    }

    /// Thrown by a fetch of an unreadable file, or by `willAcknowledge` to play a crash.
    struct Failure: Error {}

    private(set) var files: [String: File] = [:]
    private(set) var acknowledged: [String] = []
    /// Names fetched, in order.
    private(set) var fetched: [String] = []
    var modificationTimesAreLocal = false
    var failsAsAWhole = false
    /// Whether an acknowledged file stays (SFTP `after_fetch: leave`).
    var leavesFilesInPlace = false
    /// Called with each name after its bytes are copied, before the fetch returns (to play a file changing).
    var afterCopy: (String) -> Void = { _ in }
    /// Names whose fetch fails.
    var unreadable: Set<String> = []
    /// What a failing fetch throws.
    var fetchFailure: any Error = Failure()
    /// Called with each name just before it is acknowledged.
    var willAcknowledge: (String) throws -> Void = { _ in }

    func put(
        _ name: String, _ text: String, modified: Double = Date().timeIntervalSince1970, kind: EntryKind = .regular,
        links: Int = 1
    ) {
        files[name] = File(bytes: Array(text.utf8), modified: modified, kind: kind, links: links)
    }

    func remove(_ name: String) {
        files[name] = nil
    }

    func origin(of name: String) -> String {
        "memory:/" + name
    }

    func list() -> [FileSystem.Entry] {
        files.keys.compactMap(entry)
    }

    func entry(_ name: String) -> FileSystem.Entry? {
        files[name].map { file in
            FileSystem.Entry(
                name: name, size: Int64(file.bytes.count), modified: Int64(file.modified * 1e9), kind: file.kind,
                links: file.links)
        }
    }

    func fetch(_ name: String, to path: String, observe: (UnsafeRawBufferPointer) -> Void) throws {
        fetched.append(name)
        guard let file = files[name], !unreadable.contains(name) else { throw fetchFailure }
        defer { afterCopy(name) }
        let output = try FileSystem.createExclusive(path, mode: 0o600)
        defer { FileSystem.close(output) }
        try file.bytes.withUnsafeBytes { chunk in
            observe(chunk)
            try FileSystem.write(output, chunk, path: path)
        }
    }

    func contains(_ name: String) -> Bool {
        files[name] != nil
    }

    func acknowledge(_ name: String, marker: String?) throws {
        try willAcknowledge(name)
        acknowledged.append(name)
        if leavesFilesInPlace { return }
        files[name] = nil
        if let marker { files[name + "." + marker] = nil }
    }
}

import Foundation
import Transport

/// A ``FileSource`` held in memory: the files a test puts there, and what intake acknowledged.
final class InMemorySource: FileSource {
    struct File {
        var bytes: [UInt8]
        var modified: Double
    }

    /// Thrown by a fetch of an unreadable file, or by `willAcknowledge` to play a crash.
    struct Failure: Error {}

    private(set) var files: [String: File] = [:]
    private(set) var acknowledged: [String] = []
    var modificationTimesAreLocal = false
    var failsAsAWhole = false
    /// Names whose fetch fails.
    var unreadable: Set<String> = []
    /// What a failing fetch throws.
    var fetchFailure: any Error = Failure()
    /// Called with each name just before it is acknowledged.
    var willAcknowledge: (String) throws -> Void = { _ in }

    func put(_ name: String, _ text: String, modified: Double = Date().timeIntervalSince1970) {
        files[name] = File(bytes: Array(text.utf8), modified: modified)
    }

    func origin(of name: String) -> String {
        "memory:/" + name
    }

    func list() -> [FileSystem.Entry] {
        files.map { name, file in
            FileSystem.Entry(
                name: name, size: Int64(file.bytes.count), modified: Int64(file.modified * 1e9), isRegularFile: true)
        }
    }

    func fetch(_ name: String, to path: String, observe: (UnsafeRawBufferPointer) -> Void) throws {
        guard let file = files[name], !unreadable.contains(name) else { throw fetchFailure }
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
        files[name] = nil
        if let marker { files[name + "." + marker] = nil }
    }
}

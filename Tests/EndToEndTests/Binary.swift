import Foundation
import Testing

/// Runs the real `dropgate` executable.
///
/// `scripts/test` builds it in release mode and passes its path in `DROPGATE_BIN`; otherwise the debug
/// build in `.build/debug/dropgate` is used. A missing binary fails the test: it is never skipped.
enum Binary {
    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    static var path: String {
        ProcessInfo.processInfo.environment["DROPGATE_BIN"] ?? repositoryRoot + "/.build/debug/dropgate"
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `dropgate` with arguments in `directory` and waits for it.
    static func run(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> Output {
        let process = try start(arguments, in: directory, environment: environment)
        let out = process.standardOutput as? Pipe
        let err = process.standardError as? Pipe
        let stdout = out?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        let stderr = err?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Starts `dropgate` without waiting; output goes to pipes unless `quiet`.
    static func start(
        _ arguments: [String], in directory: String, environment: [String: String] = [:], quiet: Bool = false
    )
        throws -> Process
    {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BinaryMissing(path: path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if quiet {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        } else {
            process.standardOutput = Pipe()
            process.standardError = Pipe()
        }
        try process.run()
        return process
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var path: String
        var description: String { "dropgate binary not found at \(path): run `swift build` (scripts/test does)" }
    }
}

/// A scratch copy of the repository's runnable layout: dropgate.yaml (its console on a free port), Mappings/, empty
/// Inbox/ and Outbox/.
final class Scratch {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-e2e-\(UUID().uuidString)").path
        let manager = FileManager.default
        try manager.createDirectory(atPath: root, withIntermediateDirectories: true)
        try manager.copyItem(atPath: Binary.repositoryRoot + "/Mappings", toPath: root + "/Mappings")
        // The console of each daemon a test starts listens on a free port, never the demo's fixed one.
        let yaml = try String(contentsOfFile: Binary.repositoryRoot + "/dropgate.yaml", encoding: .utf8)
        try Data(yaml.replacingOccurrences(of: "listen: 127.0.0.1:8480", with: "listen: 127.0.0.1:0").utf8)
            .write(to: URL(fileURLWithPath: root + "/dropgate.yaml"))
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// A path inside the scratch folder; an absolute path (as the binary prints them) is returned unchanged.
    func path(_ relative: String) -> String { relative.hasPrefix("/") ? relative : root + "/" + relative }

    /// Copies the bundled samples of every district into the inbox, keeping their old mtimes.
    func dropSamples() throws {
        let samples = Binary.repositoryRoot + "/Samples"
        for district in try FileManager.default.contentsOfDirectory(atPath: samples) {
            try FileManager.default.createDirectory(
                atPath: path("Inbox/\(district)"), withIntermediateDirectories: true)
            for file in try FileManager.default.contentsOfDirectory(atPath: samples + "/" + district) {
                try FileManager.default.copyItem(
                    atPath: "\(samples)/\(district)/\(file)", toPath: path("Inbox/\(district)/\(file)"))
            }
        }
    }

    func write(_ relative: String, _ text: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path(relative) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(relative)))
    }

    func files(under relative: String) -> [String] {
        (FileManager.default.enumerator(atPath: path(relative))?.allObjects as? [String] ?? []).sorted()
    }

    func json(_ relative: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path(relative)))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}

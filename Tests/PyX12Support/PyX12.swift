import Foundation

/// Runs pyx12 4.0.0, the independent X12 validator, over bytes a test produced.
///
/// `scripts/setup` installs pyx12 into `.venv-pyx12/` at the repository root and `scripts/test` passes that
/// virtualenv's python in `DROPGATE_PYX12`; without the variable, `<repository>/.venv-pyx12/bin/python` is
/// used. A missing python throws ``PyX12/Unavailable``, which fails the test: it is never skipped.
///
/// The verdict comes from the `FILE: OK` / `FILE: Failure` line pyx12 logs on stderr, never from the exit
/// status (`python -m pyx12.scripts.x12valid` exits 0 for valid and invalid files alike). pyx12 runs with
/// `HOME` set to an empty temporary folder, so a `~/.pyx12.conf.xml` cannot change its checks.
///
/// Known false error: an 835 with more than one PLB segment gets `Loop FOOTER exceeded max count`.
///
/// A support target shared by the test targets; it finds the repository from its own path
/// (`Tests/PyX12Support/PyX12.swift`).
public enum PyX12 {
    /// What pyx12 said about one file.
    public struct Result: Sendable, CustomStringConvertible {
        /// `OK` or `Failure`; empty when pyx12 printed neither (it crashed: see ``log``).
        public var verdict: String
        /// The `ERROR` lines, without their timestamps (`Line:94 ELE:7 - (XX) is not a valid code ...`).
        ///
        /// Left out: `Failed to create 999 response`, logged (with a traceback) for every 835, because pyx12's
        /// own 999 writer cannot handle an 835; it does not affect the verdict.
        public var errors: [String]
        /// Everything pyx12 wrote to stderr.
        public var log: String

        /// Whether pyx12 found the file valid.
        public var isOK: Bool { verdict == "OK" }

        public var description: String {
            errors.isEmpty
                ? "pyx12 \(verdict.isEmpty ? "gave no verdict:\n\(log)" : verdict)"
                : "pyx12 \(verdict):\n" + errors.joined(separator: "\n")
        }
    }

    /// pyx12 cannot be run.
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    /// The repository root, three levels above this file.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The python of the pyx12 virtualenv: `DROPGATE_PYX12`, else `<repository>/.venv-pyx12/bin/python`.
    static func python() throws -> String {
        let path =
            ProcessInfo.processInfo.environment["DROPGATE_PYX12"]
            ?? repositoryRoot.appendingPathComponent(".venv-pyx12/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Unavailable(
                description:
                    "pyx12's python is missing at \(path): run scripts/setup (it installs pyx12 4.0.0 into .venv-pyx12)"
            )
        }
        return path
    }

    /// Validates an interchange with `python -m pyx12.scripts.x12valid`.
    ///
    /// - Parameters:
    ///   - bytes: The interchange.
    ///   - name: The file name pyx12 sees (its messages quote it).
    /// - Throws: ``Unavailable`` when the virtualenv is missing; file and process errors.
    public static func validate(_ bytes: [UInt8], name: String = "input.x12") throws -> Result {
        let python = try python()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pyx12-\(UUID().uuidString)")
        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent(name)
        try Data(bytes).write(to: input)
        let stderrURL = folder.appendingPathComponent("stderr.txt")
        guard FileManager.default.createFile(atPath: stderrURL.path, contents: nil) else {
            throw Unavailable(description: "cannot create \(stderrURL.path)")
        }
        let stderr = try FileHandle(forWritingTo: stderrURL)
        defer { try? stderr.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-m", "pyx12.scripts.x12valid", input.path]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()

        let log = String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self)
        var verdict = ""
        var errors: [String] = []
        for line in log.split(whereSeparator: \.isNewline) {
            if line.hasPrefix(input.path + ": ") {
                verdict = String(line.dropFirst(input.path.count + 2))
            } else if let range = line.range(of: " ERROR "), !line.hasSuffix(" ERROR Failed to create 999 response") {
                errors.append(String(line[range.upperBound...]))
            }
        }
        return Result(verdict: verdict, errors: errors, log: log)
    }
}

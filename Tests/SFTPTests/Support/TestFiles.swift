import Foundation

/// Local files for transfer tests.
enum TestFiles {
    /// Writes `count` pseudo-random bytes (a fixed seed, so failures reproduce).
    static func writeRandom(_ path: String, count: Int, seed: UInt64 = 0x9e37_79b9_7f4a_7c15) throws {
        var state = seed
        var bytes = [UInt8](repeating: 0, count: count)
        for index in bytes.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes[index] = UInt8(truncatingIfNeeded: state >> 33)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The bytes of a file.
    static func read(_ path: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// `sha256sum`'s digest of a file.
    static func sha256(_ path: String) throws -> String {
        String(try Shell.run("/usr/bin/sha256sum", path).prefix(64))
    }

    /// Names in a local directory.
    static func names(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }
}

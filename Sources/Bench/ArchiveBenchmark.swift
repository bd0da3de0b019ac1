import Crypto
import Foundation
import Gateway
import Transport

/// `dropgate bench archive`: encrypts a generated file into an archive as the job runner does, decrypts it back
/// as a requeue does, and checks the plaintext's sha256 is unchanged.
public enum ArchiveBenchmark {
    /// The measured figures.
    public struct Result: Sendable, Encodable {
        /// Plaintext bytes.
        public var bytes: Int64
        /// Encrypted file's bytes (header and tags included).
        public var encryptedBytes: Int64
        /// Seconds to encrypt into the archive (read, seal, write, fsync, rename).
        public var encryptSeconds: Double
        /// Seconds to decrypt and hash the plaintext.
        public var decryptSeconds: Double
        /// Encryption throughput, MB/s (10^6 bytes).
        public var encryptMegabytesPerSecond: Double
        /// Decryption throughput, MB/s.
        public var decryptMegabytesPerSecond: Double
        /// The process's peak RSS after both, MiB.
        public var peakRSSMiB: Double
        /// Whether the decrypted bytes hash as the original did.
        public var roundTrip: Bool
    }

    /// Generates `megabytes` MB of CSV-like text in `workDirectory`, then times encryption and decryption.
    public static func run(megabytes: Int, workDirectory: String) throws -> Result {
        let plain = workDirectory + "/attendance.csv"
        let encrypted = workDirectory + "/Archive/attendance.csv"
        let size = Int64(megabytes) * 1_000_000
        var expected = SHA256()
        let output = try FileSystem.createExclusive(plain, mode: 0o600)
        var line = 0
        var written: Int64 = 0
        var block: [UInt8] = []
        block.reserveCapacity(1 << 20)
        while written < size {
            block.removeAll(keepingCapacity: true)
            while block.count < (1 << 20) - 64 {
                line += 1
                block += Array(
                    "\(100_000 + line % 90_000),\(line % 40 + 1),09/\(line % 28 + 1)/2025,Y,\(line % 101)\n".utf8)
            }
            let slice = block.prefix(Int(min(Int64(block.count), size - written)))
            try slice.withUnsafeBytes { try FileSystem.write(output, $0, path: plain) }
            expected.update(data: slice)
            written += Int64(slice.count)
        }
        try FileSystem.sync(output, path: plain)
        FileSystem.close(output)

        var keyBytes = [UInt8](repeating: 0, count: 32)
        var random = SystemRandomNumberGenerator()
        for index in keyBytes.indices { keyBytes[index] = UInt8.random(in: 0...255, using: &random) }
        let keys = ArchiveKeys(current: ArchiveKeys.Key(bytes: keyBytes))
        let clock = ContinuousClock()
        let encryptTime = try clock.measure { try ArchiveFile.store(plain, at: encrypted, keys: keys) }
        var actual = SHA256()
        let decryptTime = try clock.measure {
            try ArchiveFile.forEachChunk(of: encrypted, keys: keys) { actual.update(bufferPointer: $0) }
        }
        let encryptSeconds = seconds(encryptTime)
        let decryptSeconds = seconds(decryptTime)
        return Result(
            bytes: written, encryptedBytes: try FileSystem.status(encrypted).size, encryptSeconds: encryptSeconds,
            decryptSeconds: decryptSeconds, encryptMegabytesPerSecond: Double(written) / 1e6 / encryptSeconds,
            decryptMegabytesPerSecond: Double(written) / 1e6 / decryptSeconds, peakRSSMiB: BenchWorkspace.peakRSSMiB(),
            roundTrip: actual.finalize() == expected.finalize())
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

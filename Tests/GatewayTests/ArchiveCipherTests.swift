import Foundation
import Mapping
import Store
import TestThreads
import Testing
import Values

@testable import Gateway

/// The encrypted archive format: round trips at every feeding chunk size, and every kind of damage fails with an
/// error naming the file and the chunk.
@Suite(.blocking) struct ArchiveCipherTests {
    static let key = ArchiveKeys.Key(bytes: Array(repeating: 7, count: 32))
    static let oldKey = ArchiveKeys.Key(bytes: Array(repeating: 9, count: 32))
    static let keys = ArchiveKeys(current: key)

    /// `plain` sealed in chunks of `chunkSize`, fed `step` bytes at a time.
    static func seal(_ plain: [UInt8], chunkSize: Int = 1024, step: Int = 100, key: ArchiveKeys.Key = key) throws
        -> [UInt8]
    {
        var sealer = ArchiveSealer(key: key, chunkSize: chunkSize)
        var out: [UInt8] = []
        var offset = 0
        while offset < plain.count {
            let end = min(offset + step, plain.count)
            try plain[offset..<end].withUnsafeBytes { try sealer.feed($0) { out += $0 } }
            offset = end
        }
        try sealer.finish { out += $0 }
        return out
    }

    /// `sealed` opened, fed `step` bytes at a time.
    static func open(_ sealed: [UInt8], step: Int, keys: ArchiveKeys = keys) throws -> [UInt8] {
        var opener = ArchiveOpener(path: "Archive/x/1-students.csv", keys: keys)
        var out: [UInt8] = []
        var offset = 0
        while offset < sealed.count {
            let end = min(offset + step, sealed.count)
            try sealed[offset..<end].withUnsafeBytes { try opener.feed($0) { out += $0 } }
            offset = end
        }
        try opener.finish { out += $0 }
        return out
    }

    static let plain = (0..<5000).map { UInt8(truncatingIfNeeded: $0 * 31 + 7) }

    @Test func aReceivedFileThatStartsLikeAnArchiveIsRejectedAsBinaryNotDecrypted() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        let path = try workspace.write("students.csv", bytes: ArchiveHeader.magic + Array("Student ID\n1\n".utf8))
        let job = try gateway.ingest(path: path, source: "lincoln-usd")
        #expect(job.state == .rejected, "\(job.state) \(job.lastError ?? "")")
        #expect(try gateway.ledger.jobs.exceptions(jobID: #require(job.id)).map(\.ruleId) == ["file-binary"])
    }

    @Test func everyFeedingSizeGivesTheSamePlaintext() throws {
        let sealed = try Self.seal(Self.plain, step: 333)
        #expect(sealed.count == ArchiveHeader.size + 5000 + 5 * 16, "five chunks of 1024 or less, each with a tag")
        #expect(!sealed.dropFirst(ArchiveHeader.size).starts(with: Self.plain.prefix(64)))
        for step in Array(1...64) + [1023, 1024, 1040, 1041, 2080, sealed.count] {
            #expect(try Self.open(sealed, step: step) == Self.plain, "step \(step)")
        }
    }

    @Test(arguments: [0, 1, 1024, 2048, 2049])
    func sizesAtChunkEdgesRoundTrip(size: Int) throws {
        let plain = Array(Self.plain.prefix(size))
        let sealed = try Self.seal(plain, step: 1024)
        #expect(try Self.open(sealed, step: 7) == plain)
        #expect(try Self.open(sealed, step: sealed.count) == plain)
    }

    @Test func twoSealsOfTheSameBytesDiffer() throws {
        #expect(try Self.seal(Self.plain) != Self.seal(Self.plain), "a random nonce prefix per file")
    }

    /// The error `sealed` fails with.
    static func failure(_ sealed: [UInt8], keys: ArchiveKeys = keys) -> ArchiveError? {
        do {
            _ = try open(sealed, step: 4096, keys: keys)
            return nil
        } catch {
            return error as? ArchiveError
        }
    }

    @Test func aFlippedBitFailsNamingTheFileAndTheChunk() throws {
        var sealed = try Self.seal(Self.plain)
        sealed[ArchiveHeader.size + 2 * 1040 + 5] ^= 0x01
        let error = try #require(Self.failure(sealed))
        #expect(error.code == .corrupt)
        #expect(
            error.message
                == "archive file Archive/x/1-students.csv: chunk 2 fails authentication (tampered with or reordered)")
    }

    @Test func aFileCutAtAChunkBoundaryOrInsideOneFails() throws {
        let sealed = try Self.seal(Self.plain)
        let boundary = Array(sealed.prefix(ArchiveHeader.size + 3 * 1040))
        #expect(
            Self.failure(boundary)?.message.contains("chunk 2 fails authentication (tampered with, truncated") == true)
        let inside = Array(sealed.prefix(ArchiveHeader.size + 3 * 1040 + 500))
        #expect(Self.failure(inside)?.message.contains("chunk 3 fails authentication") == true)
        #expect(Self.failure(Array(sealed.prefix(20)))?.message.contains("header is incomplete") == true)
        #expect(
            Self.failure(Array(sealed.prefix(ArchiveHeader.size + 10)))?.message.contains("chunk 0 is cut short")
                == true)
    }

    @Test func swappedDroppedOrAppendedChunksFail() throws {
        let sealed = try Self.seal(Self.plain)
        let header = Array(sealed.prefix(ArchiveHeader.size))
        let chunks = stride(from: ArchiveHeader.size, to: sealed.count, by: 1040).map {
            Array(sealed[$0..<min($0 + 1040, sealed.count)])
        }
        #expect(chunks.count == 5)
        let swapped = header + chunks[1] + chunks[0] + chunks[2...].joined()
        #expect(Self.failure(swapped)?.message.contains("chunk 0 fails") == true)
        let dropped = header + chunks[0] + chunks[2...].joined()
        #expect(Self.failure(dropped)?.message.contains("chunk 1 fails") == true)
        let appended = sealed + chunks[4]
        #expect(Self.failure(appended)?.message.contains("chunk 4 fails") == true)
    }

    @Test func aChangedHeaderFails() throws {
        var sealed = try Self.seal(Self.plain)
        sealed[ArchiveHeader.size - 1] ^= 0x80  // the nonce prefix
        #expect(Self.failure(sealed)?.message.contains("chunk 0 fails") == true)
        var version = try Self.seal(Self.plain)
        version[8] = 2
        #expect(Self.failure(version)?.message.contains("format version 2 is not one this dropgate reads") == true)
    }

    @Test func aRotatedKeyStillOpensItsOldFilesAndAnUnknownKeyIsNamed() throws {
        let old = try Self.seal(Self.plain, key: Self.oldKey)
        let rotated = ArchiveKeys(current: Self.key, old: [Self.oldKey])
        #expect(try Self.open(old, step: 999, keys: rotated) == Self.plain)
        #expect(try Self.open(Self.seal(Self.plain), step: 999, keys: rotated) == Self.plain)
        let error = try #require(Self.failure(old))
        #expect(error.code == .unknownKey)
        #expect(error.message.contains("encrypted with key \(Self.oldKey.hexID)"), "\(error.message)")
        #expect(Self.oldKey.hexID.count == 16 && Self.oldKey.hexID != Self.key.hexID)
    }

    static func keyFile(_ bytes: [UInt8], mode: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func keyFilesAreHexOrRawAndOwnerOnly() throws {
        let hex = try Self.keyFile(Array((String(repeating: "07", count: 32) + "\n").utf8), mode: 0o600)
        let raw = try Self.keyFile(Array(repeating: 7, count: 32), mode: 0o400)
        defer { for path in [hex, raw] { try? FileManager.default.removeItem(atPath: path) } }
        #expect(try ArchiveKeys.loadKey(hex).id == Self.key.id)
        #expect(try ArchiveKeys.loadKey(raw).id == Self.key.id)

        let open = try Self.keyFile(Array(repeating: 7, count: 32), mode: 0o644)
        let short = try Self.keyFile(Array("abcd\n".utf8), mode: 0o600)
        defer { for path in [open, short] { try? FileManager.default.removeItem(atPath: path) } }
        #expect {
            try ArchiveKeys.loadKey(open)
        } throws: { error in
            (error as? ArchiveError)?.message
                == "archive key file \(open) is readable by group or others (mode 644): run chmod 600 \(open)"
        }
        #expect {
            try ArchiveKeys.loadKey(short)
        } throws: { error in
            (error as? ArchiveError)?.message.contains("must hold a 32-byte key") == true
        }
        #expect {
            try ArchiveKeys.loadKey("/nonexistent/key")
        } throws: { error in
            (error as? ArchiveError)?.message.contains("/nonexistent/key cannot be read") == true
        }
    }

    @Test func theArchiveSettingIsReadAndMistakesNamedWithTheirLine() throws {
        let config = try GatewayConfig.decode(
            yaml: "archive:\n  encrypt: true\n  key_file: keys/current.key\n  old_key_files: [keys/2025.key]\n",
            file: "dropgate.yaml", root: "/srv/dg")
        #expect(
            config.archive
                == ArchiveConfig(
                    encrypt: true, keyFile: "/srv/dg/keys/current.key", oldKeyFiles: ["/srv/dg/keys/2025.key"]))
        for (yaml, line, message) in [
            ("archive:\n  encrypt: true\n", 2, "archive.encrypt needs key_file"),
            ("archive:\n  encrypt: true\n  key: 0707\n", 3, "archive keys are never written in dropgate.yaml"),
            ("archive:\n  encrypt: maybe\n  key_file: k\n", 2, "maybe"),
        ] {
            #expect {
                try GatewayConfig.decode(yaml: yaml, file: "dropgate.yaml", root: "/tmp")
            } throws: { error in
                ((error as? DefinitionError)?.issues ?? []).contains { $0.line == line && $0.message.contains(message) }
            }
        }
    }
}

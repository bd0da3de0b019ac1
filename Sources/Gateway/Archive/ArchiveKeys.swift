import Crypto
import Foundation
import Values

/// The keys of encrypted archives (`archive:` in dropgate.yaml): the current one, which encrypts new archived
/// files, and older ones, which only decrypt files archived before a rotation.
///
/// A key file holds 32 random bytes, as 64 hex digits (`openssl rand -hex 32`) or raw; it must be readable by
/// its owner only (mode 0600 or 0400). A key's id is the first 8 bytes of its SHA-256, written in each file's
/// header, so the right key is found whatever the order of the files.
public struct ArchiveKeys: Sendable {
    /// One key and its id.
    public struct Key: Sendable {
        /// First 8 bytes of the key's SHA-256.
        public let id: [UInt8]
        private let bytes: [UInt8]

        /// A key from its 32 bytes.
        public init(bytes: [UInt8]) {
            self.bytes = bytes
            id = Array(SHA256.hash(data: bytes).prefix(8))
        }

        /// The key for AES-GCM.
        var key: SymmetricKey { SymmetricKey(data: bytes) }

        /// The id as 16 hex digits (shown in errors and `dropgate archive show`).
        public var hexID: String { id.map { String(format: "%02x", $0) }.joined() }
    }

    /// The key new archives are encrypted with; `nil` when archives are not encrypted.
    public let current: Key?
    /// Every key that decrypts, the current one first.
    public let all: [Key]

    /// A key ring; `current` (when given) encrypts, every key decrypts.
    public init(current: Key?, old: [Key] = []) {
        self.current = current
        all = (current.map { [$0] } ?? []) + old
    }

    /// The key whose id a file's header names.
    func key(id: [UInt8]) -> Key? { all.first { $0.id == id } }

    /// Loads the keys `archive:` names.
    ///
    /// - Throws: ``ArchiveError`` (`keyFile`) naming the file: missing, not a regular file, readable by group or
    ///   others, or not 32 bytes.
    public static func load(_ config: ArchiveConfig) throws -> ArchiveKeys {
        let current = try config.keyFile.map(loadKey)
        let old = try config.oldKeyFiles.map(loadKey)
        guard config.encrypt else { return ArchiveKeys(current: nil, old: (current.map { [$0] } ?? []) + old) }
        return ArchiveKeys(current: current, old: old)
    }

    /// Reads one key file.
    static func loadKey(_ path: String) throws -> Key {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw ArchiveError(
                .keyFile, "archive key file \(path) cannot be read: it does not exist or is not reachable")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw ArchiveError(.keyFile, "archive key file \(path) is not a regular file")
        }
        let mode = (attributes[.posixPermissions] as? Int) ?? 0
        guard mode & 0o077 == 0 else {
            throw ArchiveError(
                .keyFile,
                "archive key file \(path) is readable by group or others (mode \(String(mode, radix: 8))): run chmod 600 \(path)"
            )
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ArchiveError(.keyFile, "archive key file \(path) cannot be read (permission denied?)")
        }
        let bytes = [UInt8](data)
        if bytes.count == 32 { return Key(bytes: bytes) }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count == 64, let key = hexBytes(text) { return Key(bytes: key) }
        throw ArchiveError(
            .keyFile,
            "archive key file \(path) must hold a 32-byte key: 64 hex digits (openssl rand -hex 32) or 32 raw bytes")
    }

    private static func hexBytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}

/// The 32 bytes that open an encrypted archive file.
///
/// Layout: magic `DGAE 00 0D 0A 1A` (8) · format version (1) · reserved, zero (3) · plaintext chunk size,
/// big-endian (4) · key id (8) · nonce prefix, random per file (8). All of it is authenticated with every chunk.
struct ArchiveHeader: Equatable {
    static let magic: [UInt8] = Array("DGAE".utf8) + [0x00, 0x0D, 0x0A, 0x1A]
    static let size = 32
    static let version: UInt8 = 1
    /// Chunk sizes a reader accepts, so a damaged header cannot make it allocate gigabytes.
    static let chunkSizes = 1024...(16 << 20)

    var chunkSize: Int
    var keyID: [UInt8]
    var noncePrefix: [UInt8]

    /// The header's bytes.
    var bytes: [UInt8] {
        let size = UInt32(chunkSize)
        return Self.magic + [Self.version, 0, 0, 0]
            + [UInt8(size >> 24), UInt8(size >> 16 & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size & 0xFF)]
            + keyID + noncePrefix
    }

    /// Whether `bytes` start like an encrypted archive (the magic).
    static func isEncrypted(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: magic)
    }

    /// Parses a header.
    ///
    /// - Throws: a message for ``ArchiveError`` when the bytes are no header this version reads.
    init(parsing bytes: ArraySlice<UInt8>) throws(HeaderIssue) {
        let bytes = Array(bytes)
        guard bytes.count == Self.size, Self.isEncrypted(bytes) else { throw HeaderIssue("not an encrypted archive") }
        guard bytes[8] == Self.version, bytes[9..<12].allSatisfy({ $0 == 0 }) else {
            throw HeaderIssue("format version \(bytes[8]) is not one this dropgate reads (\(Self.version))")
        }
        chunkSize = bytes[12..<16].reduce(0) { $0 << 8 | Int($1) }
        guard Self.chunkSizes.contains(chunkSize) else { throw HeaderIssue("invalid chunk size \(chunkSize)") }
        keyID = Array(bytes[16..<24])
        noncePrefix = Array(bytes[24..<32])
    }

    init(chunkSize: Int, keyID: [UInt8], noncePrefix: [UInt8]) {
        self.chunkSize = chunkSize
        self.keyID = keyID
        self.noncePrefix = noncePrefix
    }

    /// The nonce of chunk `index`: the file's random prefix, then the index (big-endian, 4 bytes).
    func nonce(_ index: UInt64) -> [UInt8] {
        noncePrefix + [
            UInt8(index >> 24 & 0xFF), UInt8(index >> 16 & 0xFF), UInt8(index >> 8 & 0xFF), UInt8(index & 0xFF),
        ]
    }

    /// What each chunk authenticates besides its bytes: the header, the chunk's index and whether it is the last,
    /// so a chunk moved, dropped or cut off fails.
    func authenticatedData(_ index: UInt64, final: Bool) -> [UInt8] {
        bytes + (0..<8).reversed().map { UInt8(index >> (UInt64($0) * 8) & 0xFF) } + [final ? 1 : 0]
    }

    /// The most chunks a file may have: the nonce's counter is 4 bytes.
    static let maximumChunks = UInt64(UInt32.max)

    /// Why a header is refused.
    struct HeaderIssue: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}

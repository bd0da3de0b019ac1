import Crypto
import Foundation
import Values

/// Decrypts an encrypted archive file as its bytes stream past, fed in chunks of any size: a pure state
/// machine (no I/O) holding at most two sealed chunks.
///
/// A chunk is opened once the bytes after it show whether it is the last: every chunk but the last must be
/// full and sealed as not final; the last must be sealed as final. So a file cut at any point, chunks swapped,
/// dropped or appended, a changed header or a flipped bit all fail, naming the chunk.
struct ArchiveOpener {
    /// The file, for errors.
    let path: String
    let keys: ArchiveKeys
    private var header: ArchiveHeader?
    private var key: SymmetricKey?
    private var buffer: [UInt8] = []
    private var start = 0
    private var index: UInt64 = 0

    init(path: String, keys: ArchiveKeys) {
        self.path = path
        self.keys = keys
    }

    /// Bytes of one sealed chunk: ciphertext and tag.
    private var recordSize: Int { (header?.chunkSize ?? 0) + 16 }

    /// Takes file bytes; hands `emit` the plaintext of every chunk that can be opened yet.
    ///
    /// - Throws: ``ArchiveError`` naming the file and the chunk.
    mutating func feed(_ bytes: UnsafeRawBufferPointer, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
        if header == nil {
            guard buffer.count >= ArchiveHeader.size else { return }
            try readHeader()
        }
        while buffer.count - start > recordSize {
            try open(start..<start + recordSize, final: false, emit: emit)
            start += recordSize
        }
    }

    /// Opens the last chunk, which must be sealed as final.
    ///
    /// - Throws: ``ArchiveError`` when the file ends early (no header, a chunk cut short or not the last one).
    mutating func finish(emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        if header == nil {
            guard buffer.count >= ArchiveHeader.size else {
                throw ArchiveError(.corrupt, "archive file \(path) is truncated: its header is incomplete")
            }
            try readHeader()
        }
        guard buffer.count - start >= 16 else {
            throw ArchiveError(.corrupt, "archive file \(path) is truncated: chunk \(index) is cut short")
        }
        try open(start..<buffer.count, final: true, emit: emit)
        start = buffer.count
    }

    private mutating func readHeader() throws {
        let parsed: ArchiveHeader
        do {
            parsed = try ArchiveHeader(parsing: buffer[0..<ArchiveHeader.size])
        } catch {
            throw ArchiveError(.corrupt, "archive file \(path): \(error.message)")
        }
        guard let key = keys.key(id: parsed.keyID) else {
            let id = parsed.keyID.map { String(format: "%02x", $0) }.joined()
            throw ArchiveError(
                .unknownKey,
                "archive file \(path) was encrypted with key \(id), which neither archive.key_file nor archive.old_key_files holds"
            )
        }
        header = parsed
        self.key = key.key
        start = ArchiveHeader.size
    }

    private mutating func open(_ range: Range<Int>, final: Bool, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let header, let key else { return }
        guard index < ArchiveHeader.maximumChunks else {
            throw ArchiveError(.corrupt, "archive file \(path): more chunks than the format allows")
        }
        let plain: Data
        do {
            let box = try AES.GCM.SealedBox(
                nonce: AES.GCM.Nonce(data: header.nonce(index)),
                ciphertext: buffer[range.lowerBound..<range.upperBound - 16],
                tag: buffer[range.upperBound - 16..<range.upperBound])
            plain = try AES.GCM.open(box, using: key, authenticating: header.authenticatedData(index, final: final))
        } catch {
            let why = final ? "tampered with, truncated or reordered" : "tampered with or reordered"
            throw ArchiveError(.corrupt, "archive file \(path): chunk \(index) fails authentication (\(why))")
        }
        try plain.withUnsafeBytes(emit)
        index += 1
    }
}

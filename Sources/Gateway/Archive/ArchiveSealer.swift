import Crypto
import Foundation
import Values

/// Encrypts a file's bytes as they stream past (AES-256-GCM, one sealed chunk per ``ArchiveHeader/chunkSize``
/// plaintext bytes), holding one chunk in memory whatever the file's size.
///
/// Output: the header, then each chunk's ciphertext followed by its 16-byte tag. Every chunk but the last is
/// exactly full; the last (possibly empty) is sealed as final.
struct ArchiveSealer {
    let header: ArchiveHeader
    private let key: SymmetricKey
    private var pending: [UInt8] = []
    private var index: UInt64 = 0
    private var started = false

    /// A sealer for one file, with a fresh random nonce prefix.
    init(key: ArchiveKeys.Key, chunkSize: Int = 1 << 20) {
        var random = SystemRandomNumberGenerator()
        header = ArchiveHeader(
            chunkSize: chunkSize, keyID: key.id,
            noncePrefix: (0..<8).map { _ in UInt8.random(in: 0...255, using: &random) })
        self.key = key.key
        pending.reserveCapacity(chunkSize)
    }

    /// Takes plaintext bytes; hands `emit` the header and every chunk completed (and known not to be the last).
    mutating func feed(_ bytes: UnsafeRawBufferPointer, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        if !started {
            started = true
            try header.bytes.withUnsafeBytes(emit)
        }
        var rest = bytes[...]
        while !rest.isEmpty {
            // A full chunk is sealed only once a byte after it arrives: the last chunk must be sealed as final.
            if pending.count == header.chunkSize {
                try seal(final: false, emit: emit)
            }
            let take = min(header.chunkSize - pending.count, rest.count)
            pending.append(contentsOf: rest.prefix(take))
            rest = rest.dropFirst(take)
        }
    }

    /// Seals the last chunk (flagged final) and hands it to `emit`.
    mutating func finish(emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        if !started {
            started = true
            try header.bytes.withUnsafeBytes(emit)
        }
        try seal(final: true, emit: emit)
    }

    private mutating func seal(final: Bool, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard index < ArchiveHeader.maximumChunks else {
            throw ArchiveError(.corrupt, "a file of more than \(ArchiveHeader.maximumChunks) chunks cannot be archived")
        }
        let box = try AES.GCM.seal(
            pending, using: key, nonce: AES.GCM.Nonce(data: header.nonce(index)),
            authenticating: header.authenticatedData(index, final: final))
        try box.ciphertext.withUnsafeBytes(emit)
        try box.tag.withUnsafeBytes(emit)
        pending.removeAll(keepingCapacity: true)
        index += 1
    }
}

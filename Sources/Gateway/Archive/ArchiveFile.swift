import Transport
import Values

/// The one way archived files are written and read: encrypted (``ArchiveSealer``, ``ArchiveOpener``) when
/// `archive.encrypt` is on, plain otherwise, and read back as plaintext either way (a file is encrypted when it
/// starts with ``ArchiveHeader/magic``), so turning encryption on or off leaves every file readable.
///
/// The file's identity, its sha256, is always the plaintext's: it is computed while staging, before encryption.
public enum ArchiveFile {
    /// Bytes read from disk at a time.
    static let readSize = 1 << 20

    /// Gives the staged file at `path` its archive name `target`: encrypted with the current key when there is
    /// one (written whole: temporary name, fsync, rename; mode 0600), else a hard link or synced copy
    /// (``FileSystem/duplicate(_:to:)``). `path` stays.
    ///
    /// - Throws: ``FileSystemError``, ``ArchiveError``; `target` is then absent or whole.
    public static func store(_ path: String, at target: String, keys: ArchiveKeys) throws {
        guard let key = keys.current else {
            try FileSystem.duplicate(path, to: target)
            return
        }
        let folder = FileSystem.directory(of: target)
        try FileSystem.makeDirectories(folder)
        let writer = try AtomicFileWriter(path: target, mode: 0o600)
        var sealer = ArchiveSealer(key: key)
        try FileSystem.forEachChunk(of: path, chunkSize: readSize) { chunk in
            try sealer.feed(chunk) { try writer.write($0) }
        }
        try sealer.finish { try writer.write($0) }
        try writer.commit()
    }

    /// Whether the file at `path` is an encrypted archive (starts with the magic).
    public static func isEncrypted(_ path: String) throws -> Bool {
        let descriptor = try FileSystem.openForReading(path)
        defer { FileSystem.close(descriptor) }
        var head = [UInt8](repeating: 0, count: ArchiveHeader.magic.count)
        var count = 0
        while count < head.count {
            let read = try head.withUnsafeMutableBytes { buffer in
                try FileSystem.read(
                    descriptor, into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]), path: path)
            }
            if read == 0 { break }
            count += read
        }
        return count == head.count && ArchiveHeader.isEncrypted(head)
    }

    /// Hands `body` the plaintext of the file at `path` in chunks: decrypted when it is encrypted, its bytes as
    /// they are otherwise. Memory holds two chunks whatever the file's size.
    ///
    /// - Throws: ``ArchiveError`` naming the file and the chunk when a chunk fails authentication (nothing after
    ///   it is handed on) or the key is unknown; ``FileSystemError``; what `body` throws.
    public static func forEachChunk(
        of path: String, keys: ArchiveKeys, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        guard try isEncrypted(path) else {
            try FileSystem.forEachChunk(of: path, chunkSize: readSize, body)
            return
        }
        var opener = ArchiveOpener(path: path, keys: keys)
        try FileSystem.forEachChunk(of: path, chunkSize: readSize) { chunk in try opener.feed(chunk, emit: body) }
        try opener.finish(emit: body)
    }

    /// Writes the plaintext of `path` to a new scratch file `target` (mode 0600; an old one is replaced), handing
    /// each chunk to `observe` too.
    ///
    /// - Throws: as ``forEachChunk(of:keys:_:)``; `target` is removed on failure.
    static func decrypt(
        _ path: String, to target: String, keys: ArchiveKeys, observe: (UnsafeRawBufferPointer) -> Void = { _ in }
    ) throws {
        try FileSystem.remove(target)
        let descriptor = try FileSystem.createExclusive(target, mode: 0o600)
        defer { FileSystem.close(descriptor) }
        do {
            try forEachChunk(of: path, keys: keys) { chunk in
                observe(chunk)
                try FileSystem.write(descriptor, chunk, path: target)
            }
        } catch {
            try? FileSystem.remove(target)
            throw error
        }
    }

    /// Puts the plaintext of the archived file `path` at `target` (a staged name), whole: a hard link or synced
    /// copy when it is plain, a decrypted copy (temporary name, fsync, rename) when it is encrypted.
    static func restore(_ path: String, to target: String, keys: ArchiveKeys) throws {
        guard try isEncrypted(path) else {
            try FileSystem.duplicate(path, to: target)
            return
        }
        try FileSystem.makeDirectories(FileSystem.directory(of: target))
        let writer = try AtomicFileWriter(path: target, mode: 0o600)
        try forEachChunk(of: path, keys: keys) { try writer.write($0) }
        try writer.commit()
    }
}

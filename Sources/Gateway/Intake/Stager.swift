import Crypto
import Formats
import Transport

/// Copies a dropped file into staging while hashing it and sniffing its encoding, in one pass.
///
/// The copy is written to a temporary name, fsynced and renamed to `<staging>/<source>/<sha256>`, so a
/// staged file is always whole. Memory stays constant whatever the file's size.
public struct Stager: Sendable {
    /// Root of the staging area.
    public let root: String
    /// Temporary copies are `.incoming.<pid>.tmp`, so a crashed process's leftovers can be told apart.
    static let temporaryPrefix = ".incoming."

    /// The process writing a temporary copy named `name` (`.incoming.<pid>.tmp`, or `.incoming.<pid>.<what>.tmp`
    /// for a job's decrypted archive), or `nil` when the name is no temporary copy's.
    static func writerProcess(_ name: String) -> Int32? {
        guard name.hasPrefix(temporaryPrefix), name.hasSuffix(".tmp") else { return nil }
        return Int32(name.dropFirst(temporaryPrefix.count).prefix { $0 != "." })
    }

    /// Creates a stager writing under `root`.
    public init(root: String) {
        self.root = root
    }

    /// Stages bytes that `produce` writes to the temporary path it is given, reporting each chunk to `observe`
    /// (a ``FileSource`` fetch, a local copy). The staged file is then synced, hashed and renamed into place.
    ///
    /// - Throws: what `produce` throws, or ``FileSystemError`` (transient ones — disk full — are retried by the
    ///   caller); the temporary file is removed.
    public func stage(
        source: String, produce: (_ temporaryPath: String, _ observe: (UnsafeRawBufferPointer) -> Void) throws -> Void
    ) throws -> StagedFile {
        let folder = root + "/" + source
        try FileSystem.makeDirectories(folder)
        let temporary = folder + "/" + Self.temporaryPrefix + "\(FileSystem.processID).tmp"
        try FileSystem.remove(temporary)
        var hasher = SHA256()
        var sniffer = EncodingSniffer()
        var size: Int64 = 0
        do {
            try produce(temporary) { chunk in
                hasher.update(bufferPointer: chunk)
                sniffer.feed(chunk)
                size += Int64(chunk.count)
            }
            try FileSystem.sync(path: temporary)
        } catch {
            try? FileSystem.remove(temporary)
            throw error
        }
        let digest = hasher.finalize().map { byte in
            let hex = Array("0123456789abcdef".utf8)
            return String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
        }.joined()
        let final = folder + "/" + digest
        try FileSystem.rename(temporary, to: final)
        try FileSystem.syncDirectory(folder)
        return StagedFile(path: final, sha256: digest, size: size, encoding: sniffer.finish())
    }
}

/// Decides how a file's text must be read while its bytes stream past.
struct EncodingSniffer {
    private var validator = UTF8Validator()
    private var sawNUL = false
    private var head: [UInt8] = []
    /// Bytes seen, and whether an aligned `00 00` pair (a NUL code unit, never in UTF-16 text) was among them.
    private var offset = 0
    private var previous: UInt8 = 1
    private var sawNULUnit = false

    mutating func feed(_ chunk: UnsafeRawBufferPointer) {
        let bytes = chunk.bindMemory(to: UInt8.self)
        if head.count < 2 { head += bytes.prefix(2 - head.count) }
        if !sawNUL, bytes.contains(0) { sawNUL = true }
        if sawNUL, !sawNULUnit {
            for byte in bytes {
                if offset & 1 == 1, byte == 0, previous == 0 { sawNULUnit = true }
                previous = byte
                offset += 1
            }
        } else {
            previous = bytes.last ?? previous
            offset += bytes.count
        }
        if validator.isValid { validator.feed(bytes) }
    }

    /// `utf-16le`/`utf-16be` after a UTF-16 byte order mark (unless a NUL code unit shows binary data),
    /// `binary` for NUL bytes, `utf-8` when valid, else `windows-1252` (every byte sequence decodes).
    mutating func finish() -> String {
        if !sawNULUnit, head == [0xFF, 0xFE] { return TextEncoding.utf16LittleEndian.rawValue }
        if !sawNULUnit, head == [0xFE, 0xFF] { return TextEncoding.utf16BigEndian.rawValue }
        if sawNUL { return "binary" }
        return validator.finish() ? TextEncoding.utf8.rawValue : TextEncoding.windows1252.rawValue
    }
}

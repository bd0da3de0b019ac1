#if canImport(Glibc)
    import Glibc
#endif

/// Writes a file so that nobody ever sees it half-written (DESIGN §4.5).
///
/// Bytes go to `.<name>.<pid>.tmp` in the destination folder; ``commit()`` flushes, fsyncs, renames onto
/// the final name and fsyncs the folder. Until then the final name is untouched (an earlier version, if
/// any, stays whole). Dropping an uncommitted writer removes the temporary file; what a killed process
/// left behind is removed by ``sweepLeftovers(under:)``, which knows it by its process id. Writers of one
/// name must not run concurrently (the gateway writes a job's files inside the job's database transaction,
/// which serialises them).
public final class AtomicFileWriter {
    /// The final path.
    public let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var committed = false
    /// Bytes written so far.
    public private(set) var byteCount: Int64 = 0

    /// Opens a temporary file beside `path`.
    ///
    /// - Parameters:
    ///   - path: final location; its folder is created if missing.
    ///   - mode: permission bits (reports hold personal data: 0640 by default).
    public init(path: String, mode: mode_t = 0o640) throws(FileSystemError) {
        self.path = path
        let directory = FileSystem.directory(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        temporaryPath = directory + "/." + name + ".\(FileSystem.processID).tmp"
        try FileSystem.makeDirectories(directory)
        try FileSystem.remove(temporaryPath)
        descriptor = try FileSystem.createExclusive(temporaryPath, mode: mode)
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        if !committed {
            FileSystem.close(descriptor)
            try? FileSystem.remove(temporaryPath)
        }
    }

    /// Appends UTF-8 text.
    public func write(_ text: String) throws(FileSystemError) {
        buffer.append(contentsOf: text.utf8)
        byteCount += Int64(text.utf8.count)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Appends bytes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileSystemError) {
        buffer.append(contentsOf: bytes)
        byteCount += Int64(bytes.count)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws(FileSystemError) {
        guard !buffer.isEmpty else { return }
        let descriptor = descriptor
        let temporaryPath = temporaryPath
        let result = buffer.withUnsafeBytes { raw in
            Result { () throws(FileSystemError) in try FileSystem.write(descriptor, raw, path: temporaryPath) }
        }
        buffer.removeAll(keepingCapacity: true)
        try result.get()
    }

    /// Takes back everything written after the first `count` bytes (a section of a report that turned out to be
    /// wrong, before the file appears).
    public func truncate(to count: Int64) throws(FileSystemError) {
        guard count < byteCount else { return }
        try flush()
        try FileSystem.truncate(descriptor, to: count, path: temporaryPath)
        byteCount = count
    }

    /// Makes the file appear, whole, under its final name.
    public func commit() throws(FileSystemError) {
        try flush()
        try FileSystem.sync(descriptor, path: temporaryPath)
        FileSystem.close(descriptor)
        committed = true
        try FileSystem.rename(temporaryPath, to: path)
        try FileSystem.syncDirectory(FileSystem.directory(of: path))
    }

    /// Writes `text` to `path` atomically in one call.
    public static func write(_ text: String, to path: String, mode: mode_t = 0o640) throws(FileSystemError) {
        let writer = try AtomicFileWriter(path: path, mode: mode)
        try writer.write(text)
        try writer.commit()
    }
}

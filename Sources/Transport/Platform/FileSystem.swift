#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every file-system call the gateway makes, each turning a failed return code into a ``FileSystemError``.
public enum FileSystem {
    /// One directory entry.
    public struct Entry: Sendable, Hashable {
        /// File name (no directory).
        public var name: String
        /// Size in bytes.
        public var size: Int64
        /// Modification time, nanoseconds since the epoch.
        public var modified: Int64
        /// Whether it is a regular file.
        public var isRegularFile: Bool

        /// Creates an entry (for listings that do not come from this file system, such as SFTP).
        public init(name: String, size: Int64, modified: Int64, isRegularFile: Bool) {
            self.name = name
            self.size = size
            self.modified = modified
            self.isRegularFile = isRegularFile
        }
    }

    /// The entries of a directory (not recursive), without `.` and `..`.
    public static func list(_ path: String) throws(FileSystemError) -> [Entry] {
        guard let directory = opendir(path) else { throw FileSystemError("opendir", path: path, errno: errno) }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            guard let info = try? status(path + "/" + name) else { continue }
            entries.append(
                Entry(name: name, size: info.size, modified: info.modified, isRegularFile: info.isRegularFile))
        }
        return entries.sorted { $0.name < $1.name }
    }

    /// Size, modification time and type of a path (following symbolic links).
    public static func status(_ path: String) throws(FileSystemError) -> Entry {
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileSystemError("stat", path: path, errno: errno) }
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return Entry(
            name: name, size: Int64(info.st_size), modified: modified, isRegularFile: (info.st_mode & S_IFMT) == S_IFREG
        )
    }

    /// Whether a path exists.
    public static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Creates a directory and its parents (mode 0750).
    public static func makeDirectories(_ path: String) throws(FileSystemError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o750) != 0 && errno != EEXIST {
                throw FileSystemError("mkdir", path: current, errno: errno)
            }
        }
    }

    /// Opens a file for reading.
    public static func openForReading(_ path: String) throws(FileSystemError) -> Int32 {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystemError("open", path: path, errno: errno) }
        return descriptor
    }

    /// Reads a whole file in chunks of `chunkSize` bytes, handing each to `body` (memory holds one chunk).
    public static func forEachChunk(
        of path: String, chunkSize: Int = 1 << 16, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let input = try openForReading(path)
        defer { close(input) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try read(input, into: buffer, path: path)
            if count == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// Creates a new file for writing; fails if it exists.
    public static func createExclusive(_ path: String, mode: mode_t) throws(FileSystemError) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw FileSystemError("create", path: path, errno: errno) }
        return descriptor
    }

    /// Reads up to `buffer.count` bytes; 0 at end of file.
    public static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String)
        throws(FileSystemError) -> Int
    {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw FileSystemError("read", path: path, errno: errno) }
        }
    }

    /// Writes all bytes.
    public static func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(FileSystemError)
    {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileSystemError("write", path: path, errno: errno)
            }
            offset += written
        }
    }

    /// Flushes a file's data and metadata to disk.
    public static func sync(_ descriptor: Int32, path: String) throws(FileSystemError) {
        guard fsync(descriptor) == 0 else { throw FileSystemError("fsync", path: path, errno: errno) }
    }

    /// Flushes a directory, so a rename or unlink in it survives a power loss.
    public static func syncDirectory(_ path: String) throws(FileSystemError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystemError("open", path: path, errno: errno) }
        defer { close(descriptor) }
        try sync(descriptor, path: path)
    }

    /// Closes a descriptor.
    public static func close(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }

    /// Atomically renames within one file system.
    public static func rename(_ from: String, to: String) throws(FileSystemError) {
        guard Glibc.rename(from, to) == 0 else {
            throw FileSystemError("rename", path: "\(from) -> \(to)", errno: errno)
        }
    }

    /// Removes a file; a missing file is not an error.
    public static func remove(_ path: String) throws(FileSystemError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw FileSystemError("unlink", path: path, errno: errno) }
    }

    /// The directory part of a path (`.` when there is none).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The process id, for unique temporary names.
    public static var processID: Int32 { getpid() }

    /// Whether a process with this id exists (ours counts).
    public static func isProcessAlive(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }
}

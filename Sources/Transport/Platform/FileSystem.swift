#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every file-system call the gateway makes, each turning a failed return code into a ``FileSystemError``.
public enum FileSystem {
    /// One directory entry, as the entry itself is (a link is not followed).
    public struct Entry: Sendable, Hashable {
        /// File name (no directory); bytes that are not UTF-8 are shown escaped (see ``displayName(_:)``).
        public var name: String
        /// Size in bytes.
        public var size: Int64
        /// Modification time, nanoseconds since the epoch.
        public var modified: Int64
        /// What the entry is.
        public var kind: EntryKind
        /// How many names the file has (hard links); 1 when the source cannot tell.
        public var links: Int
        /// The file's inode and device, to tell a file from another put under its name; 0 when unknown.
        public var inode: UInt64
        /// The device holding the inode; 0 when unknown.
        public var device: UInt64

        /// Whether it is a regular file.
        public var isRegularFile: Bool { kind == .regular }

        /// Creates an entry (for listings that do not come from this file system, such as SFTP).
        public init(
            name: String, size: Int64, modified: Int64, kind: EntryKind, links: Int = 1, inode: UInt64 = 0,
            device: UInt64 = 0
        ) {
            self.name = name
            self.size = size
            self.modified = modified
            self.kind = kind
            self.links = links
            self.inode = inode
            self.device = device
        }

        /// Creates a regular file's entry, or another kind's when `isRegularFile` is false.
        public init(name: String, size: Int64, modified: Int64, isRegularFile: Bool) {
            self.init(name: name, size: size, modified: modified, kind: isRegularFile ? .regular : .other)
        }
    }

    /// The entries of a directory (not recursive), without `.` and `..`, each as it is: links are not followed.
    ///
    /// A name that is not UTF-8 is listed with its odd bytes escaped (``displayName(_:)``); the `…Entry` calls
    /// take that name back to the same bytes.
    public static func list(_ path: String) throws(FileSystemError) -> [Entry] {
        guard let directory = opendir(path) else { throw FileSystemError("opendir", path: path, errno: errno) }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in displayName(raw.prefix { $0 != 0 }) }
            if name == "." || name == ".." { continue }
            // Gone since readdir: not an entry any more.
            guard let info = try? entryStatus(in: path, name) else { continue }
            entries.append(info)
        }
        return entries.sorted { $0.name < $1.name }
    }

    /// Size, modification time and type of a path (following symbolic links).
    public static func status(_ path: String) throws(FileSystemError) -> Entry {
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileSystemError("stat", path: path, errno: errno) }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return Entry(name: name, info)
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
        try forEachChunk(of: input, path: path, chunkSize: chunkSize, body)
    }

    /// Reads an open descriptor to its end in chunks of `chunkSize` bytes, handing each to `body`.
    public static func forEachChunk(
        of descriptor: Int32, path: String, chunkSize: Int = 1 << 16, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try read(descriptor, into: buffer, path: path)
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

    /// Flushes the file at `path` to disk (opened for the purpose, then closed).
    public static func sync(path: String) throws(FileSystemError) {
        let descriptor = try openForReading(path)
        defer { close(descriptor) }
        try sync(descriptor, path: path)
    }

    /// Cuts an open file back to its first `length` bytes and moves the write position there.
    public static func truncate(_ descriptor: Int32, to length: Int64, path: String) throws(FileSystemError) {
        guard ftruncate(descriptor, off_t(length)) == 0 else {
            throw FileSystemError("ftruncate", path: path, errno: errno)
        }
        guard lseek(descriptor, off_t(length), SEEK_SET) >= 0 else {
            throw FileSystemError("lseek", path: path, errno: errno)
        }
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

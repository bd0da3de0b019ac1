#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed file-system call, with the operation, the path and `errno`.
public struct FileSystemError: Error, Sendable, CustomStringConvertible {
    /// The call that failed (`open`, `rename`, …).
    public var operation: String
    /// The path concerned.
    public var path: String
    /// The `errno` value.
    public var errno: Int32

    /// Creates an error from the current `errno`.
    public init(_ operation: String, path: String, errno: Int32) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    /// Whether retrying later may succeed (disk full, I/O error, interrupted, busy).
    public var isTransient: Bool {
        [ENOSPC, EIO, EAGAIN, EINTR, EBUSY, ENFILE, EMFILE, EDQUOT, ETIMEDOUT].contains(errno)
    }

    /// Whether the file is simply not there.
    public var isNotFound: Bool { errno == ENOENT }

    public var description: String {
        "\(operation) \(path): \(String(cString: strerror(errno)))"
    }
}

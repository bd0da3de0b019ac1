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

    /// Whether retrying later may succeed (disk full, over quota, file system remounted read-only after an
    /// error, I/O error, interrupted, busy): the work waits and retries instead of failing for good.
    public var isTransient: Bool {
        [ENOSPC, EDQUOT, EROFS, EIO, EAGAIN, EINTR, EBUSY, ENFILE, EMFILE, ETIMEDOUT].contains(errno)
    }

    /// The call and the system's message, without the path (which may carry a file's name): for logs and
    /// `dropgate sources`.
    public var reason: String {
        "\(operation): \(String(cString: strerror(errno))) (errno \(errno))"
    }

    /// Whether the file is simply not there.
    public var isNotFound: Bool { errno == ENOENT }

    public var description: String {
        "\(operation) \(path): \(String(cString: strerror(errno)))"
    }
}

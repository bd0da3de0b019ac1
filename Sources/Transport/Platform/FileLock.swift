import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An advisory lock (`flock`) on a lock file, held until ``unlock()`` or the process ends.
///
/// Processes sharing one configuration take a source's intake lock before listing, staging and sweeping
/// it, so one process at a time takes a source's files; every process using the database holds its use
/// lock shared, so `dropgate restore` can tell when none does. A killed holder's lock is released by the kernel.
public final class FileLock: Sendable {
    /// Whether other processes may hold the lock at the same time.
    public enum Mode: Sendable {
        /// One holder at a time, and no shared holders.
        case exclusive
        /// Any number of shared holders, but no exclusive one.
        case shared
    }

    /// The lock file.
    public let path: String
    private let descriptor: Mutex<Int32>

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    deinit { unlock() }

    /// Takes the lock if no other process holds it.
    ///
    /// - Returns: the held lock, or `nil` when another process holds it.
    /// - Throws: ``FileSystemError`` when the lock file cannot be created or opened.
    public static func tryLocking(_ path: String, mode: Mode = .exclusive) throws(FileSystemError) -> FileLock? {
        try lock(path, mode: mode, blocking: false)
    }

    /// Takes the lock, waiting while another process holds it.
    public static func locking(_ path: String, mode: Mode = .exclusive) throws(FileSystemError) -> FileLock {
        guard let lock = try lock(path, mode: mode, blocking: true) else {
            throw FileSystemError("flock", path: path, errno: EWOULDBLOCK)
        }
        return lock
    }

    private static func lock(_ path: String, mode: Mode, blocking: Bool) throws(FileSystemError) -> FileLock? {
        try FileSystem.makeDirectories(FileSystem.directory(of: path))
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw FileSystemError("open", path: path, errno: errno) }
        while flock(descriptor, (mode == .exclusive ? LOCK_EX : LOCK_SH) | (blocking ? 0 : LOCK_NB)) != 0 {
            let code = errno
            if code == EINTR { continue }
            FileSystem.close(descriptor)
            if code == EWOULDBLOCK { return nil }
            throw FileSystemError("flock", path: path, errno: code)
        }
        return FileLock(path: path, descriptor: descriptor)
    }

    /// Releases the lock (also done when the lock is deallocated).
    public func unlock() {
        descriptor.withLock { descriptor in
            guard descriptor >= 0 else { return }
            _ = flock(descriptor, LOCK_UN)
            FileSystem.close(descriptor)
            descriptor = -1
        }
    }
}

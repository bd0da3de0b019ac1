#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FileSystem {
    /// Gives the file at `path` a second, durable name `target`, in a folder created as needed; `path` stays.
    ///
    /// On the same file system this is a hard link; across file systems (`EXDEV`), or where links are refused,
    /// the bytes are copied to a temporary name beside `target`, fsynced and renamed into place, so `target`
    /// is never seen half-written. A file already at `target` (left by an interrupted attempt) is replaced.
    ///
    /// - Throws: ``FileSystemError``; `target` is then absent or whole.
    public static func duplicate(_ path: String, to target: String) throws(FileSystemError) {
        let folder = directory(of: target)
        try makeDirectories(folder)
        try remove(target)
        if link(path, target) != 0 {
            guard [EXDEV, EPERM, ENOTSUP, EMLINK].contains(errno) else {
                throw FileSystemError("link", path: "\(path) -> \(target)", errno: errno)
            }
            try copyThroughTemporary(path, to: target)
        }
        try syncDirectory(folder)
    }

    /// Moves a file into a folder created as needed, durably: a rename on one file system; across file systems
    /// (`EXDEV`) a ``duplicate(_:to:)`` then the removal of `path`.
    public static func move(_ path: String, to target: String) throws(FileSystemError) {
        let folder = directory(of: target)
        try makeDirectories(folder)
        if Glibc.rename(path, target) == 0 {
            try syncDirectory(folder)
            return
        }
        guard errno == EXDEV else { throw FileSystemError("rename", path: "\(path) -> \(target)", errno: errno) }
        try duplicate(path, to: target)
        try remove(path)
        try syncDirectory(directory(of: path))
    }

    /// Copies the bytes of `path` onto `target` (never a link: the copy may change apart from the original), through
    /// an ``AtomicFileWriter`` (temporary name, fsync, rename; mode 0600), so `target` is never seen half-written.
    public static func copy(_ path: String, to target: String) throws(FileSystemError) {
        try makeDirectories(directory(of: target))
        try copyThroughTemporary(path, to: target)
    }

    /// Copies `path` onto `target` through an ``AtomicFileWriter`` (temporary name, fsync, rename).
    private static func copyThroughTemporary(_ path: String, to target: String) throws(FileSystemError) {
        let writer = try AtomicFileWriter(path: target, mode: 0o600)
        do {
            try forEachChunk(of: path, chunkSize: 1 << 20) { chunk in try writer.write(chunk) }
        } catch let error as FileSystemError {
            throw error
        } catch {
            throw FileSystemError("copy", path: "\(path) -> \(target)", errno: EIO)
        }
        try writer.commit()
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FileSystem {
    /// Whether a path is a directory itself (a symbolic link to one is not).
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Removes an empty directory; a missing one is not an error.
    public static func removeDirectory(_ path: String) throws(FileSystemError) {
        guard rmdir(path) == 0 || errno == ENOENT else { throw FileSystemError("rmdir", path: path, errno: errno) }
    }
}

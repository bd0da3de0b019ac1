import Glibc

extension FileSystem {
    /// Linux's `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`), which Swift does not import from Glibc.
    private static let openTemporaryFile: Int32 = 0o20_200_000

    /// Opens a new, nameless file in `folder` for reading and writing (mode 0600): it never appears in the
    /// folder and disappears when closed, even when the process is killed. Where the file system cannot make
    /// nameless files, a named one is made and removed at once.
    public static func createScratch(in folder: String) throws(FileSystemError) -> Int32 {
        let descriptor = open(folder, openTemporaryFile | O_RDWR | O_CLOEXEC, 0o600)
        if descriptor >= 0 { return descriptor }
        guard errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL else {
            throw FileSystemError("open a scratch file in", path: folder, errno: errno)
        }
        let path = folder + "/.scratch.\(processID).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let named = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard named >= 0 else { throw FileSystemError("create", path: path, errno: errno) }
        unlink(path)
        return named
    }

    /// Reads up to `buffer.count` bytes at `offset`, without moving the file position; 0 at end of file.
    public static func read(
        _ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int64, path: String
    ) throws(FileSystemError) -> Int {
        while true {
            let count = pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset))
            if count >= 0 { return count }
            if errno != EINTR { throw FileSystemError("read", path: path, errno: errno) }
        }
    }
}

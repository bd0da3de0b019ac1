#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Calls on one entry of a folder by its listed name: never following a link, and reaching names that are not
/// UTF-8 through their escaped form.
extension FileSystem {
    /// A file name for display and ledgers: the name itself when it is UTF-8 without a backslash, else each
    /// backslash doubled and each byte that is not UTF-8 written `\xHH` (`attendance_caf\xe9.csv`).
    ///
    /// ``entryBytes(_:)`` turns it back into the same bytes.
    public static func displayName(_ bytes: some Collection<UInt8>) -> String {
        if !bytes.contains(UInt8(ascii: "\\")), let text = String(validating: bytes, as: UTF8.self) { return text }
        var text = ""
        var rest = Array(bytes)[...]
        while !rest.isEmpty {
            // The longest valid UTF-8 prefix goes as it is; one odd byte is escaped.
            var end = rest.endIndex
            while end > rest.startIndex, String(validating: rest[rest.startIndex..<end], as: UTF8.self) == nil {
                end -= 1
            }
            if end == rest.startIndex {
                let byte = rest[rest.startIndex]
                let hex = Array("0123456789abcdef".utf8)
                text += "\\x" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
                rest = rest.dropFirst()
            } else {
                text += String(decoding: rest[rest.startIndex..<end], as: UTF8.self).replacing("\\", with: "\\\\")
                rest = rest[end...]
            }
        }
        return text
    }

    /// The bytes of the file name that ``displayName(_:)`` showed as `name`.
    public static func entryBytes(_ name: String) -> [UInt8] {
        let utf8 = Array(name.utf8)
        guard utf8.contains(UInt8(ascii: "\\")) else { return utf8 }
        var bytes: [UInt8] = []
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "\\"), index + 1 < utf8.count {
                if utf8[index + 1] == UInt8(ascii: "\\") {
                    bytes.append(UInt8(ascii: "\\"))
                    index += 2
                    continue
                }
                if utf8[index + 1] == UInt8(ascii: "x"), index + 3 < utf8.count,
                    let byte = UInt8(String(decoding: utf8[index + 2...index + 3], as: UTF8.self), radix: 16)
                {
                    bytes.append(byte)
                    index += 4
                    continue
                }
            }
            bytes.append(utf8[index])
            index += 1
        }
        return bytes
    }

    /// The entry `name` of `directory` as it is (`lstat`: a link is not followed).
    ///
    /// - Throws: ``FileSystemError`` (``FileSystemError/isNotFound`` when it is gone).
    public static func entryStatus(in directory: String, _ name: String) throws(FileSystemError) -> Entry {
        var info = stat()
        guard lstat(entryPath(directory, name), &info) == 0 else {
            throw FileSystemError("lstat", path: directory + "/" + name, errno: errno)
        }
        return Entry(name: name, info)
    }

    /// Opens the regular file `name` of `directory` for reading, refusing anything else: a symbolic link is not
    /// followed (`O_NOFOLLOW`), and a FIFO or device is not read (nor waited on: `O_NONBLOCK`).
    ///
    /// - Returns: the descriptor and the file's status when opened.
    /// - Throws: ``FileSystemError``: `ELOOP` for a link, `EINVAL` for a file that is not regular.
    public static func openEntry(in directory: String, _ name: String) throws(FileSystemError) -> (Int32, Entry) {
        let path = directory + "/" + name
        let descriptor = open(entryPath(directory, name), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystemError("open", path: path, errno: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let error = FileSystemError("fstat", path: path, errno: errno)
            close(descriptor)
            throw error
        }
        let entry = Entry(name: name, info)
        guard entry.isRegularFile else {
            close(descriptor)
            throw FileSystemError("open (not a regular file)", path: path, errno: EINVAL)
        }
        return (descriptor, entry)
    }

    /// Whether `directory` holds an entry `name`, of any kind (a dangling link counts).
    public static func entryExists(in directory: String, _ name: String) -> Bool {
        var info = stat()
        return lstat(entryPath(directory, name), &info) == 0
    }

    /// Removes the entry `name` of `directory` (a link itself, never what it points to); a missing one is not an
    /// error.
    public static func removeEntry(in directory: String, _ name: String) throws(FileSystemError) {
        guard unlink(entryPath(directory, name)) == 0 || errno == ENOENT else {
            throw FileSystemError("unlink", path: directory + "/" + name, errno: errno)
        }
    }

    /// The C path of `name` in `directory`, the name's escapes turned back into its bytes.
    private static func entryPath(_ directory: String, _ name: String) -> [CChar] {
        (Array(directory.utf8) + [UInt8(ascii: "/")] + entryBytes(name) + [0]).map { CChar(bitPattern: $0) }
    }
}

extension FileSystem.Entry {
    /// An entry from a `stat` result.
    init(name: String, _ info: stat) {
        self.init(
            name: name, size: Int64(info.st_size),
            modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            kind: EntryKind(mode: UInt32(info.st_mode)), links: Int(info.st_nlink), inode: UInt64(info.st_ino),
            device: UInt64(info.st_dev))
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a directory entry is, as the entry itself says (a symbolic link is a link, not what it points to).
public enum EntryKind: String, Sendable, Hashable {
    /// A regular file.
    case regular
    /// A directory.
    case directory
    /// A symbolic link.
    case symbolicLink = "symbolic link"
    /// A named pipe.
    case fifo = "FIFO (named pipe)"
    /// A character or block device.
    case device
    /// A Unix domain socket.
    case socket
    /// Anything else, or a kind the source did not tell.
    case other = "special file"

    /// The kind a `st_mode` (or an SFTP `permissions` field, which uses the same bits) says.
    public init(mode: UInt32) {
        switch mode_t(mode) & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFLNK: self = .symbolicLink
        case S_IFIFO: self = .fifo
        case S_IFCHR, S_IFBLK: self = .device
        case S_IFSOCK: self = .socket
        default: self = .other
        }
    }
}

import Transport

/// One entry of a remote directory, or the status of one remote path.
public struct RemoteEntry: Sendable, Hashable {
    /// File name as the server sent it (no directory). Untrusted: check it with
    /// ``SFTPConnection/isSafeRemoteName(_:)`` before using it in a local path.
    public var name: String
    /// Size in bytes; `nil` when the server did not report it.
    public var size: Int64?
    /// Modification time in whole seconds since the epoch; `nil` when not reported.
    public var modified: Int64?
    /// Whether it is a regular file (not a directory, link or device).
    public var isRegularFile: Bool
    /// Whether it is a directory.
    public var isDirectory: Bool
    /// What it is as the server reports it: OpenSSH lists a symbolic link as a link (`lstat`), not its target.
    public var kind: EntryKind

    /// Creates an entry; `kind` defaults to what the two flags say.
    public init(
        name: String, size: Int64?, modified: Int64?, isRegularFile: Bool, isDirectory: Bool, kind: EntryKind? = nil
    ) {
        self.name = name
        self.size = size
        self.modified = modified
        self.isRegularFile = isRegularFile
        self.isDirectory = isDirectory
        self.kind = kind ?? (isRegularFile ? .regular : isDirectory ? .directory : .other)
    }
}

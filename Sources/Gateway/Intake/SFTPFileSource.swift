import SFTP
import Transport

/// An SFTP source's remote directory as a ``FileSource``, over one connection opened for one poll.
///
/// Names a local path could not safely hold are left out of the listing and reported to `refused`; a taken file
/// is moved, deleted or left as `after_fetch` says.
struct SFTPFileSource: FileSource {
    let connection: SFTPConnection
    let remote: RemoteSourceConfig
    /// Told of each regular file whose name is refused (see ``SFTPConnection/isSafeRemoteName(_:)``).
    let refused: (String) -> Void

    /// `false`: the server's clock may differ from ours.
    var modificationTimesAreLocal: Bool { false }

    /// `true`: every file travels over the one connection.
    var failsAsAWhole: Bool { true }

    /// Whether `after_fetch` is `leave`.
    var leavesFilesInPlace: Bool { remote.afterFetch == .leave }

    func origin(of name: String) -> String {
        let path = Self.join(remote.directory, name)
        return "sftp://\(remote.host):\(remote.port)" + (path.hasPrefix("/") ? "" : "/") + path
    }

    func list() throws -> [FileSystem.Entry] {
        var entries: [FileSystem.Entry] = []
        for entry in try connection.list(remote.directory) {
            if !SFTPConnection.isSafeRemoteName(entry.name) {
                if !entry.isDirectory { refused(entry.name) }
                continue
            }
            entries.append(Self.entry(entry))
        }
        return entries
    }

    /// The remote entry as it is now (`lstat`: a link is described, not followed).
    func entry(_ name: String) throws -> FileSystem.Entry? {
        try connection.stat(Self.join(remote.directory, name), followingLinks: false).map(Self.entry)
    }

    /// A listing entry from a remote one; the server tells no inode or link count.
    static func entry(_ entry: RemoteEntry) -> FileSystem.Entry {
        FileSystem.Entry(
            name: entry.name, size: entry.size ?? -1, modified: (entry.modified ?? 0) * 1_000_000_000, kind: entry.kind)
    }

    func fetch(_ name: String, to path: String, observe: (UnsafeRawBufferPointer) -> Void) throws {
        _ = try connection.download(Self.join(remote.directory, name), to: path, consume: observe)
    }

    func contains(_ name: String) throws -> Bool {
        try connection.stat(Self.join(remote.directory, name)) != nil
    }

    func acknowledge(_ name: String, marker: String?) throws {
        let path = Self.join(remote.directory, name)
        switch remote.afterFetch {
        case .leave: break
        case .delete: try connection.remove(path)
        case .move(let folder):
            let target = Self.join(remote.directory, folder)
            if try connection.stat(target) == nil { try connection.makeDirectory(target) }
            try connection.rename(path, to: Self.join(target, name), replacing: true)
        }
        if let marker { try connection.remove(path + "." + marker) }
    }

    /// A remote path: `name` inside `directory` (the name alone for an empty directory or `.`).
    static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty || directory == "."
            ? name : directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

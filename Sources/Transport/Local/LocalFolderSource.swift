/// A local drop folder as a ``FileSource``: files are copied out, then removed once taken.
///
/// Every call names the entry itself, never what a link points to, and reaches names that are not UTF-8
/// through their escaped form (``FileSystem/displayName(_:)``).
public struct LocalFolderSource: FileSource, Sendable {
    /// The folder.
    public let path: String
    /// Bytes read and written per call while copying a file out.
    static let chunkSize = 1 << 20

    /// Creates the source for the folder at `path` (created on the first listing if missing).
    public init(path: String) {
        self.path = path
    }

    /// Always `true`: the folder's clock is ours.
    public var modificationTimesAreLocal: Bool { true }

    /// Always `false`: an unreadable file holds up only itself.
    public var failsAsAWhole: Bool { false }

    /// Always `false`: a taken file is removed.
    public var leavesFilesInPlace: Bool { false }

    /// The file's path.
    public func origin(of name: String) -> String {
        path + "/" + name
    }

    /// Creates the folder if it is missing, then lists it.
    public func list() throws -> [FileSystem.Entry] {
        try FileSystem.makeDirectories(path)
        return try FileSystem.list(path)
    }

    /// Copies the file to `target` (a new file, mode 0600), refusing a link, pipe or device.
    public func fetch(_ name: String, to target: String, observe: (UnsafeRawBufferPointer) -> Void) throws {
        let (input, _) = try FileSystem.openEntry(in: path, name)
        defer { FileSystem.close(input) }
        let output = try FileSystem.createExclusive(target, mode: 0o600)
        defer { FileSystem.close(output) }
        try FileSystem.forEachChunk(of: input, path: origin(of: name), chunkSize: Self.chunkSize) { chunk in
            observe(chunk)
            try FileSystem.write(output, chunk, path: target)
        }
    }

    /// The entry as it is now (`lstat`), or `nil` when it is gone.
    public func entry(_ name: String) throws -> FileSystem.Entry? {
        do {
            return try FileSystem.entryStatus(in: path, name)
        } catch  where error.isNotFound {
            return nil
        }
    }

    /// Whether the file is still in the folder.
    public func contains(_ name: String) -> Bool {
        FileSystem.entryExists(in: path, name)
    }

    /// Removes the file (and its marker, if any) and syncs the folder.
    public func acknowledge(_ name: String, marker: String?) throws {
        try FileSystem.removeEntry(in: path, name)
        if let marker { try FileSystem.removeEntry(in: path, name + "." + marker) }
        try FileSystem.syncDirectory(path)
    }

    /// Copies a local file to a new file at `target` (mode 0600), handing each chunk to `observe`; memory holds
    /// one chunk whatever the file's size.
    ///
    /// - Throws: ``FileSystemError``; `target` is left for the caller to remove.
    public static func copy(
        _ source: String, to target: String, observe: (UnsafeRawBufferPointer) -> Void
    ) throws {
        let output = try FileSystem.createExclusive(target, mode: 0o600)
        defer { FileSystem.close(output) }
        try FileSystem.forEachChunk(of: source, chunkSize: chunkSize) { chunk in
            observe(chunk)
            try FileSystem.write(output, chunk, path: target)
        }
    }
}

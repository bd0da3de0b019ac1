/// A local drop folder as a ``FileSource``: files are copied out, then removed once taken.
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

    /// The file's path.
    public func origin(of name: String) -> String {
        path + "/" + name
    }

    /// Creates the folder if it is missing, then lists it.
    public func list() throws -> [FileSystem.Entry] {
        try FileSystem.makeDirectories(path)
        return try FileSystem.list(path)
    }

    /// Copies the file to `target` (a new file, mode 0600).
    public func fetch(_ name: String, to target: String, observe: (UnsafeRawBufferPointer) -> Void) throws {
        try Self.copy(origin(of: name), to: target, observe: observe)
    }

    /// Whether the file is still in the folder.
    public func contains(_ name: String) -> Bool {
        FileSystem.exists(origin(of: name))
    }

    /// Removes the file (and its marker, if any) and syncs the folder.
    public func acknowledge(_ name: String, marker: String?) throws {
        try FileSystem.remove(origin(of: name))
        if let marker { try FileSystem.remove(origin(of: name) + "." + marker) }
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

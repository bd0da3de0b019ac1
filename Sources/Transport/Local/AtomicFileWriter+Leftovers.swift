extension AtomicFileWriter {
    /// Removes the temporary files of writers whose process has ended (killed before committing), in
    /// `folder` and below; a live process's files are left alone. Symbolic links are not followed.
    ///
    /// - Returns: the paths removed.
    @discardableResult
    public static func sweepLeftovers(under folder: String) throws(FileSystemError) -> [String] {
        guard FileSystem.exists(folder) else { return [] }
        var removed: [String] = []
        for entry in try FileSystem.list(folder) {
            let path = folder + "/" + entry.name
            if !entry.isRegularFile, FileSystem.isDirectory(path) {
                removed += try sweepLeftovers(under: path)
            } else if let pid = writerProcess(entry.name), !FileSystem.isProcessAlive(pid) {
                try FileSystem.remove(path)
                removed.append(path)
            }
        }
        return removed
    }

    /// The process id in a temporary name `.<name>.<pid>.tmp`, or `nil` for any other name.
    static func writerProcess(_ name: String) -> Int32? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let stem = name.dropLast(4)
        guard let dot = stem.lastIndex(of: "."), dot > stem.startIndex else { return nil }
        return Int32(stem[stem.index(after: dot)...])
    }
}

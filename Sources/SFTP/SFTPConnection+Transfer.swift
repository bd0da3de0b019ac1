internal import CLibSSH2
import Transport

extension SFTPConnection {
    /// Downloads a remote file to a local path, streaming it in ``chunkSize`` pieces; never holds it in memory.
    ///
    /// The bytes go to a hidden temporary file beside `localPath` (`.name.<pid>.download`), which is fsynced and
    /// renamed to `localPath` only when complete and its byte count equals the size the server reported. On any
    /// failure the temporary file is removed, so `localPath` never holds a partial file.
    ///
    /// - Parameters:
    ///   - remotePath: Absolute, or relative to ``SFTPEndpoint/remoteDirectory``.
    ///   - localPath: The final local path; an existing file there is replaced.
    ///   - consume: Called with each chunk, in order, after it is written (for hashing).
    /// - Returns: The number of bytes downloaded.
    /// - Throws: ``SFTPError``: `remote`, `disconnected`, `timedOut`, `truncated` or `local`.
    @discardableResult
    public func download(
        _ remotePath: String, to localPath: String, consume: (UnsafeRawBufferPointer) -> Void = { _ in }
    ) throws(SFTPError) -> Int64 {
        let path = resolve(remotePath)
        let handle = try openHandle(path, flags: LIBSSH2_FXF_READ, mode: 0, type: LIBSSH2_SFTP_OPENFILE, "open")
        defer { libssh2_sftp_close_handle(handle) }
        var attributes = LIBSSH2_SFTP_ATTRIBUTES()
        try check(libssh2_sftp_fstat_ex(handle, &attributes, 0), "fstat", path: path)
        let expected = RemoteEntry(name: path, attributes: attributes).size

        let temporary = Self.temporaryPath(for: localPath)
        try local { () throws(FileSystemError) in try FileSystem.remove(temporary) }
        let descriptor = try local { () throws(FileSystemError) in
            try FileSystem.createExclusive(temporary, mode: 0o640)
        }
        var isOpen = true
        var isComplete = false
        defer {
            if isOpen { FileSystem.close(descriptor) }
            if !isComplete { try? FileSystem.remove(temporary) }
        }
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Self.chunkSize)
        defer { buffer.deallocate() }
        var total: Int64 = 0
        while true {
            let count = try check(libssh2_sftp_read(handle, buffer, Self.chunkSize), "read", path: path)
            if count == 0 { break }
            let chunk = UnsafeRawBufferPointer(start: buffer, count: count)
            try local { () throws(FileSystemError) in try FileSystem.write(descriptor, chunk, path: temporary) }
            consume(chunk)
            total += Int64(count)
        }
        if let expected, expected != total {
            throw SFTPError(
                .truncated(expected: expected, received: total), operation: "download", endpoint: endpoint.description,
                detail: path)
        }
        try local { () throws(FileSystemError) in
            try FileSystem.sync(descriptor, path: temporary)
            FileSystem.close(descriptor)
            isOpen = false
            try FileSystem.rename(temporary, to: localPath)
            isComplete = true
            try FileSystem.syncDirectory(FileSystem.directory(of: localPath))
        }
        return total
    }

    /// Uploads a local file: writes `remotePath.part`, closes it, then renames it over `remotePath`.
    ///
    /// Readers never see a partial file under the final name (DropGate's own sources ignore `*.part`). On failure
    /// the `.part` file is removed when the connection still allows it.
    ///
    /// - Parameters:
    ///   - localPath: The file to send.
    ///   - remotePath: Absolute, or relative to ``SFTPEndpoint/remoteDirectory``; replaced if it exists.
    /// - Throws: ``SFTPError``: `local`, `remote` (for example no space on file system), `disconnected`, `timedOut`.
    public func upload(from localPath: String, to remotePath: String) throws(SFTPError) {
        let target = resolve(remotePath)
        let partial = target + ".part"
        let descriptor = try local { () throws(FileSystemError) in try FileSystem.openForReading(localPath) }
        defer { FileSystem.close(descriptor) }
        let flags = LIBSSH2_FXF_WRITE | LIBSSH2_FXF_CREAT | LIBSSH2_FXF_TRUNC
        var handle: OpaquePointer? = try openHandle(
            partial, flags: flags, mode: 0o640, type: LIBSSH2_SFTP_OPENFILE, "open")
        var isDone = false
        defer {
            if let handle { libssh2_sftp_close_handle(handle) }
            if !isDone && !isBroken { try? remove(partial) }
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while let open = handle {
            let count = try local { () throws(FileSystemError) in
                try FileSystem.read(descriptor, into: buffer, path: localPath)
            }
            if count == 0 {
                // Closing reports write errors the server returned late.
                handle = nil
                try check(libssh2_sftp_close_handle(open), "close", path: partial)
                break
            }
            try write(open, UnsafeRawBufferPointer(rebasing: buffer[..<count]), path: partial)
        }
        try rename(partial, to: target, replacing: true)
        isDone = true
    }

    private func write(_ handle: OpaquePointer, _ bytes: UnsafeRawBufferPointer, path: String) throws(SFTPError) {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) else { return }
        var offset = 0
        while offset < bytes.count {
            offset += try check(libssh2_sftp_write(handle, base + offset, bytes.count - offset), "write", path: path)
        }
    }

    /// Runs a local file operation, turning its ``FileSystemError`` into ``SFTPError/Code/local(_:)``.
    private func local<Value>(_ body: () throws(FileSystemError) -> Value) throws(SFTPError) -> Value {
        do {
            return try body()
        } catch {
            throw SFTPError(.local(error), operation: "local file", endpoint: endpoint.description)
        }
    }

    /// `directory/.name.<pid>.download`: hidden, unique per process, on the same file system as the target.
    private static func temporaryPath(for localPath: String) -> String {
        let directory = FileSystem.directory(of: localPath)
        let name = localPath.split(separator: "/").last.map(String.init) ?? localPath
        return "\(directory)/.\(name).\(FileSystem.processID).download"
    }
}

internal import CLibSSH2

extension SFTPConnection {
    /// The entries of a remote directory, without `.` and `..`, in the server's order.
    ///
    /// One call reads the whole directory (OpenSSH sends about 100 names per round trip). Names are untrusted:
    /// check them with ``isSafeRemoteName(_:)``.
    ///
    /// - Parameter directory: Absolute, or relative to ``SFTPEndpoint/remoteDirectory``.
    /// - Throws: ``SFTPError`` (`remote` with the status, for example no such file).
    public func list(_ directory: String) throws(SFTPError) -> [RemoteEntry] {
        let path = resolve(directory)
        let handle = try openHandle(path, flags: 0, mode: 0, type: LIBSSH2_SFTP_OPENDIR, "opendir")
        defer { libssh2_sftp_close_handle(handle) }
        let capacity = 4096
        let name = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        defer { name.deallocate() }
        var attributes = LIBSSH2_SFTP_ATTRIBUTES()
        var entries: [RemoteEntry] = []
        while true {
            let length = try check(
                libssh2_sftp_readdir_ex(handle, name, capacity, nil, 0, &attributes), "readdir", path: path)
            if length == 0 { break }
            let text = String(decoding: UnsafeRawBufferPointer(start: name, count: Int(length)), as: UTF8.self)
            if text == "." || text == ".." { continue }
            entries.append(RemoteEntry(name: text, attributes: attributes))
        }
        return entries
    }

    /// Size, modification time and type of a remote path, or `nil` when it does not exist.
    ///
    /// - Parameter followingLinks: whether a link is followed (`stat`) or described itself (`lstat`).
    /// - Throws: ``SFTPError`` for anything but a missing path.
    public func stat(_ remotePath: String, followingLinks: Bool = true) throws(SFTPError) -> RemoteEntry? {
        let path = resolve(remotePath)
        var attributes = LIBSSH2_SFTP_ATTRIBUTES()
        let sftp = try channel("stat")
        let result = libssh2_sftp_stat_ex(
            sftp, path, UInt32(path.utf8.count), followingLinks ? LIBSSH2_SFTP_STAT : LIBSSH2_SFTP_LSTAT, &attributes)
        if result == LIBSSH2_ERROR_SFTP_PROTOCOL {
            let status = libssh2_sftp_last_error(sftp)
            if status == LIBSSH2_FX_NO_SUCH_FILE || status == LIBSSH2_FX_NO_SUCH_PATH { return nil }
        }
        try check(result, "stat", path: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return RemoteEntry(name: name, attributes: attributes)
    }

    /// Renames a remote file.
    ///
    /// OpenSSH speaks SFTP version 3, whose rename never replaces an existing file, and libssh2 1.10 cannot send
    /// OpenSSH's `posix-rename@openssh.com`. So with `replacing`, when the server refuses the atomic overwrite the
    /// target is removed and the rename retried: for that short moment the target is absent.
    ///
    /// - Parameters:
    ///   - from: The existing path.
    ///   - to: The new path.
    ///   - replacing: Whether an existing file at `to` is replaced.
    /// - Throws: ``SFTPError``.
    public func rename(_ from: String, to: String, replacing: Bool = false) throws(SFTPError) {
        let source = resolve(from)
        let target = resolve(to)
        let sftp = try channel("rename")
        let flags =
            replacing ? LIBSSH2_SFTP_RENAME_OVERWRITE | LIBSSH2_SFTP_RENAME_ATOMIC | LIBSSH2_SFTP_RENAME_NATIVE : 0
        let result = libssh2_sftp_rename_ex(
            sftp, source, UInt32(source.utf8.count), target, UInt32(target.utf8.count), Int(flags))
        guard result == LIBSSH2_ERROR_SFTP_PROTOCOL, replacing else {
            try check(result, "rename", path: "\(source) -> \(target)")
            return
        }
        let status = libssh2_sftp_last_error(sftp)
        guard status == SFTPStatus.failure || status == SFTPStatus.fileAlreadyExists,
            try stat(target) != nil
        else {
            throw failure(result, "rename", path: "\(source) -> \(target)")
        }
        try remove(target)
        try check(
            libssh2_sftp_rename_ex(sftp, source, UInt32(source.utf8.count), target, UInt32(target.utf8.count), 0),
            "rename", path: "\(source) -> \(target)")
    }

    /// Removes a remote file.
    ///
    /// - Throws: ``SFTPError`` (`remote` with no such file when it is missing).
    public func remove(_ remotePath: String) throws(SFTPError) {
        let path = resolve(remotePath)
        let sftp = try channel("remove")
        try check(libssh2_sftp_unlink_ex(sftp, path, UInt32(path.utf8.count)), "remove", path: path)
    }

    /// Creates a remote directory (not its parents).
    ///
    /// - Parameters:
    ///   - remotePath: The directory to create.
    ///   - mode: Permission bits, 0750 by default (the server applies its umask).
    /// - Throws: ``SFTPError`` (`remote` with failure when it exists, on OpenSSH).
    public func makeDirectory(_ remotePath: String, mode: Int = 0o750) throws(SFTPError) {
        let path = resolve(remotePath)
        let sftp = try channel("mkdir")
        try check(libssh2_sftp_mkdir_ex(sftp, path, UInt32(path.utf8.count), mode), "mkdir", path: path)
    }

    /// Opens a remote file or directory handle.
    func openHandle(_ path: String, flags: Int32, mode: Int, type: Int32, _ operation: String)
        throws(SFTPError) -> OpaquePointer
    {
        let sftp = try channel(operation)
        guard let handle = libssh2_sftp_open_ex(sftp, path, UInt32(path.utf8.count), UInt(flags), mode, type) else {
            throw failure(libssh2_session_last_errno(session), operation, path: path)
        }
        return handle
    }
}

internal import CLibSSH2
import Transport

extension RemoteEntry {
    /// An entry from SFTP attributes (draft-ietf-secsh-filexfer-02 §5); absent fields become `nil`.
    init(name: String, attributes: LIBSSH2_SFTP_ATTRIBUTES) {
        let flags = attributes.flags
        let hasPermissions = flags & UInt(LIBSSH2_SFTP_ATTR_PERMISSIONS) != 0
        let type = attributes.permissions & UInt(LIBSSH2_SFTP_S_IFMT)
        self.init(
            name: name,
            size: flags & UInt(LIBSSH2_SFTP_ATTR_SIZE) != 0 ? Int64(clamping: attributes.filesize) : nil,
            modified: flags & UInt(LIBSSH2_SFTP_ATTR_ACMODTIME) != 0 ? Int64(clamping: attributes.mtime) : nil,
            isRegularFile: hasPermissions && type == UInt(LIBSSH2_SFTP_S_IFREG),
            isDirectory: hasPermissions && type == UInt(LIBSSH2_SFTP_S_IFDIR),
            kind: hasPermissions ? EntryKind(mode: UInt32(truncatingIfNeeded: type)) : .other)
    }
}

internal import CLibSSH2

/// Names and retry classes of SFTP status codes (`SSH_FX_*`, draft-ietf-secsh-filexfer-13 §9.1).
enum SFTPStatus {
    static let failure = LIBSSH2_FX_FAILURE
    static let fileAlreadyExists = LIBSSH2_FX_FILE_ALREADY_EXISTS

    private static let names: [UInt: String] = [
        0: "ok", 1: "end of file", 2: "no such file", 3: "permission denied", 4: "failure", 5: "bad message",
        6: "no connection", 7: "connection lost", 8: "operation unsupported", 9: "invalid handle",
        10: "no such path", 11: "file already exists", 12: "write protected", 13: "no media",
        14: "no space on file system", 15: "quota exceeded", 16: "unknown principal", 17: "lock conflict",
        18: "directory not empty", 19: "not a directory", 20: "invalid file name", 21: "link loop",
    ]

    /// A readable name with the numeric code.
    static func name(_ status: UInt) -> String {
        "\(names[status] ?? "status") (SSH_FX \(status))"
    }

    /// Out of space, over quota or connection trouble: worth retrying.
    static func isTransient(_ status: UInt) -> Bool {
        [
            LIBSSH2_FX_NO_CONNECTION, LIBSSH2_FX_CONNECTION_LOST, LIBSSH2_FX_NO_SPACE_ON_FILESYSTEM,
            LIBSSH2_FX_QUOTA_EXCEEDED, LIBSSH2_FX_LOCK_CONFLICT,
        ].contains(status)
    }
}

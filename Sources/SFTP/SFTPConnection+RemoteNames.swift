extension SFTPConnection {
    /// Whether a file name from a remote listing is safe to use as one local path component.
    ///
    /// Remote names are untrusted. Refused: empty names, `.` and `..`, names longer than 255 UTF-8 bytes, names
    /// with `/` or `\`, control characters (C0, DEL, C1), or U+FFFD (bytes that were not valid UTF-8, so the name
    /// could not be sent back to the server as it is).
    ///
    /// - Parameter name: A name from ``list(_:)``.
    /// - Returns: `true` when the name can be joined to a local directory without leaving it.
    public static func isSafeRemoteName(_ name: String) -> Bool {
        guard !name.isEmpty, name != ".", name != "..", name.utf8.count <= 255 else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x00...0x1f, 0x7f...0x9f, 0x2f, 0x5c, 0xfffd: false
            default: true
            }
        }
    }
}

/// How processed files are archived (`archive:` in dropgate.yaml).
public struct ArchiveConfig: Sendable, Equatable {
    /// Whether new archived files are encrypted (AES-256-GCM, ``ArchiveFile``) with the key in ``keyFile``.
    public var encrypt: Bool
    /// The current key's file: encrypts new archives (with ``encrypt``) and decrypts the files it encrypted.
    public var keyFile: String?
    /// Keys used before a rotation: they only decrypt the files archived under them.
    public var oldKeyFiles: [String]

    /// Plain archives, or encrypted ones with the keys in the given files.
    public init(encrypt: Bool = false, keyFile: String? = nil, oldKeyFiles: [String] = []) {
        self.encrypt = encrypt
        self.keyFile = keyFile
        self.oldKeyFiles = oldKeyFiles
    }
}

/// How an ``SFTPConnection`` authenticates.
///
/// Secrets never appear in descriptions, reflection or errors: `description` and `dump` show the kind and the key
/// path only.
public enum SFTPCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A private key file in OpenSSH or PEM format. Use ed25519 or ECDSA keys: libssh2 1.10 signs with RSA only
    /// through `ssh-rsa` (SHA-1), which OpenSSH 8.8 and later refuse.
    case privateKey(path: String, passphrase: String?)
    /// A password (`password` authentication method).
    case password(String)

    /// The kind of credential and the key path, without secrets.
    public var description: String {
        switch self {
        case .privateKey(let path, let passphrase):
            "private key \(path)\(passphrase == nil ? "" : " (with passphrase)")"
        case .password: "password"
        }
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// A mirror without secrets.
    public var customMirror: Mirror { Mirror(self, children: ["credentials": description]) }
}

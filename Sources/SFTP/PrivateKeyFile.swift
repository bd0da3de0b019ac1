import Transport

/// Looks inside a private key file, to name the cause when authentication with it fails.
enum PrivateKeyFile {
    /// Whether the key at `path` is an RSA key (PEM `BEGIN RSA PRIVATE KEY`, or an OpenSSH-format key whose
    /// public part is `ssh-rsa`). libssh2 1.10 can sign with RSA keys only through SHA-1 `ssh-rsa`.
    static func isRSA(_ path: String) -> Bool {
        guard let text = contents(path) else { return false }
        if text.contains("BEGIN RSA PRIVATE KEY") { return true }
        let header = "-----BEGIN OPENSSH PRIVATE KEY-----"
        guard let start = text.firstRange(of: header),
            let end = text.firstRange(of: "-----END OPENSSH PRIVATE KEY-----")
        else { return false }
        guard let decoded = Base64.decode(text[start.upperBound..<end.lowerBound].utf8) else { return false }
        // The public key section is not encrypted and names the key type near the start of the blob.
        return decoded.prefix(200).firstRange(of: Array("ssh-rsa".utf8)) != nil
    }

    private static func contents(_ path: String) -> String? {
        guard let descriptor = try? FileSystem.openForReading(path) else { return nil }
        defer { FileSystem.close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 64 * 1024)
        let count = bytes.withUnsafeMutableBytes { buffer in
            (try? FileSystem.read(descriptor, into: buffer, path: path)) ?? 0
        }
        return String(decoding: bytes.prefix(count), as: UTF8.self)
    }
}

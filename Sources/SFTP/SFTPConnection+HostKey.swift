internal import CLibSSH2
import Logging

extension SFTPConnection {
    /// The server's host key as OpenSSH prints it: `SHA256:` and the unpadded base64 of its SHA-256 digest.
    func hostKeyFingerprint() throws(SFTPError) -> String {
        guard let digest = libssh2_hostkey_hash(session, LIBSSH2_HOSTKEY_HASH_SHA256) else {
            throw failure(libssh2_session_last_errno(session), "host key")
        }
        return "SHA256:" + Base64.encodeUnpadded(UnsafeRawBufferPointer(start: digest, count: 32))
    }

    /// Checks the host key against the endpoint's policy. Runs before authentication.
    func verifyHostKey() throws(SFTPError) {
        let seen = try hostKeyFingerprint()
        switch endpoint.hostKey {
        case .pinnedSHA256(let expected):
            guard Self.normalized(expected) == Self.normalized(seen) else {
                throw SFTPError(
                    .hostKeyMismatch(seen: seen, expected: expected), operation: "host key",
                    endpoint: endpoint.description)
            }
        case .knownHosts(let path):
            try checkKnownHosts(path, seen: seen)
        case .insecureAcceptAny:
            logger.warning(
                "sftp host key NOT verified (insecureAcceptAny, for tests only)",
                metadata: ["sftp.endpoint": "\(endpoint)", "sftp.host_key": "\(seen)"])
        }
    }

    private func checkKnownHosts(_ path: String, seen: String) throws(SFTPError) {
        var length = 0
        var type: Int32 = 0
        guard let key = libssh2_session_hostkey(session, &length, &type) else {
            throw failure(libssh2_session_last_errno(session), "host key")
        }
        guard let hosts = libssh2_knownhost_init(session) else {
            throw failure(libssh2_session_last_errno(session), "known_hosts")
        }
        defer { libssh2_knownhost_free(hosts) }
        let read = libssh2_knownhost_readfile(hosts, path, LIBSSH2_KNOWNHOST_FILE_OPENSSH)
        if read < 0 { throw failure(read, "read known_hosts \(path)") }
        let typeMask = LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW | Self.knownHostKeyType(type)
        var entry: UnsafeMutablePointer<libssh2_knownhost>?
        let result = libssh2_knownhost_checkp(hosts, endpoint.host, Int32(endpoint.port), key, length, typeMask, &entry)
        switch result {
        case LIBSSH2_KNOWNHOST_CHECK_MATCH:
            return
        case LIBSSH2_KNOWNHOST_CHECK_MISMATCH:
            let expected = "the key recorded for \(endpoint.host) in \(path)"
            throw SFTPError(
                .hostKeyMismatch(seen: seen, expected: expected), operation: "host key", endpoint: endpoint.description)
        case LIBSSH2_KNOWNHOST_CHECK_NOTFOUND:
            throw SFTPError(
                .hostKeyUnknown(seen: seen), operation: "host key", endpoint: endpoint.description, detail: path)
        default:
            throw failure(libssh2_session_last_errno(session), "check known_hosts \(path)")
        }
    }

    /// `SHA256:abc=` and `abc` compare equal.
    private static func normalized(_ fingerprint: String) -> Substring {
        var text = Substring(fingerprint)
        if text.hasPrefix("SHA256:") { text = text.dropFirst("SHA256:".count) }
        while text.hasSuffix("=") { text = text.dropLast() }
        return text
    }

    /// Maps `LIBSSH2_HOSTKEY_TYPE_*` to `LIBSSH2_KNOWNHOST_KEY_*`, so only entries of the same key type compare.
    private static func knownHostKeyType(_ type: Int32) -> Int32 {
        switch type {
        case LIBSSH2_HOSTKEY_TYPE_RSA: LIBSSH2_KNOWNHOST_KEY_SSHRSA
        case LIBSSH2_HOSTKEY_TYPE_DSS: LIBSSH2_KNOWNHOST_KEY_SSHDSS
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_256: LIBSSH2_KNOWNHOST_KEY_ECDSA_256
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_384: LIBSSH2_KNOWNHOST_KEY_ECDSA_384
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_521: LIBSSH2_KNOWNHOST_KEY_ECDSA_521
        case LIBSSH2_HOSTKEY_TYPE_ED25519: LIBSSH2_KNOWNHOST_KEY_ED25519
        default: LIBSSH2_KNOWNHOST_KEY_UNKNOWN
        }
    }
}

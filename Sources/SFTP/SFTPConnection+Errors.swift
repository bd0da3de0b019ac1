internal import CLibSSH2

extension SFTPConnection {
    /// Throws the ``SFTPError`` for a negative libssh2 result; returns non-negative results unchanged.
    @discardableResult
    func check<Result: BinaryInteger>(_ result: Result, _ operation: String, path: String? = nil)
        throws(SFTPError) -> Result
    {
        guard result < 0 else { return result }
        throw failure(Int32(clamping: result), operation, path: path)
    }

    /// The one place a libssh2 error code becomes an ``SFTPError``.
    ///
    /// Reads libssh2's last message for the session and, for SFTP status errors, the channel's last `SSH_FX_*`
    /// status. Marks the connection broken on drops and time-outs so ``close()`` does not wait on a dead peer.
    /// libssh2's messages name what failed, never the password or passphrase.
    func failure(_ code: Int32, _ operation: String, path: String? = nil) -> SFTPError {
        var message: UnsafeMutablePointer<CChar>?
        var length: Int32 = 0
        libssh2_session_last_error(session, &message, &length, 0)
        let text = message.map { String(cString: $0) }
        let kind: SFTPError.Code
        var detail = text
        switch code {
        case LIBSSH2_ERROR_SFTP_PROTOCOL:
            kind = .remote(status: sftp.map { libssh2_sftp_last_error($0) } ?? 0, path: path ?? "")
            detail = nil
        case LIBSSH2_ERROR_SOCKET_DISCONNECT, LIBSSH2_ERROR_SOCKET_SEND, LIBSSH2_ERROR_SOCKET_RECV,
            LIBSSH2_ERROR_BANNER_RECV, LIBSSH2_ERROR_BANNER_SEND, LIBSSH2_ERROR_CHANNEL_CLOSED,
            LIBSSH2_ERROR_CHANNEL_EOF_SENT, LIBSSH2_ERROR_BAD_SOCKET:
            kind = .disconnected
            isBroken = true
        case LIBSSH2_ERROR_TIMEOUT, LIBSSH2_ERROR_SOCKET_TIMEOUT:
            kind = isConnecting ? .connectTimedOut : .timedOut
            isBroken = true
        case LIBSSH2_ERROR_AUTHENTICATION_FAILED, LIBSSH2_ERROR_PUBLICKEY_UNVERIFIED, LIBSSH2_ERROR_FILE,
            LIBSSH2_ERROR_KEYFILE_AUTH_FAILED, LIBSSH2_ERROR_PASSWORD_EXPIRED:
            if case .privateKey(let keyPath, _) = endpoint.credentials, PrivateKeyFile.isRSA(keyPath) {
                kind = .unsupportedKeyType(
                    "\(keyPath) is an RSA key; libssh2 1.10 signs only with ssh-rsa (SHA-1), which OpenSSH 8.8 and "
                        + "later refuse: use an ed25519 or ECDSA key")
            } else {
                kind = .authenticationFailed
            }
        case LIBSSH2_ERROR_KEX_FAILURE, LIBSSH2_ERROR_KEY_EXCHANGE_FAILURE, LIBSSH2_ERROR_METHOD_NONE,
            LIBSSH2_ERROR_HOSTKEY_INIT:
            kind = .protocol
            detail =
                (text.map { $0 + "; " } ?? "")
                + "no common algorithm: libssh2 1.10 cannot use rsa-sha2 host keys, so the server must offer an "
                + "ed25519 or ECDSA host key"
        default:
            kind = .protocol
        }
        return SFTPError(kind, operation: operation, endpoint: endpoint.description, detail: detail)
    }
}

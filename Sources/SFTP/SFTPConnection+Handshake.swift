internal import CLibSSH2
import Logging

extension SFTPConnection {
    /// SSH handshake, host key check, authentication and SFTP start, in that order.
    func open() throws(SFTPError) {
        libssh2_session_set_blocking(session, 1)
        libssh2_session_set_timeout(session, endpoint.connectTimeout * 1000)
        try check(libssh2_session_method_pref(session, LIBSSH2_METHOD_HOSTKEY, LibSSH2.hostKeyPreference), "prefs")
        try check(libssh2_session_handshake(session, socket), "handshake")
        try verifyHostKey()
        try authenticate()
        guard let channel = libssh2_sftp_init(session) else {
            throw failure(libssh2_session_last_errno(session), "sftp start")
        }
        sftp = channel
        isConnecting = false
        libssh2_session_set_timeout(session, endpoint.operationTimeout * 1000)
        logger.debug("sftp connected", metadata: ["sftp.endpoint": "\(endpoint)"])
    }

    private func authenticate() throws(SFTPError) {
        let user = endpoint.user
        let length = UInt32(user.utf8.count)
        switch endpoint.credentials {
        case .privateKey(let path, let passphrase):
            try check(
                libssh2_userauth_publickey_fromfile_ex(session, user, length, nil, path, passphrase),
                "authenticate (public key)")
        case .password(let password):
            try check(
                libssh2_userauth_password_ex(session, user, length, password, UInt32(password.utf8.count), nil),
                "authenticate (password)")
        }
        guard libssh2_userauth_authenticated(session) != 0 else {
            throw SFTPError(.authenticationFailed, operation: "authenticate", endpoint: endpoint.description)
        }
    }
}

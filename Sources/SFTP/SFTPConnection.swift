internal import CLibSSH2
public import Logging
import Transport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One authenticated SFTP session over SSH (libssh2), for listing, downloading and uploading files.
///
/// Every call blocks until the server answers (at most the endpoint's operation timeout), so use a connection from
/// a dedicated thread, not from a task on Swift concurrency's cooperative pool. The class is deliberately not
/// `Sendable`: libssh2 sessions must not be used from two threads at once, and a connection confined to one thread
/// needs no lock. Hand it to that thread once (it can be sent while nothing else refers to it) and keep it there.
///
/// Relative remote paths are resolved against ``SFTPEndpoint/remoteDirectory``. Call ``close()`` when done;
/// `deinit` closes a connection that is still open.
public final class SFTPConnection {
    /// The endpoint this connection was opened to.
    public let endpoint: SFTPEndpoint
    let logger: Logger
    let socket: Int32
    let session: OpaquePointer
    var sftp: OpaquePointer?
    /// True until authentication is done: time-outs then count as connect time-outs.
    var isConnecting = true
    /// Set once the connection dropped or timed out: closing then skips the polite goodbye.
    var isBroken = false
    private var isClosed = false

    /// Bytes asked of libssh2 per read or write. libssh2 1.10 keeps up to four times this in flight as 30 000-byte
    /// SFTP requests, so a large value fills the pipe.
    static let chunkSize = 1024 * 1024

    private init(endpoint: SFTPEndpoint, logger: Logger, socket: Int32, session: OpaquePointer) {
        self.endpoint = endpoint
        self.logger = logger
        self.socket = socket
        self.session = session
    }

    deinit {
        close()
    }

    /// Connects, checks the host key, authenticates and starts the SFTP subsystem.
    ///
    /// The host key is checked before any credential is sent. With ``SFTPEndpoint/HostKeyPolicy/insecureAcceptAny``
    /// a warning is logged on every connect.
    ///
    /// - Parameters:
    ///   - endpoint: Where to connect and how to trust and log in.
    ///   - logger: Receives the connect, warning and close messages (metadata `sftp.endpoint`).
    /// - Throws: ``SFTPError``: `connectRefused`, `connectTimedOut`, `connectFailed`, `hostKeyMismatch`,
    ///   `hostKeyUnknown`, `authenticationFailed`, `unsupportedKeyType`, `disconnected` or `protocol`.
    public static func connect(_ endpoint: SFTPEndpoint, logger: Logger) throws(SFTPError) -> SFTPConnection {
        guard LibSSH2.initialization == 0 else {
            throw SFTPError(.protocol, operation: "libssh2_init", endpoint: endpoint.description)
        }
        let socket = try TCPConnector.connect(
            host: endpoint.host, port: endpoint.port, timeoutSeconds: endpoint.connectTimeout,
            endpoint: endpoint.description)
        guard let session = libssh2_session_init_ex(nil, nil, nil, nil) else {
            Glibc.close(socket)
            throw SFTPError(.protocol, operation: "libssh2_session_init", endpoint: endpoint.description)
        }
        let connection = SFTPConnection(endpoint: endpoint, logger: logger, socket: socket, session: session)
        try connection.open()
        return connection
    }

    /// Closes the SFTP channel, says goodbye to the server and closes the socket. Safe to call twice.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        // After a drop or time-out nothing more can be said to the server: do not wait for it.
        if isBroken { libssh2_session_set_blocking(session, 0) }
        if let sftp { libssh2_sftp_shutdown(sftp) }
        if !isBroken {
            libssh2_session_disconnect_ex(session, LibSSH2.disconnectByApplication, LibSSH2.goodbye, "")
        }
        sftp = nil
        libssh2_session_free(session)
        Glibc.close(socket)
        logger.debug("sftp closed", metadata: ["sftp.endpoint": "\(endpoint)"])
    }

    /// An absolute path, or one relative to ``SFTPEndpoint/remoteDirectory``.
    func resolve(_ path: String) -> String {
        let base = endpoint.remoteDirectory
        if path.hasPrefix("/") || base.isEmpty { return path }
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }

    /// The open SFTP channel; fails once the connection is closed.
    func channel(_ operation: String) throws(SFTPError) -> OpaquePointer {
        guard let sftp, !isClosed else {
            throw SFTPError(.disconnected, operation: operation, endpoint: endpoint.description, detail: "closed")
        }
        return sftp
    }
}

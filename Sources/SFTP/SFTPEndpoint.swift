/// Where an SFTP server is and how to trust it and log in to it.
///
/// A plain `Sendable` value, built from configuration once and handed to ``SFTPConnection/connect(_:logger:)``.
/// Relative remote paths given to an ``SFTPConnection`` are resolved against ``remoteDirectory``.
public struct SFTPEndpoint: Sendable, CustomStringConvertible {
    /// Host name or IP address.
    public var host: String
    /// TCP port.
    public var port: Int
    /// Login name.
    public var user: String
    /// The directory relative remote paths are resolved against; empty means the server's login directory.
    public var remoteDirectory: String
    /// How the server's host key is checked, before any credential is sent.
    public var hostKey: HostKeyPolicy
    /// How the client authenticates.
    public var credentials: SFTPCredentials
    /// Seconds allowed for the TCP connect, the SSH handshake and authentication.
    public var connectTimeout: Int
    /// Seconds any later blocking call may wait for the server before failing with ``SFTPError/Code/timedOut``.
    public var operationTimeout: Int

    /// Creates an endpoint.
    ///
    /// - Parameters:
    ///   - host: Host name or IP address.
    ///   - port: TCP port (22 by default).
    ///   - user: Login name.
    ///   - remoteDirectory: Base for relative remote paths; empty for the login directory.
    ///   - hostKey: How the host key is checked.
    ///   - credentials: How the client authenticates.
    ///   - connectTimeout: Seconds for connect, handshake and authentication.
    ///   - operationTimeout: Seconds any later call may wait for the server.
    public init(
        host: String, port: Int = 22, user: String, remoteDirectory: String = "", hostKey: HostKeyPolicy,
        credentials: SFTPCredentials, connectTimeout: Int = 15, operationTimeout: Int = 60
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.remoteDirectory = remoteDirectory
        self.hostKey = hostKey
        self.credentials = credentials
        self.connectTimeout = connectTimeout
        self.operationTimeout = operationTimeout
    }

    /// `user@host:port`, for messages; never includes credentials.
    public var description: String { "\(user)@\(host):\(port)" }
}

extension SFTPEndpoint {
    /// How the server's host key is verified.
    ///
    /// The check runs after the key exchange and before authentication, so no credential reaches a server that
    /// fails it. The client prefers ed25519, then ECDSA host keys, so pin the fingerprint of the server's ed25519
    /// key when it has one. Servers with only an RSA host key cannot be reached with libssh2 1.10 (it lacks
    /// `rsa-sha2-256/512`).
    public enum HostKeyPolicy: Sendable, Equatable {
        /// The SHA-256 fingerprint as OpenSSH prints it (`ssh-keygen -lf`): `SHA256:` and unpadded base64.
        case pinnedSHA256(String)
        /// An OpenSSH `known_hosts` file (plain or hashed entries; `[host]:port` for ports other than 22).
        case knownHosts(path: String)
        /// Accepts any host key and logs a warning on every connect. For tests only.
        case insecureAcceptAny
    }
}

public import Transport

/// A failed SFTP operation: what failed (``Code``), during which operation, against which endpoint.
///
/// Every libssh2 return code becomes an `SFTPError` in one place (`SFTPError+LibSSH2.swift`). Descriptions name
/// the endpoint (`user@host:port`), the operation and the remote path, never a password or passphrase.
public struct SFTPError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable {
        /// Nothing listens on the port (server down or restarting).
        case connectRefused
        /// The TCP connect, handshake or authentication took longer than the endpoint's connect timeout.
        case connectTimedOut
        /// The host could not be resolved or reached; the reason is in ``SFTPError/detail``.
        case connectFailed
        /// The server's host key differs from the expected one. Both are named in the description.
        case hostKeyMismatch(seen: String, expected: String)
        /// The `known_hosts` file has no entry for this host and port.
        case hostKeyUnknown(seen: String)
        /// The server refused the credentials.
        case authenticationFailed
        /// A key type this libssh2 (1.10) cannot use against the server, such as an RSA user or host key.
        case unsupportedKeyType(String)
        /// The server answered with an SFTP status code (`SSH_FX_*`, draft-ietf-secsh-filexfer-02 §7) for a path.
        case remote(status: UInt, path: String)
        /// A download ended with a byte count different from the size the server reported.
        case truncated(expected: Int64, received: Int64)
        /// The connection closed (server stopped, network dropped).
        case disconnected
        /// The server did not answer within the endpoint's operation timeout.
        case timedOut
        /// A local file operation failed.
        case local(FileSystemError)
        /// An SSH or SFTP protocol failure libssh2 reported; the reason is in ``SFTPError/detail``.
        case `protocol`
    }

    /// What went wrong.
    public var code: Code
    /// The operation that failed (`connect`, `handshake`, `open`, `read`, `rename`, …).
    public var operation: String
    /// `user@host:port`.
    public var endpoint: String
    /// libssh2's own message or a hint naming the cause, when there is one.
    public var detail: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - operation: The operation that failed.
    ///   - endpoint: `user@host:port`.
    ///   - detail: Extra explanation; must not contain secrets.
    public init(_ code: Code, operation: String, endpoint: String, detail: String? = nil) {
        self.code = code
        self.operation = operation
        self.endpoint = endpoint
        self.detail = detail
    }

    /// Whether retrying later may succeed.
    ///
    /// True for refused or timed-out connects, unreachable hosts, dropped connections, time-outs, short downloads,
    /// a full remote disk or quota, and transient local file errors. False for host key and authentication
    /// problems, unsupported keys, protocol errors and other remote statuses (missing file, permission denied).
    public var isTransient: Bool {
        switch code {
        case .connectRefused, .connectTimedOut, .connectFailed, .disconnected, .timedOut, .truncated:
            true
        case .remote(let status, _):
            SFTPStatus.isTransient(status)
        case .local(let error):
            error.isTransient
        case .hostKeyMismatch, .hostKeyUnknown, .authenticationFailed, .unsupportedKeyType, .protocol:
            false
        }
    }

    /// `sftp user@host:port: operation: cause (detail)`.
    public var description: String {
        var text = "sftp \(endpoint): \(operation): \(summary)"
        if let detail, !detail.isEmpty { text += " (\(detail))" }
        return text
    }

    private var summary: String {
        switch code {
        case .connectRefused: "connection refused"
        case .connectTimedOut: "timed out while connecting"
        case .connectFailed: "cannot reach the host"
        case .hostKeyMismatch(let seen, let expected):
            "host key mismatch: the server presented \(seen), expected \(expected)"
        case .hostKeyUnknown(let seen): "unknown host key \(seen): not in the known_hosts file"
        case .authenticationFailed: "authentication failed"
        case .unsupportedKeyType(let reason): "unsupported key type: \(reason)"
        case .remote(let status, let path): "\(path): \(SFTPStatus.name(status))"
        case .truncated(let expected, let received): "received \(received) bytes, the server reported \(expected)"
        case .disconnected: "the connection was closed"
        case .timedOut: "the server did not answer in time"
        case .local(let error): error.description
        case .protocol: "SSH protocol error"
        }
    }
}

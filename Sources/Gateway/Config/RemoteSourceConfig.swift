import Mapping

/// Where an SFTP source's files are and how to take them (DESIGN §8, issue: SFTP sources).
public struct RemoteSourceConfig: Sendable, Equatable {
    /// What happens to a remote file once its bytes are staged and its job exists.
    public enum AfterFetch: Sendable, Equatable {
        /// Move it into this remote folder (relative to the source directory), e.g. `processed`.
        case move(to: String)
        /// Delete it.
        case delete
        /// Leave it; the (source, sha256) ledger stops a second load.
        case leave
    }

    /// How the server's host key is verified; there is no accept-any default.
    public enum HostKey: Sendable, Equatable {
        /// A pinned `SHA256:…` fingerprint, as `ssh-keygen -lf` prints it.
        case fingerprint(String)
        /// An OpenSSH known_hosts file.
        case knownHosts(path: String)
        /// Accept any key: for tests, which set it in code; no configuration key selects it (warns on every
        /// connect).
        case insecureAcceptAny
    }

    /// How the gateway authenticates; secrets come from the environment or a file, never from the YAML.
    public enum Credentials: Sendable, Equatable {
        /// A private key file, with an optional passphrase read from an environment variable.
        case privateKey(path: String, passphraseEnvironment: String?)
        /// A password read from an environment variable or a file.
        case password(environment: String?, file: String?)
    }

    /// Server host name or address.
    public var host: String
    /// Server port.
    public var port: Int
    /// Login name.
    public var user: String
    /// Remote folder polled.
    public var directory: String
    /// Globs a name must match (any); empty takes every name.
    public var files: [Glob]
    /// Seconds between polls of this source.
    public var pollInterval: Double
    /// With a marker suffix (`done`), a file is taken only when `name.done` exists (and is then removed too).
    public var marker: String?
    /// What happens to a fetched file.
    public var afterFetch: AfterFetch
    /// Host key verification.
    public var hostKey: HostKey
    /// Authentication.
    public var credentials: Credentials
    /// Consecutive failures after which the source's circuit opens (polled at the backoff cap).
    public var circuitAfter: Int

    /// Creates a remote source configuration.
    public init(
        host: String, port: Int = 22, user: String, directory: String, files: [Glob] = [], pollInterval: Double = 60,
        marker: String? = nil, afterFetch: AfterFetch = .move(to: "processed"), hostKey: HostKey,
        credentials: Credentials, circuitAfter: Int = 5
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.directory = directory
        self.files = files
        self.pollInterval = pollInterval
        self.marker = marker
        self.afterFetch = afterFetch
        self.hostKey = hostKey
        self.credentials = credentials
        self.circuitAfter = circuitAfter
    }
}

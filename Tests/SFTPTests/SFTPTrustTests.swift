import Foundation
import InMemoryLogging
import Logging
import SFTP
import TestThreads
import Testing

@Suite(.serialized, .blocking)
struct SFTPTrustTests {
    let server: SSHServer
    let log = TestLogger()

    init() throws {
        server = try SSHServer()
    }

    private func connectError(_ endpoint: SFTPEndpoint) -> SFTPError? {
        #expect(throws: SFTPError.self) { try SFTPConnection.connect(endpoint, logger: log.logger) }
    }

    @Test func pinnedFingerprintConnects() throws {
        let connection = try SFTPConnection.connect(server.endpoint(), logger: log.logger)
        connection.close()
        #expect(log.handler.entries.allSatisfy { $0.level < .warning })
    }

    @Test func wrongFingerprintIsAMismatchNamingBoth() throws {
        let other = try SSHServer.fingerprint(server.strangerKey + ".pub")
        let error = connectError(server.endpoint(hostKey: .pinnedSHA256(other)))
        guard case .hostKeyMismatch(let seen, let expected)? = error?.code else {
            Issue.record("expected hostKeyMismatch, got \(String(describing: error))")
            return
        }
        #expect(seen == server.hostFingerprint && expected == other)
        #expect(error?.description.contains(server.hostFingerprint) == true)
        #expect(error?.description.contains(other) == true)
        #expect(error?.isTransient == false)
        #expect(!server.log.contains("Accepted publickey"), "credentials must not be sent to an untrusted host")
    }

    @Test func knownHostsWithTheHostConnects() throws {
        let path = server.root + "/known_hosts"
        try "[127.0.0.1]:\(server.port) \(server.hostPublicKey)\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let connection = try SFTPConnection.connect(
            server.endpoint(hostKey: .knownHosts(path: path)), logger: log.logger)
        connection.close()
    }

    @Test func knownHostsWithoutTheHostIsUnknown() throws {
        let path = server.root + "/known_hosts"
        try "[10.9.9.9]:\(server.port) \(server.hostPublicKey)\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = connectError(server.endpoint(hostKey: .knownHosts(path: path)))
        guard case .hostKeyUnknown(let seen)? = error?.code else {
            Issue.record("expected hostKeyUnknown, got \(String(describing: error))")
            return
        }
        #expect(seen == server.hostFingerprint)
        #expect(error?.isTransient == false)
    }

    @Test func knownHostsWithAnotherKeyIsAMismatch() throws {
        let path = server.root + "/known_hosts"
        let stranger = try String(contentsOfFile: server.strangerKey + ".pub", encoding: .utf8)
        try "[127.0.0.1]:\(server.port) \(stranger)".write(toFile: path, atomically: true, encoding: .utf8)
        let error = connectError(server.endpoint(hostKey: .knownHosts(path: path)))
        guard case .hostKeyMismatch(let seen, _)? = error?.code else {
            Issue.record("expected hostKeyMismatch, got \(String(describing: error))")
            return
        }
        #expect(seen == server.hostFingerprint)
    }

    @Test func insecureAcceptAnyWarnsOnEveryConnect() throws {
        for _ in 0..<2 {
            try SFTPConnection.connect(server.endpoint(hostKey: .insecureAcceptAny), logger: log.logger).close()
        }
        #expect(log.handler.entries.filter { $0.level == .warning }.count == 2)
    }

    @Test func unauthorizedKeyFailsAuthenticationPermanently() throws {
        let error = connectError(server.endpoint(credentials: .privateKey(path: server.strangerKey, passphrase: nil)))
        guard case .authenticationFailed? = error?.code else {
            Issue.record("expected authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(error?.isTransient == false)
    }

    @Test func passphraseKeyWorksWithTheRightPassphrase() throws {
        let endpoint = server.endpoint(
            credentials: .privateKey(path: server.passphraseKey, passphrase: server.passphrase))
        try SFTPConnection.connect(endpoint, logger: log.logger).close()
    }

    @Test func wrongPassphraseFailsWithoutShowingIt() throws {
        let secret = "not-the-passphrase-42"
        let credentials = SFTPCredentials.privateKey(path: server.passphraseKey, passphrase: secret)
        let error = connectError(server.endpoint(credentials: credentials))
        guard case .authenticationFailed? = error?.code else {
            Issue.record("expected authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains(secret) == false)
        #expect(!"\(credentials)".contains(secret))
        var dumped = ""
        dump(credentials, to: &dumped)
        #expect(!dumped.contains(secret))
    }

    /// An unprivileged test cannot give the login user a password sshd can check (no PAM, no shadow entry to
    /// set), and sshd refuses root passwords: only the failure path of password authentication is tested.
    @Test func wrongPasswordFailsWithoutShowingIt() throws {
        let secret = "hunter2-but-longer"
        let error = connectError(server.endpoint(credentials: .password(secret)))
        guard case .authenticationFailed? = error?.code else {
            Issue.record("expected authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(error?.isTransient == false)
        #expect(error?.description.contains(secret) == false)
    }

    @Test func rsaUserKeyIsNamedAsUnsupported() throws {
        let key = server.root + "/rsa_key"
        _ = try Shell.run("/usr/bin/ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", key)
        let authorized = try String(contentsOfFile: key + ".pub", encoding: .utf8)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: server.root + "/authorized_keys"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(authorized.utf8))
        try handle.close()
        let error = connectError(server.endpoint(credentials: .privateKey(path: key, passphrase: nil)))
        guard case .unsupportedKeyType? = error?.code else {
            Issue.record("expected unsupportedKeyType, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("ed25519") == true)
    }
}

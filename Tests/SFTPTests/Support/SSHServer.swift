import Foundation
import LoopbackSupport
import SFTP

/// A private OpenSSH server on 127.0.0.1 for tests: its own temporary folder, config, ed25519 keys and log.
///
/// The server runs `sshd -D` with `Subsystem sftp internal-sftp` as the current user. It never reads or changes the
/// system's ssh configuration; as root it needs the empty privilege separation directory `/run/sshd`, which it
/// creates when missing (the openssh-server package's service normally does). Stopping sends SIGTERM to sshd and
/// its session processes, by pid.
final class SSHServer {
    /// The temporary folder holding everything; removed on deinit.
    let root: String
    /// A folder tests put remote files in (absolute; no chroot as a non-root user).
    let data: String
    /// The port, chosen free at creation and kept across restarts.
    let port: Int
    /// Authorized ed25519 user key, no passphrase.
    let userKey: String
    /// Authorized ed25519 user key protected by ``passphrase``.
    let passphraseKey: String
    /// The passphrase of ``passphraseKey``.
    let passphrase = "correct horse battery staple"
    /// An ed25519 key that is not authorized.
    let strangerKey: String
    /// The host key's public half, one line (`ssh-ed25519 AAAA... comment`).
    let hostPublicKey: String
    /// The host key's fingerprint as `ssh-keygen -lf` prints it (`SHA256:...`).
    let hostFingerprint: String
    private var pid: pid_t?

    /// Creates keys and config and starts the server.
    ///
    /// - Parameter hostKeyType: `ed25519` (default) or `rsa`, to test a server libssh2 1.10 cannot reach.
    init(hostKeyType: String = "ed25519") throws {
        let sshd = "/usr/sbin/sshd"
        guard FileManager.default.isExecutableFile(atPath: sshd) else {
            throw TestFailure("\(sshd) not found: install openssh-server (scripts/setup does)")
        }
        root = try Shell.run("/usr/bin/mktemp", "-d", "/tmp/dropgate-sshd.XXXXXX").trimmingCharacters(
            in: .whitespacesAndNewlines)
        data = root + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        port = try FreePort.pick()
        let hostKey = root + "/host_key"
        try Self.keygen(hostKey, type: hostKeyType)
        userKey = root + "/user_key"
        try Self.keygen(userKey)
        passphraseKey = root + "/passphrase_key"
        try Self.keygen(passphraseKey, passphrase: passphrase)
        strangerKey = root + "/stranger_key"
        try Self.keygen(strangerKey)
        hostPublicKey = try String(contentsOfFile: hostKey + ".pub", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        hostFingerprint = try Self.fingerprint(hostKey + ".pub")
        let authorized = try [userKey, passphraseKey].map { key in
            try String(contentsOfFile: key + ".pub", encoding: .utf8)
        }
        try authorized.joined().write(toFile: root + "/authorized_keys", atomically: true, encoding: .utf8)
        try config(hostKey: hostKey).write(toFile: root + "/sshd_config", atomically: true, encoding: .utf8)
        if getuid() == 0 && !FileManager.default.fileExists(atPath: "/run/sshd") {
            try FileManager.default.createDirectory(
                atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        }
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Starts sshd (again) on ``port`` and waits until it accepts connections.
    func start() throws {
        let pid = try Shell.spawn(["/usr/sbin/sshd", "-D", "-f", root + "/sshd_config", "-E", root + "/sshd.log"])
        self.pid = pid
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if FreePort.accepts(port) { return }
            guard Shell.isRunning(pid) else {
                self.pid = nil
                break
            }
            usleep(10_000)
        }
        throw TestFailure("sshd did not start on port \(port): \(log)")
    }

    /// Stops sshd and every session process it started (SIGTERM by pid), then waits for them.
    func stop() {
        guard let pid else { return }
        let sessions = Self.descendants(of: pid)
        for session in sessions { kill(session, SIGTERM) }
        kill(pid, SIGTERM)
        Shell.wait(pid)
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, sessions.contains(where: { kill($0, 0) == 0 && !Self.isZombie($0) }) {
            usleep(10_000)
        }
        self.pid = nil
    }

    /// The server's log so far.
    var log: String { (try? String(contentsOfFile: root + "/sshd.log", encoding: .utf8)) ?? "" }

    /// An endpoint for the current user on this server, trusting the pinned host key by default.
    func endpoint(
        credentials: SFTPCredentials? = nil, hostKey: SFTPEndpoint.HostKeyPolicy? = nil, remoteDirectory: String = ""
    ) -> SFTPEndpoint {
        SFTPEndpoint(
            host: "127.0.0.1", port: port, user: NSUserName(), remoteDirectory: remoteDirectory,
            hostKey: hostKey ?? .pinnedSHA256(hostFingerprint),
            credentials: credentials ?? .privateKey(path: userKey, passphrase: nil), connectTimeout: 5,
            operationTimeout: 10)
    }

    private func config(hostKey: String) -> String {
        """
        Port \(port)
        ListenAddress 127.0.0.1
        HostKey \(hostKey)
        PidFile \(root)/sshd.pid
        AuthorizedKeysFile \(root)/authorized_keys
        StrictModes no
        UsePAM no
        PasswordAuthentication yes
        KbdInteractiveAuthentication no
        PermitRootLogin prohibit-password
        Subsystem sftp internal-sftp
        LogLevel VERBOSE

        """
    }

    private static func keygen(_ path: String, type: String = "ed25519", passphrase: String = "") throws {
        var arguments = ["/usr/bin/ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "dropgate-test", "-f", path]
        if type == "rsa" { arguments += ["-b", "2048"] }
        _ = try Shell.run(arguments)
    }

    /// `ssh-keygen -lf` prints `256 SHA256:xxxx comment (ED25519)`.
    static func fingerprint(_ publicKey: String) throws -> String {
        let output = try Shell.run("/usr/bin/ssh-keygen", "-lf", publicKey)
        let fields = output.split(separator: " ")
        guard fields.count > 1, fields[1].hasPrefix("SHA256:") else { throw TestFailure("ssh-keygen -lf: \(output)") }
        return String(fields[1])
    }

    private static func isZombie(_ pid: pid_t) -> Bool {
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        guard let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].split(separator: " ").first == "Z"
    }

    /// Every process whose parent chain leads to `pid` (from /proc).
    private static func descendants(of pid: Int32) -> [Int32] {
        var parents: [Int32: Int32] = [:]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let child = Int32(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = Int32(fields[1]) { parents[child] = parent }
        }
        var result: [Int32] = []
        var frontier = [pid]
        while let current = frontier.popLast() {
            let children = parents.filter { $0.value == current }.map(\.key)
            result += children
            frontier += children
        }
        return result
    }
}

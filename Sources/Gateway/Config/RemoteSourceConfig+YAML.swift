import Mapping

extension GatewayConfig {
    /// The SFTP keys of a source or delivery; `insecure_accept_any_host_key` is listed only to be refused with
    /// its own message.
    static let remoteKeys = [
        "host", "port", "user", "remote_dir", "files", "poll_interval", "marker", "after_fetch", "processed_dir",
        "host_key", "known_hosts", "insecure_accept_any_host_key", "private_key", "passphrase_env", "password_env",
        "password_file", "circuit_after",
    ]

    /// Decodes the SFTP keys of a source; every mistake is reported with its line.
    static func remote(_ entries: [String: YAMLNode], at node: YAMLNode, resolve: (String) -> String)
        -> RemoteSourceConfig?
    {
        guard let host = entries["host"]?.string(), let user = entries["user"]?.string() else {
            node.issue("an sftp source needs 'host' and 'user'")
            return nil
        }
        let port = entries["port"]?.int() ?? 22
        if !(1...65535).contains(port) { entries["port"]?.issue("port must be 1–65535") }
        var globs: [Glob] = []
        for text in entries["files"]?.strings() ?? [] {
            do { globs.append(try Glob(text)) } catch { entries["files"]?.issue("invalid glob '\(text)': \(error)") }
        }
        guard let hostKey = hostKey(entries, at: node, resolve: resolve),
            let credentials = credentials(entries, at: node, resolve: resolve)
        else { return nil }
        var afterFetch = RemoteSourceConfig.AfterFetch.move(to: entries["processed_dir"]?.string() ?? "processed")
        if let node = entries["after_fetch"], let text = node.string() {
            switch text {
            case "move": break
            case "delete": afterFetch = .delete
            case "leave": afterFetch = .leave
            default: node.issue("after_fetch must be move, delete or leave, found '\(text)'")
            }
        }
        var remote = RemoteSourceConfig(
            host: host, port: port, user: user, directory: entries["remote_dir"]?.string() ?? ".", files: globs,
            marker: entries["marker"]?.string(), afterFetch: afterFetch, hostKey: hostKey, credentials: credentials)
        if let node = entries["poll_interval"], let seconds = duration(node, atLeast: minimumRemotePollInterval) {
            remote.pollInterval = seconds
        }
        if let node = entries["circuit_after"], let count = node.int() {
            if count >= 1 { remote.circuitAfter = count } else { node.issue("circuit_after must be at least 1") }
        }
        return remote
    }

    private static func hostKey(_ entries: [String: YAMLNode], at node: YAMLNode, resolve: (String) -> String)
        -> RemoteSourceConfig.HostKey?
    {
        if let removed = entries["insecure_accept_any_host_key"] {
            removed.issue(
                "insecure_accept_any_host_key is not supported: host keys are always verified; "
                    + "name the server's key with 'host_key' (SHA256 fingerprint) or 'known_hosts'")
            return nil
        }
        if let fingerprint = entries["host_key"]?.string() {
            guard fingerprint.hasPrefix("SHA256:") else {
                entries["host_key"]?.issue("host_key must be an OpenSSH SHA256 fingerprint (SHA256:…)")
                return nil
            }
            return .fingerprint(fingerprint)
        }
        if let path = entries["known_hosts"]?.string() { return .knownHosts(path: resolve(path)) }
        node.issue(
            "an sftp source needs 'host_key' (SHA256 fingerprint) or 'known_hosts': host keys are always verified")
        return nil
    }

    private static func credentials(_ entries: [String: YAMLNode], at node: YAMLNode, resolve: (String) -> String)
        -> RemoteSourceConfig.Credentials?
    {
        if let key = entries["private_key"]?.string() {
            return .privateKey(path: resolve(key), passphraseEnvironment: entries["passphrase_env"]?.string())
        }
        let environment = entries["password_env"]?.string()
        let file = entries["password_file"]?.string().map(resolve)
        if environment != nil || file != nil { return .password(environment: environment, file: file) }
        node.issue(
            "an sftp source needs 'private_key', 'password_env' or 'password_file' (secrets never go in this file)")
        return nil
    }
}

import Foundation
import SFTP
import Values

extension RemoteSourceConfig {
    /// The SFTP endpoint, with secrets read now from `environment` (or the password file).
    ///
    /// - Throws: ``GatewayError`` when the configured secret is in neither place.
    func endpoint(environment: [String: String]) throws -> SFTPEndpoint {
        let policy: SFTPEndpoint.HostKeyPolicy
        switch hostKey {
        case .fingerprint(let fingerprint): policy = .pinnedSHA256(fingerprint)
        case .knownHosts(let path): policy = .knownHosts(path: path)
        case .insecureAcceptAny: policy = .insecureAcceptAny
        }
        let secret: SFTPCredentials
        switch credentials {
        case .privateKey(let path, let variable):
            secret = .privateKey(path: path, passphrase: variable.flatMap { environment[$0] })
        case .password(let variable, let file):
            if let variable, let password = environment[variable] {
                secret = .password(password)
            } else if let file, let data = FileManager.default.contents(atPath: file) {
                secret = .password(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines))
            } else {
                throw GatewayError(.invalidConfiguration, "the sftp password is in neither its variable nor its file")
            }
        }
        return SFTPEndpoint(
            host: host, port: port, user: user, remoteDirectory: "", hostKey: policy, credentials: secret)
    }
}

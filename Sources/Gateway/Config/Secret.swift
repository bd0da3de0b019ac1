import Foundation
import Values

/// Where a secret is (an SMTP or database password, a webhook's signing key): an environment variable or a
/// file, never the configuration file itself.
public enum Secret: Sendable, Equatable {
    /// An environment variable's value.
    case environment(String)
    /// A file's contents, without a trailing line break.
    case file(String)

    /// The secret's value.
    ///
    /// - Parameters:
    ///   - environment: the process environment (or a test's).
    ///   - purpose: what needs it, for the error (`alert channel ops`, `the database`).
    /// - Throws: ``GatewayError`` (`.invalidConfiguration`) when the variable is unset or empty, or the file
    ///   cannot be read.
    public func read(environment: [String: String], for purpose: String) throws -> String {
        switch self {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw GatewayError(.invalidConfiguration, "\(purpose): environment variable \(name) is not set")
            }
            return value
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw GatewayError(.invalidConfiguration, "\(purpose): cannot read secret file \(path)")
            }
            var text = String(decoding: data, as: UTF8.self)
            while text.last?.isNewline == true { text.removeLast() }
            return text
        }
    }
}

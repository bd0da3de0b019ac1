/// Where the operator console listens (`http:` in dropgate.yaml) and how its cookies are set.
///
/// Loopback by default: TLS and exposure to a network are left to a reverse proxy in front of it.
public struct HTTPConfig: Sendable, Equatable {
    /// The address to bind: an IPv4 address, an IPv6 address (written in brackets in `listen`) or `localhost`.
    public var host: String
    /// The port; 0 takes any free port (the console logs the one it got).
    public var port: Int
    /// Whether session cookies carry the `Secure` flag (set it when a TLS proxy is in front).
    public var secureCookies: Bool

    /// A listener; by default `127.0.0.1:8480` without the `Secure` flag.
    public init(host: String = "127.0.0.1", port: Int = 8480, secureCookies: Bool = false) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
    }

    /// Reads `HOST:PORT` (`127.0.0.1:8480`, `[::1]:8480`, `localhost:8480`).
    ///
    /// - Returns: the host and port, or why the text is no listen address.
    public static func parse(listen text: String) -> Result<(host: String, port: Int), HTTPConfigError> {
        guard let colon = text.lastIndex(of: ":") else {
            return .failure(HTTPConfigError("expected HOST:PORT like 127.0.0.1:8480, found '\(text)'"))
        }
        var host = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        guard let port = Int(portText), (0...65535).contains(port) else {
            return .failure(HTTPConfigError("the port must be a number from 0 to 65535, found '\(portText)'"))
        }
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
            guard host.contains(":"), host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                return .failure(HTTPConfigError("'[\(host)]' is not an IPv6 address"))
            }
            return .success((host, port))
        }
        guard host == "localhost" || isIPv4(host) else {
            return .failure(
                HTTPConfigError(
                    "the host must be an IP address (127.0.0.1, 0.0.0.0, [::1]) or localhost, found '\(host)'"))
        }
        return .success((host, port))
    }

    private static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && Int(part).map { $0 <= 255 } == true
            }
    }
}

/// Why an `http.listen` value was refused.
public struct HTTPConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the value.
    public let description: String

    init(_ description: String) { self.description = description }
}

/// What of a URL may be shown in errors and logs.
enum Endpoint {
    /// `scheme://host:port` of `url`: no user information, path, query or fragment (a webhook's path often holds
    /// its token).
    static func display(_ url: String) -> String {
        guard let separator = url.firstRange(of: "://") else { return "(invalid URL)" }
        let scheme = url[..<separator.lowerBound]
        var authority = url[separator.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        return "\(scheme)://\(authority)"
    }

    /// The lower-cased scheme of `url`, or `nil` when it has none.
    static func scheme(_ url: String) -> String? {
        url.firstRange(of: "://").map { url[..<$0.lowerBound].lowercased() }
    }

    /// The host of `url` (brackets of an IPv6 address removed), lower-cased.
    static func host(_ url: String) -> String {
        var authority = Substring(display(url).drop { $0 != "/" }.dropFirst(2))
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[authority.index(after: authority.startIndex)..<close])
        }
        if let colon = authority.lastIndex(of: ":") { authority = authority[..<colon] }
        return authority.lowercased()
    }

    /// Whether `url` names this machine (`localhost`, `127.x.x.x`, `::1`).
    static func isLoopback(_ url: String) -> Bool {
        let host = host(url)
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

internal import CLibCurl

/// One message sent over SMTP through libcurl.
///
/// `smtps://` speaks TLS from the start. `smtp://` requires STARTTLS, except to a loopback address (a relay on the
/// same machine, a test server), where STARTTLS is used only when the server offers it.
public struct SMTPMail: Sendable {
    /// `smtp://host:port` or `smtps://host:port`.
    public var url: String
    /// The envelope sender address.
    public var from: String
    /// The envelope recipient addresses.
    public var to: [String]
    /// Login user; `nil`: no login.
    public var user: String?
    /// Login password.
    public var password: String?
    /// The whole message: headers, a blank line, the body, with CRLF line ends.
    public var message: [UInt8]
    /// Seconds the whole exchange may take (connecting included).
    public var timeout: Double

    /// Creates a message.
    public init(
        url: String, from: String, to: [String], user: String? = nil, password: String? = nil, message: [UInt8],
        timeout: Double = 30
    ) {
        self.url = url
        self.from = from
        self.to = to
        self.user = user
        self.password = password
        self.message = message
        self.timeout = timeout
    }

    /// Sends the message.
    ///
    /// - Throws: ``NotifyError``: an unsupported URL, or libcurl's error text (refused connection, STARTTLS not
    ///   offered, login denied, recipient refused).
    public func send() throws(NotifyError) {
        guard let scheme = Endpoint.scheme(url), scheme == "smtp" || scheme == "smtps" else {
            throw NotifyError(
                .invalidRequest, operation: "SMTP", endpoint: Endpoint.display(url),
                detail: "the URL must start with smtp:// or smtps://")
        }
        for address in [from] + to where address.utf8.contains(where: { "<>\r\n".utf8.contains($0) }) {
            throw NotifyError(
                .invalidRequest, operation: "SMTP", endpoint: Endpoint.display(url),
                detail: "an address must not contain '<', '>' or a line break")
        }
        let transfer = try CurlTransfer(url: url, protocols: "smtp,smtps", operation: "SMTP", timeout: timeout)
        if scheme == "smtp" {
            let tls = Endpoint.isLoopback(url) ? CURLUSESSL_TRY : CURLUSESSL_ALL
            try transfer.set(CURLOPT_USE_SSL, Int(tls.rawValue))
        }
        if let user { try transfer.set(CURLOPT_USERNAME, user) }
        if let password { try transfer.set(CURLOPT_PASSWORD, password) }
        try transfer.set(CURLOPT_MAIL_FROM, "<\(from)>")
        try transfer.set(CURLOPT_MAIL_RCPT, list: to.map { "<\($0)>" })
        _ = try transfer.perform(upload: message)
    }
}

internal import CLibCurl

/// An HTTP or HTTPS POST of a body with headers, through libcurl; redirects are not followed.
public struct HTTPPost: Sendable {
    /// `http://` or `https://` URL.
    public var url: String
    /// Header lines, `Name: value`.
    public var headers: [String]
    /// The body.
    public var body: [UInt8]
    /// Seconds the whole request may take (connecting included).
    public var timeout: Double

    /// Creates a request.
    public init(url: String, headers: [String], body: [UInt8], timeout: Double = 10) {
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// Sends the request; the response body is discarded unread.
    ///
    /// - Returns: the HTTP status, 200–299.
    /// - Throws: ``NotifyError``: an unsupported URL, libcurl's error text, or a status outside 200–299.
    @discardableResult
    public func send() throws(NotifyError) -> Int {
        guard let scheme = Endpoint.scheme(url), scheme == "http" || scheme == "https" else {
            throw NotifyError(
                .invalidRequest, operation: "POST", endpoint: Endpoint.display(url),
                detail: "the URL must start with http:// or https://")
        }
        let transfer = try CurlTransfer(url: url, protocols: "http,https", operation: "POST", timeout: timeout)
        try transfer.set(CURLOPT_HTTPHEADER, list: headers)
        try transfer.setPostBody(body)
        let status = try transfer.perform()
        guard (200...299).contains(status) else {
            throw NotifyError(.status(status), operation: "POST", endpoint: Endpoint.display(url), detail: "")
        }
        return status
    }
}

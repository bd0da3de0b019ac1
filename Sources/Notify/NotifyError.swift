/// A failed notification: what failed (``Code``), against which endpoint, and libcurl's own words for it.
///
/// Every libcurl return code becomes a `NotifyError` in one place (`CurlTransfer`). Descriptions name the operation
/// and the endpoint as `scheme://host:port` only (never a path or query, which may carry a token), never a password
/// and never the body of a request or a response.
public struct NotifyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Equatable {
        /// The request itself is unusable (an unsupported URL scheme, a line break in a header or address).
        case invalidRequest
        /// libcurl could not complete the transfer (connection refused, time-out, TLS, refused login or recipient);
        /// its error text is in ``NotifyError/detail``.
        case transfer(code: UInt32)
        /// The HTTP server answered with a status outside 200–299.
        case status(Int)
    }

    /// What went wrong.
    public var code: Code
    /// `POST` or `SMTP`.
    public var operation: String
    /// `scheme://host:port`.
    public var endpoint: String
    /// libcurl's error text or a hint naming the cause; never a secret or a body.
    public var detail: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - operation: `POST` or `SMTP`.
    ///   - endpoint: `scheme://host:port`.
    ///   - detail: the cause; must not contain secrets or bodies.
    public init(_ code: Code, operation: String, endpoint: String, detail: String) {
        self.code = code
        self.operation = operation
        self.endpoint = endpoint
        self.detail = detail
    }

    /// `POST http://127.0.0.1:8080: HTTP status 500` or `SMTP smtp://mail:587: Login denied`.
    public var description: String {
        switch code {
        case .status(let status): "\(operation) \(endpoint): HTTP status \(status)"
        case .invalidRequest, .transfer: "\(operation) \(endpoint): \(detail)"
        }
    }
}

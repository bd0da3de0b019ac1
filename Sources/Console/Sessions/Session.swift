import Foundation

/// A logged-in user's session, held by the server; the browser holds only its random token.
public struct Session: Sendable, Equatable {
    /// The cookie value: 32 random bytes in hex.
    public let token: String
    /// The user's login name.
    public let userName: String
    /// The password hash at login: a changed password ends the session.
    public let passwordHash: String
    /// The token every state-changing form must carry back.
    public let csrfToken: String
    /// When the session began.
    public let createdAt: Date
    /// When it was last used.
    public var lastSeenAt: Date
}

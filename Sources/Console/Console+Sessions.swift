import Gateway
import Hummingbird
import Logging

/// Who is asking: the session cookie, the users file, and the wrappers every page and action goes through.
extension Console {
    /// The session cookie's name.
    static let sessionCookie = "dropgate_session"
    /// The cookie carrying the login form's CSRF token (there is no session yet).
    static let loginCookie = "dropgate_login"
    /// The largest form body read.
    static let maximumFormBytes = 64 * 1024

    /// The logged-in user behind a request, or `nil`: no cookie, an unknown or expired session, or a user
    /// removed, changed in role, or given a new password since logging in.
    func visitor(_ request: Request) throws -> Visitor? {
        guard let token = request.cookies[Self.sessionCookie]?.value,
            let session = sessions.session(token: token, now: now())
        else { return nil }
        guard let user = try users.user(named: session.userName), user.passwordHash == session.passwordHash else {
            sessions.end(token: token)
            return nil
        }
        return Visitor(user: user, session: session)
    }

    /// Runs a page for a logged-in user; anyone else is sent to the login form.
    func page(
        _ request: Request, _ context: ConsoleRequestContext,
        _ body: (Request, ConsoleRequestContext, Visitor) throws -> Response
    ) throws -> Response {
        guard let visitor = try visitor(request) else { return Self.redirect(to: "/login") }
        return try body(request, context, visitor)
    }

    /// Runs a state-changing POST for a logged-in user whose form carries the session's CSRF token; without the
    /// token (or with another) the answer is `403` and nothing happens.
    func action(
        _ request: Request, _ context: ConsoleRequestContext,
        _ body: (Request, ConsoleRequestContext, Visitor, FormData) async throws -> Response
    ) async throws -> Response {
        var request = request
        guard let visitor = try visitor(request) else { return Self.redirect(to: "/login") }
        let form = try await Self.form(&request)
        guard let token = form["csrf"], RandomToken.equal(token, visitor.session.csrfToken) else {
            logger.warning(
                "console request refused: CSRF token missing or wrong", metadata: ["user": "\(visitor.user.name)"])
            return forbidden(
                visitor, reason: "This form has expired or did not come from the console; reload the page.")
        }
        return try await body(request, context, visitor, form)
    }

    /// The urlencoded fields of a POST body.
    static func form(_ request: inout Request) async throws -> FormData {
        let buffer = try await request.collectBody(upTo: maximumFormBytes)
        return FormData(Substring(String(buffer: buffer)))
    }

    /// A query string's fields.
    static func query(_ request: Request) -> FormData {
        FormData(Substring(request.uri.query ?? ""))
    }

    /// The session cookie: HttpOnly, SameSite=Strict, Secure when configured, for the whole site.
    func sessionCookie(_ value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(
            name: Self.sessionCookie, value: value, maxAge: maxAge, path: "/", secure: http.secureCookies,
            httpOnly: true, sameSite: .strict)
    }
}

import Gateway
import Hummingbird
import Logging

/// Responses every page uses: HTML with safe headers, redirects, refusals.
extension Console {
    /// A page: `text/html`, never cached, never framed, no script, forms posting only here.
    static func html(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        body(html.description, type: "text/html; charset=utf-8", status: status)
    }

    /// A whole page for a logged-in visitor, in the layout (`refresh`: reload after so many seconds).
    static func rendered(_ title: String, for visitor: Visitor, _ body: HTML, refresh: Int? = nil) -> Response {
        html(
            Layout.page(
                title: title, user: visitor.user, csrfToken: visitor.session.csrfToken, body: body, refresh: refresh))
    }

    /// Plain text (health endpoints).
    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, type: "text/plain; charset=utf-8", status: status)
    }

    /// A download: `type`, saved as `filename`.
    static func download(_ text: String, type: String, filename: String) -> Response {
        var response = body(text, type: type, status: .ok)
        response.headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        return response
    }

    /// A `303 See Other` to `location` (after a POST, or to the login form).
    static func redirect(to location: String) -> Response {
        var response = body("", type: "text/plain; charset=utf-8", status: .seeOther)
        response.headers[.location] = location
        return response
    }

    static func body(_ text: String, type: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        headers[.init("X-Frame-Options")!] = "DENY"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// `404 Not Found`: also what a user gets for something that exists but is not theirs to see.
    func notFound(_ visitor: Visitor) -> Response {
        Self.html(
            Layout.page(
                title: "Not found", user: visitor.user, csrfToken: visitor.session.csrfToken,
                body: "<p>There is nothing here.</p>"),
            status: .notFound)
    }

    /// `403 Forbidden`: the user's role does not allow this.
    func forbidden(_ visitor: Visitor?, reason: String) -> Response {
        Self.html(
            Layout.page(
                title: "Forbidden", user: visitor?.user, csrfToken: visitor?.session.csrfToken,
                body: "<p class=\"error\">\(reason)</p>"),
            status: .forbidden)
    }
}

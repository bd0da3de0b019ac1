import Gateway
import Hummingbird
import Logging

/// Logging in and out.
extension Console {
    /// The login form, with a fresh CSRF token in a cookie of its own (there is no session yet).
    func loginForm(_ request: Request, message: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let token = RandomToken.make()
        var body: HTML = ""
        if let message { body += "<p class=\"error\">\(message)</p>" }
        body += """
            <form method="post" action="/login">
            <input type="hidden" name="csrf" value="\(token)">
            <p><label>User <input name="name" autocomplete="username" required></label></p>
            <p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>
            <p><button>Log in</button></p></form>
            """
        var response = Self.html(Layout.page(title: "Log in", user: nil, csrfToken: nil, body: body), status: status)
        response.setCookie(
            Cookie(
                name: Self.loginCookie, value: token, path: "/login", secure: http.secureCookies, httpOnly: true,
                sameSite: .strict))
        return response
    }

    /// Checks a name and password: throttled per user and per address, audited either way.
    func login(_ request: Request, context: ConsoleRequestContext) async throws -> Response {
        var request = request
        let form = try await Self.form(&request)
        guard let token = form["csrf"], let expected = request.cookies[Self.loginCookie]?.value,
            RandomToken.equal(token, expected)
        else {
            return forbidden(nil, reason: "This login form has expired; open the login page again.")
        }
        let name = form["name"] ?? ""
        let password = form["password"] ?? ""
        let address = context.clientAddress
        let known = try users.user(named: name) != nil
        // Only names of real users reach the audit trail: a password typed into the name field must not.
        let actor = known ? name : nil
        guard throttle.allows(user: name, address: address, now: now()) else {
            try gateway.audit(
                "console-login-throttled", detail: "too many failed logins", actor: actor, target: address)
            logger.warning("console login throttled", metadata: ["http.client": "\(address)"])
            return loginForm(
                request, message: "Too many failed logins. Wait a few minutes and try again.", status: .tooManyRequests)
        }
        // bcrypt takes a quarter of a second of CPU: on a thread of its own, never the concurrency pool's.
        let users = self.users
        let checked = await DedicatedThread.run(name: "dropgate-login") {
            Result { try users.authenticate(name: name, password: password) }
        }
        guard let user = try checked.get() else {
            throttle.recordFailure(user: name, address: address, now: now())
            try gateway.audit(
                "console-login-failed", detail: known ? "wrong password" : "unknown user", actor: actor, target: address
            )
            logger.notice("console login failed", metadata: ["http.client": "\(address)"])
            return loginForm(request, message: "Wrong user name or password.", status: .unauthorized)
        }
        throttle.recordSuccess(user: name)
        let session = sessions.start(user: user, now: now())
        try gateway.audit("console-login", detail: "role \(user.role.rawValue)", actor: user.name, target: address)
        logger.notice("console login", metadata: ["user": "\(user.name)"])
        var response = Self.redirect(to: "/")
        response.setCookie(sessionCookie(session.token))
        response.setCookie(
            Cookie(
                name: Self.loginCookie, value: "", maxAge: 0, path: "/login", secure: http.secureCookies,
                httpOnly: true, sameSite: .strict))
        return response
    }

    /// Ends the session (a POST with the CSRF token).
    func logout(_ request: Request, context: ConsoleRequestContext) async throws -> Response {
        try await action(request, context) { _, context, visitor, _ in
            sessions.end(token: visitor.session.token)
            try gateway.audit("console-logout", detail: "", actor: visitor.user.name, target: context.clientAddress)
            var response = Self.redirect(to: "/login")
            response.setCookie(sessionCookie("", maxAge: 0))
            return response
        }
    }
}

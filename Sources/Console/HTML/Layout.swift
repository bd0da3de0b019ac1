/// The frame around every page: title, navigation for the user's role, logout form.
enum Layout {
    /// A whole page.
    ///
    /// - Parameters:
    ///   - title: the page title (escaped).
    ///   - user: the logged-in user (navigation and logout), or `nil` on the login page.
    ///   - csrfToken: the session's CSRF token, for the logout form.
    ///   - body: the page's content.
    ///   - refresh: reload the page after this many seconds (a progress page), or never.
    static func page(title: String, user: ConsoleUser?, csrfToken: String?, body: HTML, refresh: Int? = nil) -> HTML {
        var navigation: HTML = ""
        if let user {
            navigation += "<nav><a href=\"/\">Dashboard</a> <a href=\"/jobs\">Jobs</a> <a href=\"/alerts\">Alerts</a>"
            if user.role.seesClaims {
                navigation += " <a href=\"/claims\">Claims</a> <a href=\"/remittances\">Remittances</a>"
            }
            if user.role == .admin { navigation += " <a href=\"/audit\">Audit</a>" }
            navigation += """
                 <form method="post" action="/logout" class="logout"><input type="hidden" name="csrf" \
                value="\(csrfToken ?? "")"><span>\(user.name) (\(user.role.rawValue)\(user.district.map { ", " + $0 } ?? ""))</span> \
                <button>Log out</button></form></nav>
                """
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(title) · DropGate</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">\
            \(HTML(markup: refresh.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? ""))
            <style>\(HTML(markup: style))</style></head>
            <body>\(navigation)<main><h1>\(title)</h1>
            \(body)</main></body></html>
            """
    }

    private static let style = """
        body{font-family:system-ui,sans-serif;margin:0;color:#222}nav{background:#234;padding:.6em 1em}\
        nav a,nav span{color:#fff;margin-right:1em}nav form{display:inline;float:right}main{padding:1em}\
        table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left}\
        .error{color:#a00}.counters a{display:inline-block;margin:.3em;padding:.4em .8em;border:1px solid #ccc}
        """
}

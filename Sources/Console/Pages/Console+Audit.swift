import Gateway
import Hummingbird
import Logging
import Store

/// The audit trail (admin only), newest first, paged.
extension Console {
    func auditList(_ request: Request, _ context: ConsoleRequestContext, _ visitor: Visitor) throws -> Response {
        guard visitor.user.role == .admin else {
            return forbidden(visitor, reason: "Only administrators see the audit trail.")
        }
        let paging = Paging(Self.query(request))
        let total = try gateway.auditCount()
        var body = paging.navigation(total: total, path: "/audit", parameters: [])
        body += """
            <table id="audit"><tr><th>when</th><th>who</th><th>what</th><th>job</th><th>target</th><th>detail</th></tr>
            """
        for entry in try gateway.auditEntries(offset: paging.offset, limit: paging.perPage) {
            body += """
                <tr><td>\(Self.timestamp(entry.at))</td><td>\(entry.actor ?? "-")</td><td>\(entry.action)</td>\
                <td>\(entry.jobId.map(String.init) ?? "")</td><td>\(entry.target ?? "")</td><td>\(entry.detail)</td></tr>
                """
        }
        body += "</table>"
        return Self.rendered("Audit", for: visitor, body)
    }
}

import Foundation
import Gateway
import Hummingbird
import Logging
import Store

/// One job: its receipt, counts, archived file and hash, attempts and error, its exceptions (paged, filtered by
/// rule and column, downloadable), and the requeue action.
extension Console {
    /// The job a `/jobs/:id…` request names, if the user may see it (another district's job is "not found").
    func visibleJob(_ context: ConsoleRequestContext, _ visitor: Visitor) throws -> JobRecord? {
        guard let id = context.parameters.get("id", as: Int64.self), let job = try gateway.job(id: id),
            visitor.sees(source: job.source)
        else { return nil }
        return job
    }

    func jobPage(_ request: Request, _ context: ConsoleRequestContext, _ visitor: Visitor) throws -> Response {
        guard let job = try visibleJob(context, visitor), let id = job.id else { return notFound(visitor) }
        let query = Self.query(request)
        let paging = Paging(query)
        let rule = query["rule"].flatMap { $0.isEmpty ? nil : $0 }
        let column = query["column"].flatMap { $0.isEmpty ? nil : $0 }
        let facts: [(String, String)] = [
            ("source", job.source), ("file", job.originalName), ("kind", job.kind ?? "-"),
            ("state", job.state.rawValue), ("sha256", job.sha256), ("size", "\(job.size) bytes"),
            ("encoding", job.encoding ?? "-"), ("attempts", String(job.attempts)),
            ("rows read", String(job.rowsRead)), ("inserted", String(job.inserted)),
            ("updated", String(job.updated)), ("unchanged", String(job.unchanged)), ("stale", String(job.stale)),
            ("rejected", String(job.rejected)), ("warnings", String(job.warnings)),
            ("reason", job.lastError ?? ""), ("duplicate of", job.duplicateOf.map { "job \($0)" } ?? ""),
            ("archived file", Self.fileName(job.filePath)), ("receipt", job.receiptPath.map(Self.fileName) ?? ""),
            ("exception report", job.reportPath.map(Self.fileName) ?? ""),
            ("created", Self.timestamp(job.createdAt)), ("updated at", Self.timestamp(job.updatedAt)),
        ]
        var body: HTML = "<table id=\"job\">"
        for (name, value) in facts where !value.isEmpty {
            body += "<tr><th>\(name)</th><td data-fact=\"\(name)\">\(value)</td></tr>"
        }
        body += "</table>"
        if job.state == .rejected || job.state == .dead, visitor.user.role.mayAct {
            body += """
                <form method="post" action="/jobs/\(id)/requeue"><input type="hidden" name="csrf" \
                value="\(visitor.session.csrfToken)"><button>Requeue job \(id)</button></form>
                """
        }
        let total = try gateway.exceptionCount(jobID: id, rule: rule, column: column)
        let exceptions = try gateway.exceptions(
            jobID: id, rule: rule, column: column, offset: paging.offset, limit: paging.perPage)
        let parameters = [("rule", rule ?? ""), ("column", column ?? "")]
        let download = parameters.filter { !$0.1.isEmpty }.map { "\($0.0)=\(FormData.encode($0.1))" }
            .joined(separator: "&")
        body += """
            <h2>Exceptions</h2><form method="get" action="/jobs/\(id)"><label>rule <input name="rule" \
            value="\(rule ?? "")"></label> <label>column <input name="column" value="\(column ?? "")"></label> \
            <button>Filter</button></form>
            <p>Download <a href="/jobs/\(id)/exceptions.csv?\(download)">CSV</a> \
            <a href="/jobs/\(id)/exceptions.json?\(download)">JSON</a></p>
            """
        body += paging.navigation(total: total, path: "/jobs/\(id)", parameters: parameters)
        body += """
            <table id="exceptions"><tr><th>row</th><th>column</th><th>field</th><th>rule</th><th>severity</th>\
            <th>message</th><th>value</th></tr>
            """
        for exception in exceptions {
            body += """
                <tr><td>\(exception.row)</td><td>\(exception.columnName ?? "")</td><td>\(exception.field ?? "")</td>\
                <td>\(exception.ruleId)</td><td>\(exception.severity)</td><td>\(exception.message)</td>\
                <td>\(exception.value ?? "")</td></tr>
                """
        }
        body += "</table>"
        return Self.rendered("Job \(id)", for: visitor, body)
    }

    /// A job's exceptions (filtered like the page) as the report's CSV or as JSON.
    func exceptionDownload(
        _ request: Request, _ context: ConsoleRequestContext, _ visitor: Visitor, csv: Bool
    ) throws -> Response {
        guard let job = try visibleJob(context, visitor), let id = job.id else { return notFound(visitor) }
        let query = Self.query(request)
        let rule = query["rule"].flatMap { $0.isEmpty ? nil : $0 }
        let column = query["column"].flatMap { $0.isEmpty ? nil : $0 }
        let total = try gateway.exceptionCount(jobID: id, rule: rule, column: column)
        let exceptions = try gateway.exceptions(jobID: id, rule: rule, column: column, offset: 0, limit: total)
        return csv
            ? Self.download(
                ExceptionListing.csv(exceptions), type: "text/csv; charset=utf-8", filename: "job-\(id)-exceptions.csv")
            : Self.download(
                try ExceptionListing.json(exceptions), type: "application/json", filename: "job-\(id)-exceptions.json")
    }

    /// Requeues a rejected or dead job (admin and billing), audited with the user's name, and shows it.
    func requeue(
        _ request: Request, _ context: ConsoleRequestContext, _ visitor: Visitor, _ form: FormData
    ) async throws -> Response {
        guard let job = try visibleJob(context, visitor), let id = job.id else { return notFound(visitor) }
        guard visitor.user.role.mayAct else {
            return forbidden(visitor, reason: "Your role may not requeue jobs.")
        }
        guard job.state == .rejected || job.state == .dead else {
            return forbidden(visitor, reason: "Only rejected or dead jobs can be requeued.")
        }
        let result = try await gateway.requeueAwaiting(jobID: id, actor: visitor.user.name)
        logger.notice(
            "job requeued from the console",
            metadata: ["job.id": "\(id)", "user": "\(visitor.user.name)", "job.state": "\(result.state.rawValue)"])
        return Self.redirect(to: "/jobs/\(id)")
    }

    /// The last component of a path: pages show file names, never the server's folders.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

import Foundation
import Gateway
import Hummingbird
import Logging
import Mapping
import Store

/// The jobs list: filtered by source, kind, state, file name and creation time; paged with no cap.
extension Console {
    func jobList(_ request: Request, _ context: ConsoleRequestContext, _ visitor: Visitor) throws -> Response {
        let query = Self.query(request)
        let paging = Paging(query)
        let filter = jobFilter(query, visitor)
        let total = try gateway.jobCount(matching: filter)
        let jobs = try gateway.jobs(matching: filter, offset: paging.offset, limit: paging.perPage)
        var body: HTML = "<form method=\"get\" action=\"/jobs\">"
        body += "<label>source <select name=\"source\"><option value=\"\">any</option>"
        for source in gateway.config.sources where visitor.sees(source: source.id) {
            body += Self.option(source.id, selected: filter.source)
        }
        body += "</select></label> <label>kind <select name=\"kind\"><option value=\"\">any</option>"
        for kind in gateway.mappings.mappings.map(\.kind).sorted() { body += Self.option(kind, selected: filter.kind) }
        body += "</select></label> <label>state <select name=\"state\"><option value=\"\">any</option>"
        for state in JobState.allCases { body += Self.option(state.rawValue, selected: filter.state?.rawValue) }
        body += "</select></label> <label>file name <input name=\"name\" value=\"\(filter.name ?? "")\"></label>"
        body += " <label>business key <input name=\"key\" value=\"\(filter.key ?? "")\" "
        body += "placeholder=\"student id, CIN, claim number\"></label>"
        if let since = query["since"], !since.isEmpty {
            body += "<input type=\"hidden\" name=\"since\" value=\"\(since)\">"
        }
        body += " <button>Filter</button></form>"
        let parameters = ["source", "kind", "state", "name", "since", "key"].map { ($0, query[$0] ?? "") }
        body += paging.navigation(total: total, path: "/jobs", parameters: parameters)
        let parameterFields = parameters.filter { !$0.1.isEmpty }
        let requeueable = visitor.user.role.mayAct && (filter.state == .rejected || filter.state == .dead)
        if requeueable, total > 0 {
            body += """
                <form method="post" action="/jobs/requeue" id="requeue-all"><input type="hidden" name="csrf" \
                value="\(visitor.session.csrfToken)"><input type="hidden" name="all" value="1">
                """
            for (name, value) in parameterFields {
                body += "<input type=\"hidden\" name=\"\(name)\" value=\"\(value)\">"
            }
            body += "<button>Requeue all \(total) \(filter.state?.rawValue ?? "") jobs listed</button></form>"
        }
        body += """
            <form method="post" action="/jobs/requeue" id="requeue-selected"><input type="hidden" name="csrf" \
            value="\(visitor.session.csrfToken)">
            """
        body += """
            <table id="jobs"><tr><th>job</th><th>source</th><th>kind</th><th>state</th><th>read</th><th>inserted</th>\
            <th>updated</th><th>unchanged</th><th>stale</th><th>rejected</th><th>warnings</th><th>file</th>\
            <th>created</th><th></th></tr>
            """
        for job in jobs {
            let id = job.id ?? 0
            body += """
                <tr><td><a href="/jobs/\(id)">\(id)</a></td><td>\(job.source)</td><td>\(job.kind ?? "-")</td>\
                <td>\(job.state.rawValue)</td><td>\(job.rowsRead)</td><td>\(job.inserted)</td><td>\(job.updated)</td>\
                <td>\(job.unchanged)</td><td>\(job.stale)</td><td>\(job.rejected)</td><td>\(job.warnings)</td>\
                <td>\(job.originalName)</td><td>\(Self.timestamp(job.createdAt))</td>\
                <td>\(Self.pick(job, visitor))</td></tr>
                """
        }
        body += "</table>"
        if visitor.user.role.mayAct, jobs.contains(where: { $0.state == .rejected || $0.state == .dead }) {
            body += "<button>Requeue the ticked jobs</button>"
        }
        body += "</form>"
        return Self.rendered("Jobs", for: visitor, body)
    }

    /// The list's filter as a query or form gives it (`source`, `kind`, `state`, `name`, `since`, `key`), within the
    /// visitor's districts.
    func jobFilter(_ fields: FormData, _ visitor: Visitor) -> JobFilter {
        let text = { (name: String) in fields[name].flatMap { $0.isEmpty ? nil : $0 } }
        let since = text("since").flatMap(TimeInterval.init).flatMap {
            $0.isFinite ? Date(timeIntervalSince1970: $0) : nil
        }
        return JobFilter(
            sources: visitor.visibleSources, source: text("source"), kind: text("kind"),
            state: text("state").flatMap(JobState.init(rawValue:)), name: text("name"), since: since, key: text("key"))
    }

    /// A tick box for a job the visitor may requeue (rejected or dead), else nothing.
    static func pick(_ job: JobRecord, _ visitor: Visitor) -> HTML {
        guard visitor.user.role.mayAct, job.state == .rejected || job.state == .dead, let id = job.id else { return "" }
        return "<input type=\"checkbox\" name=\"job-\(id)\" aria-label=\"requeue job \(id)\">"
    }

    static func option(_ value: String, selected: String?) -> HTML {
        "<option value=\"\(value)\"\(HTML(markup: value == selected ? " selected" : ""))>\(value)</option>"
    }
}

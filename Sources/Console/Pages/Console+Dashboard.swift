import Claims
import Foundation
import Gateway
import Hummingbird
import Logging
import Store

/// The dashboard: today's jobs by state, rows loaded and rejected, each source's health, claim batches waiting.
/// Every counter links to the list it counts.
extension Console {
    func dashboard(_ request: Request, _ context: ConsoleRequestContext, _ visitor: Visitor) throws -> Response {
        let startOfToday = Calendar.current.startOfDay(for: now())
        let today = JobFilter(sources: visitor.visibleSources, since: startOfToday)
        let summary = try gateway.jobSummary(matching: today)
        let since = String(Int(startOfToday.timeIntervalSince1970))
        var body: HTML = "<h2>Jobs today</h2><p class=\"counters\">"
        for state in JobState.allCases {
            let count = summary.byState[state] ?? 0
            body += "<a href=\"/jobs?state=\(state.rawValue)&amp;since=\(since)\" id=\"today-\(state.rawValue)\">"
            body += "\(state.rawValue) <b>\(count)</b></a>"
        }
        let openAlerts = try visibleAlerts(visitor, openOnly: true).count
        body += "<a href=\"/alerts?state=open\" id=\"alerts-open\">alerts open <b>\(openAlerts)</b></a>"
        body += "</p><p>Rows loaded today: <b id=\"rows-loaded\">\(summary.rowsLoaded)</b>; "
        body += "rows rejected today: <b id=\"rows-rejected\">\(summary.rowsRejected)</b></p>"
        body +=
            "<h2>Sources and deliveries</h2><table id=\"health\"><tr><th>source</th><th>health</th><th>failures</th><th>last success</th>"
        body += "<th>last error</th><th>jobs</th></tr>"
        for source in gateway.config.sources where visitor.sees(source: source.id) {
            let health = try gateway.health(of: source.id)
            body += """
                <tr><td>\(source.id)</td><td>\(health.state.rawValue)</td><td>\(health.consecutiveFailures)</td>\
                <td>\(health.lastSuccessAt.map(Self.timestamp) ?? "-")</td><td>\(health.lastError ?? "")</td>\
                <td><a href="/jobs?source=\(FormData.encode(source.id))">jobs</a></td></tr>
                """
        }
        if visitor.user.role.seesClaims {
            for delivery in gateway.config.deliveries {
                let health = try gateway.health(of: "delivery:" + delivery.id)
                body += """
                    <tr><td>delivery:\(delivery.id)</td><td>\(health.state.rawValue)</td>\
                    <td>\(health.consecutiveFailures)</td><td>\(health.lastSuccessAt.map(Self.timestamp) ?? "-")</td>\
                    <td>\(health.lastError ?? "")</td><td></td></tr>
                    """
            }
        }
        body += "</table>"
        let running = inFlight(visitor)
        body += running
        if visitor.user.role.seesClaims {
            let batches = try gateway.claimBatchCounts()
            body += "<h2>Claim batches waiting</h2><p class=\"counters\">"
            for state in [BatchState.built, .submitted] {
                body += "<a href=\"/claims?state=\(state.rawValue)\" id=\"batches-\(state.rawValue)\">"
                body += "\(state.rawValue) <b>\(batches[state] ?? 0)</b></a>"
            }
            body += "</p>"
        }
        return Self.rendered("Dashboard", for: visitor, body, refresh: running.description.isEmpty ? nil : 5)
    }

    /// The jobs (and, for billing, the claim builds) this process is running now, with their progress; the page
    /// refreshes itself while any runs.
    func inFlight(_ visitor: Visitor) -> HTML {
        let running = gateway.inFlight.current.filter { work in
            work.jobID != nil ? visitor.sees(source: work.source) : visitor.user.role.seesClaims
        }
        guard !running.isEmpty else { return "" }
        var html: HTML = "<h2>Running now</h2><ul id=\"in-flight\">"
        for work in running {
            let text = work.line(work.snapshot())
            if let job = work.jobID {
                html += "<li><a href=\"/jobs/\(job)\">\(text)</a></li>"
            } else {
                html += "<li>\(text)</li>"
            }
        }
        html += "</ul>"
        return html
    }

    /// A moment as `yyyy-MM-dd HH:mm:ss` UTC.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false))
    }
}

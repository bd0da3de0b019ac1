import Foundation
import Gateway
import Hummingbird
import Store

/// Alerts: open first, then closed, newest first, paged; district users see their own district's only.
extension Console {
    func alertList(_ request: Request, _ context: ConsoleRequestContext, _ visitor: Visitor) throws -> Response {
        let query = Self.query(request)
        let paging = Paging(query)
        let openOnly = query["state"] == "open"
        let all = try visibleAlerts(visitor, openOnly: openOnly).sorted {
            ($0.alert.state == .open ? 0 : 1, -$0.alert.openedAt.timeIntervalSince1970)
                < ($1.alert.state == .open ? 0 : 1, -$1.alert.openedAt.timeIntervalSince1970)
        }
        let shown = all.dropFirst(paging.offset).prefix(paging.perPage)
        var body: HTML = """
            <p><a href="/alerts?state=open" id="alerts-open-only">open only</a> · <a href="/alerts">all</a></p>
            """
        body += paging.navigation(total: all.count, path: "/alerts", parameters: [("state", openOnly ? "open" : "")])
        body += """
            <table id="alerts"><tr><th>alert</th><th>condition</th><th>source</th><th>subject</th><th>state</th>\
            <th>opened</th><th>closed</th><th>detail</th><th>notified</th></tr>
            """
        for entry in shown {
            let alert = entry.alert
            let notified = AlertListing.notified(entry)
            body += """
                <tr><td>\(alert.id ?? 0)</td><td>\(alert.condition)</td><td>\(alert.source)</td>\
                <td>\(subjectLink(alert, visitor))</td><td>\(alert.state.rawValue)</td>\
                <td>\(Self.timestamp(alert.openedAt))</td><td>\(alert.closedAt.map(Self.timestamp) ?? "")</td>\
                <td>\(alert.detail)</td><td>\(notified)</td></tr>
                """
        }
        body += "</table>"
        return Self.rendered("Alerts", for: visitor, body)
    }

    /// The alerts the visitor may see: all for admin and billing; for a district user, its own district's file
    /// and source alerts (never a delivery's or a payer's, whatever their ids).
    func visibleAlerts(_ visitor: Visitor, openOnly: Bool) throws -> [AlertListing.Entry] {
        try gateway.alerts(openOnly: openOnly).filter { entry in
            visitor.user.role.seesClaims
                || (visitor.sees(source: entry.alert.source) && Self.districtConditions.contains(entry.alert.condition))
        }
    }

    /// The conditions about a district's own files and source.
    static let districtConditions: Set<String> = Set(
        [AlertCondition.jobRejected, .jobDead, .sourceNeedsOperator, .sourceCircuitOpen, .fileMissing, .qualityLow]
            .map(\.rawValue))

    /// A job alert's subject links to its job, a batch's to its batch.
    private func subjectLink(_ alert: AlertRecord, _ visitor: Visitor) -> HTML {
        guard let id = Int64(alert.subject) else { return "\(alert.subject)" }
        if alert.condition.hasPrefix("job-") || alert.condition == AlertCondition.qualityLow.rawValue {
            return "<a href=\"/jobs/\(id)\">job \(id)</a>"
        }
        if [AlertCondition.acknowledgmentOverdue, .paymentOverdue].map(\.rawValue).contains(alert.condition),
            visitor.user.role.seesClaims
        {
            return "<a href=\"/claims/batches/\(id)\">batch \(id)</a>"
        }
        return "\(alert.subject)"
    }
}

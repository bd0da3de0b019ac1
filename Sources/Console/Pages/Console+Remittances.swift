import Claims
import Foundation
import Gateway
import Hummingbird
import Store

/// 835s: each file's payments with their reconciliation summary, and the claims it remitted. Admin and billing.
extension Console {
    func remittanceList(_ request: Request, _ context: ConsoleRequestContext, _ visitor: Visitor) throws -> Response {
        guard visitor.user.role.seesClaims else {
            return forbidden(visitor, reason: "District users do not see remittances.")
        }
        let paging = Paging(Self.query(request))
        let total = try gateway.remittanceJobCount()
        var body = paging.navigation(total: total, path: "/remittances", parameters: [])
        body += """
            <table id="remittances"><tr><th>835 job</th><th>payer</th><th>sets</th><th>claims</th><th>paid</th>\
            <th>payment date</th><th>balance</th><th>sets held</th></tr>
            """
        for row in try gateway.remittanceJobs(offset: paging.offset, limit: paging.perPage) where row.count == 8 {
            body += """
                <tr><td><a href="/remittances/\(row[0])">\(row[0])</a></td><td>\(row[1])</td><td>\(row[2])</td>\
                <td>\(row[3])</td><td>\(Self.money(row[4]))</td><td>\(row[5])</td>\
                <td>\(row[6] == "0" ? "balanced" : "\(row[6]) issues")</td><td>\(row[7])</td></tr>
                """
        }
        body += "</table>"
        return Self.rendered("Remittances", for: visitor, body)
    }

    func remittancePage(_ request: Request, _ context: ConsoleRequestContext, _ visitor: Visitor) throws -> Response {
        guard visitor.user.role.seesClaims else {
            return forbidden(visitor, reason: "District users do not see remittances.")
        }
        guard let id = context.parameters.get("id", as: Int64.self), case let sets = try gateway.remittances(jobID: id),
            !sets.isEmpty
        else { return notFound(visitor) }
        let claims = try gateway.remittedClaims(jobID: id)
        var body: HTML = "<p>From <a href=\"/jobs/\(id)\">job \(id)</a>.</p><h2>Payments</h2>"
        body += """
            <table id="sets"><tr><th>set</th><th>ISA13</th><th>GS06</th><th>ST02</th><th>payer</th><th>trace</th>\
            <th>payment</th><th>method</th><th>date</th><th>claims</th><th>balance</th><th>state</th></tr>
            """
        for set in sets where set.count == 12 {
            body += "<tr>"
            for (index, value) in set.enumerated() {
                let shown =
                    index == 6
                    ? Self.money(value) : index == 10 ? (value == "0" ? "balanced" : "\(value) issues") : value
                body += "<td>\(shown)</td>"
            }
            body += "</tr>"
        }
        body += "</table>"

        let outcomes = Dictionary(grouping: claims.compactMap { $0.count == 10 ? $0[3] : nil }, by: { $0 })
            .mapValues(\.count)
        // A claim reversed and adjudicated again in one file counts once, by its last answer.
        var last: [String: String] = [:]
        for row in claims where row.count == 10 { last[row[0]] = row[3] }
        let denied = last.values.filter { $0 == "denied" }.count
        let rate = last.isEmpty ? 0 : Double(denied) / Double(last.count) * 100
        body += "<h2>Reconciliation</h2><p id=\"outcomes\">"
        for (outcome, count) in outcomes.sorted(by: { $0.key < $1.key }) {
            body += "<span data-outcome=\"\(outcome)\">\(outcome) <b>\(count)</b></span> "
        }
        body +=
            "</p><p>Denial rate: <b id=\"denial-rate\">\(String(format: "%.1f", rate)) %</b> of \(last.count) claims</p>"

        if let days = try gateway.daysToPayment(jobID: id) {
            body += "<p>Days to payment: <b id=\"days-to-payment\">\(String(format: "%.1f", days))</b> on average, "
            body += "from each claim's batch to this payment's date</p>"
        }
        let paging = Paging(Self.query(request))
        body += "<h2>Claims</h2>"
        body += paging.navigation(total: claims.count, path: "/remittances/\(id)", parameters: [])
        body += """
            <table id="remitted"><tr><th>claim</th><th>student</th><th>CLP02</th><th>outcome</th><th>charge</th>\
            <th>paid</th><th>patient</th><th>adjustments</th><th>remarks</th><th>payer claim</th></tr>
            """
        for row in claims.dropFirst(paging.offset).prefix(paging.perPage) where row.count == 10 {
            var adjustments: HTML = "<ul class=\"adjustments\">"
            for adjustment in ClaimRemittance.adjustments(row[7]) { adjustments += Self.describe(adjustment) }
            adjustments += "</ul>"
            let remarks = Self.describe(remarks: ClaimRemittance.remarks(row[9]))
            body += """
                <tr><td><a href="/claims/\(row[0])">\(row[0])</a></td><td>\(row[1])</td><td>\(row[2])</td>\
                <td>\(row[3])</td><td>\(Self.money(row[4]))</td><td>\(Self.money(row[5]))</td>\
                <td>\(Self.money(row[6]))</td><td>\(adjustments)</td><td>\(remarks)</td><td>\(row[8])</td></tr>
                """
        }
        body += "</table>"
        return Self.rendered("835 job \(id)", for: visitor, body)
    }

    /// Cents as text (`1234`) shown as money (`12.34`); other text as it is.
    static func money(_ cents: String) -> String {
        Int64(cents).map { Money(cents: $0).description } ?? cents
    }
}

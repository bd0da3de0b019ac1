import Claims
import Gateway
import Hummingbird
import Logging
import Store

/// Claim batches (admin and billing only), paged, optionally of one state.
extension Console {
    func claimBatchList(_ request: Request, _ context: ConsoleRequestContext, _ visitor: Visitor) throws -> Response {
        guard visitor.user.role.seesClaims else {
            return forbidden(visitor, reason: "District users do not see claims.")
        }
        let query = Self.query(request)
        let paging = Paging(query)
        let state = query["state"].flatMap(BatchState.init(rawValue:))
        let counts = try gateway.claimBatchCounts()
        let total = state.map { counts[$0] ?? 0 } ?? counts.values.reduce(0, +)
        let batches = try gateway.claimBatches(state: state, offset: paging.offset, limit: paging.perPage)
        var body: HTML = "<p><a href=\"/claims/denials\" id=\"denial-queue\">Denial queue</a></p>"
        body += paging.navigation(total: total, path: "/claims", parameters: [("state", state?.rawValue ?? "")])
        body += """
            <table id="batches"><tr><th>batch</th><th>payer</th><th>state</th><th>claims</th><th>lines</th>\
            <th>total</th><th>created</th><th>acknowledged</th></tr>
            """
        for batch in batches {
            body += """
                <tr><td><a href="/claims/batches/\(batch.id)">\(batch.id)</a></td><td>\(batch.payer)</td><td>\(batch.state.rawValue)</td><td>\(batch.claims)</td>\
                <td>\(batch.lines)</td><td>\(Money(cents: batch.totalCents).description)</td><td>\(batch.createdAt)</td>\
                <td>\(batch.acknowledgedAt ?? "")</td></tr>
                """
        }
        body += "</table>"
        return Self.rendered("Claim batches", for: visitor, body)
    }
}

import Claims
import Foundation
import Gateway
import Hummingbird
import Logging
import Store
import Values

/// A batch with its claims; a claim's timeline from the services it bills to its payments; the denial work queue
/// with its replace and void actions. Admin and billing only.
extension Console {
    func batchPage(_ request: Request, _ context: ConsoleRequestContext, _ visitor: Visitor) throws -> Response {
        guard visitor.user.role.seesClaims else {
            return forbidden(visitor, reason: "District users do not see claims.")
        }
        guard let id = context.parameters.get("id", as: Int64.self), let batch = try gateway.claimBatch(id: id) else {
            return notFound(visitor)
        }
        let paging = Paging(Self.query(request))
        let claims = try gateway.claims(batchID: id)
        let facts: [(String, String)] = [
            ("payer", batch.payer), ("state", batch.state.rawValue), ("format", batch.format.rawValue),
            ("interchange control", String(batch.interchangeControl)), ("file", Self.fileName(batch.file)),
            ("sha256", batch.sha256 ?? ""), ("claims", String(batch.claims)), ("lines", String(batch.lines)),
            ("total", Money(cents: batch.totalCents).description), ("created", batch.createdAt),
            ("acknowledged", batch.acknowledgedAt ?? ""), ("acknowledgment", batch.acknowledgment ?? ""),
            ("released by", batch.releasedBy.map { "\($0) at \(batch.releasedAt ?? "")" } ?? ""),
            ("discarded by", batch.discardedBy.map { "\($0) at \(batch.discardedAt ?? "")" } ?? ""),
        ]
        var body = Self.factTable(facts, id: "batch")
        body += "<h2>Claims</h2>"
        body += paging.navigation(total: claims.count, path: "/claims/batches/\(id)", parameters: [])
        body += Self.claimTable(Array(claims.dropFirst(paging.offset).prefix(paging.perPage)))
        return Self.rendered("Batch \(id)", for: visitor, body)
    }

    func claimPage(_ request: Request, _ context: ConsoleRequestContext, _ visitor: Visitor) throws -> Response {
        guard visitor.user.role.seesClaims else {
            return forbidden(visitor, reason: "District users do not see claims.")
        }
        guard let reference = context.parameters.get("id"), let record = try gateway.claimRecord(reference),
            let claim = try gateway.claim(id: record.id)
        else { return notFound(visitor) }
        let batch = try gateway.claimBatch(id: record.batchId)
        var body = Self.factTable(
            [
                ("patient control number", record.pcn), ("payer", record.payer), ("state", record.status.rawValue),
                ("since", record.statusAt), ("frequency", record.frequency), ("district", record.district),
                ("student", record.studentId), ("member id", record.memberId), ("rendering NPI", record.renderingNpi),
                ("period", "\(record.periodStart) – \(record.periodEnd)"),
                ("charge", Money(cents: record.totalCents).description),
                ("paid", record.paidCents.map { Money(cents: $0).description } ?? ""),
                ("payer claim number", record.payerClaimNumber ?? ""),
                ("correction requested", record.correction ?? ""),
            ], id: "claim")
        if let corrects = record.corrects {
            body += "<p>This claim corrects <a href=\"/claims/\(corrects)\">claim \(corrects)</a>.</p>"
        }

        body += "<h2>Timeline</h2><ol id=\"timeline\">"
        body += "<li><b>Services billed</b><table><tr><th>date</th><th>code</th><th>modifiers</th><th>units</th>"
        body += "<th>charge</th></tr>"
        for line in claim.lines {
            body += """
                <tr><td>\(line.date.description)</td><td>\(line.code)</td><td>\(line.modifiers.joined(separator: ":"))</td>\
                <td>\(line.units)</td><td>\(line.charge.description)</td></tr>
                """
        }
        body += "</table></li>"
        if let batch {
            body += """
                <li><b>Batch <a href="/claims/batches/\(batch.id)">\(batch.id)</a></b>: built \(batch.createdAt), \
                interchange \(batch.interchangeControl), \(batch.state.rawValue)\
                \(batch.releasedBy.map { ", released by \($0)" } ?? "")</li>
                """
        }
        for row in try gateway.claimHistory(id: record.id) where row.count == 4 && row[1] != "835" {
            body += """
                <li class="ack"><b>\(row[1])</b> in <a href="/jobs/\(row[0])">job \(row[0])</a>: \(row[2]) \
                \(row[3])</li>
                """
        }
        for status in try gateway.claimStatuses(claimID: record.id) {
            body += """
                <li class="status"><b>277CA</b> in <a href="/jobs/\(status.jobId)">job \(status.jobId)</a>: \
                \(status.level) \(status.category)/\(status.status) on \(status.statusDate) \(status.message)</li>
                """
        }
        for payment in try gateway.claimRemittances(claimID: record.id) {
            body += """
                <li class="payment"><b>835</b> in <a href="/remittances/\(payment.jobId)">job \(payment.jobId)</a> \
                (set \(payment.set)): CLP02 \(payment.statusCode), \(payment.classification), charged \
                \(Money(cents: payment.chargeCents).description), paid \(Money(cents: payment.paidCents).description), \
                patient responsibility \(Money(cents: payment.patientResponsibilityCents).description)\
                \(payment.payerClaimNumber.isEmpty ? "" : ", payer claim \(payment.payerClaimNumber)")
                """
            if !payment.adjustments.isEmpty {
                body += "<ul class=\"adjustments\">"
                for adjustment in payment.adjustments { body += Self.describe(adjustment) }
                body += "</ul>"
            }
            if !payment.remarks.isEmpty { body += Self.describe(remarks: payment.remarks) }
            body += "</li>"
        }
        body += "</ol>"
        body += correctionForms(record, visitor)
        return Self.rendered("Claim \(record.pcn)", for: visitor, body)
    }

    func denialQueue(_ request: Request, _ context: ConsoleRequestContext, _ visitor: Visitor) throws -> Response {
        guard visitor.user.role.seesClaims else {
            return forbidden(visitor, reason: "District users do not see claims.")
        }
        let query = Self.query(request)
        let paging = Paging(query)
        let reason = query["reason"].flatMap { $0.isEmpty ? nil : $0 }
        let (total, denied) = try gateway.denials(reason: reason, offset: paging.offset, limit: paging.perPage)
        var body: HTML = """
            <form method="get" action="/claims/denials"><label>Reason starts with \
            <input name="reason" value="\(reason ?? "")"></label> <button>Filter</button></form>
            """
        body += paging.navigation(total: total, path: "/claims/denials", parameters: [("reason", reason ?? "")])
        body += """
            <table id="denials"><tr><th>claim</th><th>payer</th><th>state</th><th>since</th><th>reason</th>\
            <th>charge</th><th>batch</th></tr>
            """
        for entry in denied {
            let claim = entry.claim
            body += """
                <tr><td><a href="/claims/\(claim.id)">\(claim.pcn)</a></td><td>\(claim.payer)</td>\
                <td>\(claim.status.rawValue)</td><td>\(claim.statusAt)</td><td>\(Self.describe(reason: entry.reason))</td>\
                <td>\(Money(cents: claim.totalCents).description)</td>\
                <td><a href="/claims/batches/\(claim.batchId)">\(claim.batchId)</a></td></tr>
                """
        }
        body += "</table>"
        return Self.rendered("Denial queue", for: visitor, body)
    }

    /// `POST /claims/:id/replace` and `/claims/:id/void`: asks for a correction in the payer's next build.
    func correct(
        _ request: Request, _ context: ConsoleRequestContext, _ visitor: Visitor, void: Bool
    ) throws -> Response {
        guard visitor.user.role.seesClaims, visitor.user.role.mayAct else {
            return forbidden(visitor, reason: "Your role may not correct claims.")
        }
        guard let id = context.parameters.get("id", as: Int64.self), let record = try gateway.claimRecord(String(id))
        else { return notFound(visitor) }
        let action = void ? "void" : "replace"
        do {
            try gateway.requestCorrection(claimID: record.id, void: void)
        } catch let error as StoreError {
            return forbidden(visitor, reason: error.message)
        }
        try gateway.audit(
            "claim-\(action)", detail: "\(action) of claim \(record.id) requested for the next build",
            actor: visitor.user.name, target: "claim \(record.id)")
        logger.notice(
            "claim correction requested from the console",
            metadata: ["claim.id": "\(record.id)", "user": "\(visitor.user.name)", "correction": "\(action)"])
        return Self.redirect(to: "/claims/\(record.id)")
    }

    /// The replace and void buttons of an adjudicated claim that has no correction on its way.
    private func correctionForms(_ record: ClaimRecord, _ visitor: Visitor) -> HTML {
        guard visitor.user.role.mayAct, record.status.isAdjudicated, record.correction == nil else { return "" }
        var forms: HTML = "<h2>Correct</h2>"
        for (action, label) in [("replace", "Send a replacement (frequency 7)"), ("void", "Void (frequency 8)")] {
            forms += """
                <form method="post" action="/claims/\(record.id)/\(action)" class="correct"><input type="hidden" \
                name="csrf" value="\(visitor.session.csrfToken)"><button id="\(action)">\(label)</button></form>
                """
        }
        return forms
    }

    /// One CAS adjustment: group and reason with their descriptions, and the amount.
    static func describe(_ adjustment: ClaimRemittance.Adjustment) -> HTML {
        let group =
            AdjustmentGroup(rawValue: adjustment.group).map(AdjustmentReason.describe(group:)) ?? "unknown group"
        let reason = AdjustmentReason.description(of: adjustment.reason) ?? "(not described in DropGate's table)"
        return """
            <li><code>\(adjustment.group)-\(adjustment.reason)</code> \(Money(cents: adjustment.cents).description): \
            \(reason) <small>(\(group))</small></li>
            """
    }

    /// Remark codes (RARCs), each with its description.
    static func describe(remarks: [String]) -> HTML {
        guard !remarks.isEmpty else { return "" }
        var list: HTML = "<ul class=\"remarks\">"
        for code in remarks {
            let text = RemarkCode.description(of: code) ?? "(not described in DropGate's table)"
            list += "<li><code>\(code)</code> \(text)</li>"
        }
        list += "</ul>"
        return list
    }

    /// A queue reason: a CAS code (`CO-16`) with its description, or an acknowledgment's message as it is.
    static func describe(reason: String) -> HTML {
        let parts = reason.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, AdjustmentGroup(rawValue: String(parts[0])) != nil,
            let text = AdjustmentReason.description(of: String(parts[1]))
        else { return "\(reason)" }
        return "<code>\(reason)</code> \(text)"
    }

    /// Claims, each linking to its timeline.
    static func claimTable(_ claims: [ClaimRecord]) -> HTML {
        var table: HTML = """
            <table class="claims"><tr><th>claim</th><th>state</th><th>since</th><th>student</th><th>period</th>\
            <th>charge</th><th>paid</th></tr>
            """
        for claim in claims {
            table += """
                <tr><td><a href="/claims/\(claim.id)">\(claim.pcn)</a></td><td>\(claim.status.rawValue)</td>\
                <td>\(claim.statusAt)</td><td>\(claim.studentId)</td><td>\(claim.periodStart) – \(claim.periodEnd)</td>\
                <td>\(Money(cents: claim.totalCents).description)</td>\
                <td>\(claim.paidCents.map { Money(cents: $0).description } ?? "")</td></tr>
                """
        }
        table += "</table>"
        return table
    }

    /// A two-column table of facts, empty ones left out.
    static func factTable(_ facts: [(String, String)], id: String) -> HTML {
        var table: HTML = "<table id=\"\(id)\">"
        for (name, value) in facts where !value.isEmpty {
            table += "<tr><th>\(name)</th><td data-fact=\"\(name)\">\(value)</td></tr>"
        }
        table += "</table>"
        return table
    }
}

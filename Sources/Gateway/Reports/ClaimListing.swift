import Claims
import Foundation
import Mapping
import Store
import Values

/// Renders claim builds, batches and claims for operators (tables) and scripts (JSON).
public enum ClaimListing {
    /// A build's outcome, a line per fact and per exclusion rule.
    public static func summary(_ summary: ClaimBuildSummary) -> String {
        var lines = [
            "payer \(summary.payer)\(summary.dryRun ? " (dry run: nothing recorded or written)" : "")",
            "services considered \(summary.servicesConsidered), billed \(summary.servicesBilled), excluded \(summary.excluded.values.reduce(0, +)), for other payers \(summary.servicesForOtherPayers)",
            "claims \(summary.claims) (corrections \(summary.corrections)), total \(Money(cents: summary.totalCents))",
        ]
        for (rule, count) in summary.excluded.sorted(by: { $0.key < $1.key }) {
            lines.append("  excluded by \(rule): \(count)")
        }
        if summary.unverifiedRateLines > 0 {
            lines.append(
                "note: \(summary.unverifiedRateLines) line(s) priced from rates marked as configuration (verified: false); confirm them against the payer's published fee schedule"
            )
        }
        if let batch = summary.batchID, let file = summary.file {
            lines.append("batch \(batch) (control number \(summary.controlNumber ?? 0)) written to \(file)")
            if summary.awaitingReview {
                lines.append(
                    "batch \(batch) is awaiting review: `dropgate claims release \(batch)` delivers it, "
                        + "`dropgate claims discard \(batch)` gives it up")
            }
        } else if !summary.dryRun {
            lines.append("no batch: nothing billable")
        }
        if let report = summary.exceptionReport { lines.append("claim exceptions: \(report)") }
        return lines.joined(separator: "\n")
    }

    /// Batches, one per line.
    public static func batches(_ batches: [ClaimBatchRecord]) -> String {
        guard !batches.isEmpty else { return "no claim batches" }
        let rows = batches.map { batch in
            [
                String(batch.id), batch.payer, batch.format.rawValue, String(batch.interchangeControl),
                batch.state.rawValue,
                String(batch.claims), String(batch.lines), Money(cents: batch.totalCents).description, batch.createdAt,
                (batch.file as NSString).lastPathComponent, review(batch) ?? "",
            ]
        }
        return TextTable.render(
            header: [
                "ID", "PAYER", "FORMAT", "CONTROL", "STATE", "CLAIMS", "LINES", "TOTAL", "CREATED", "FILE", "REVIEW",
            ],
            rows: rows)
    }

    /// Who released or discarded a batch held for review, and when (`released by ann 2026-12-01T10:00:00Z`).
    static func review(_ batch: ClaimBatchRecord) -> String? {
        if let by = batch.releasedBy { return "released by \(by) \(batch.releasedAt ?? "")" }
        if let by = batch.discardedBy { return "discarded by \(by) \(batch.discardedAt ?? "")" }
        return batch.state == .awaitingReview ? "awaiting review" : nil
    }

    /// A batch and its claims.
    public static func batch(_ batch: ClaimBatchRecord, claims: [ClaimRecord]) -> String {
        var text = [
            "batch \(batch.id)  payer \(batch.payer)  \(batch.format.rawValue)  control \(batch.interchangeControl)  \(batch.state.rawValue)",
            "file \(batch.file)", "sha256 \(batch.sha256 ?? "-")  bytes \(batch.bytes.map(String.init) ?? "-")",
        ]
        if let acknowledgment = batch.acknowledgment { text.append("acknowledgment \(acknowledgment)") }
        if let review = review(batch) { text.append("review \(review)") }
        let rows = claims.map { claim in
            [
                String(claim.id), claim.pcn, claim.setControl, claim.frequency, claim.studentId, claim.renderingNpi,
                claim.periodStart, Money(cents: claim.totalCents).description, claim.status.rawValue,
                claim.paidCents.map { Money(cents: $0).description } ?? "",
            ]
        }
        text.append(
            TextTable.render(
                header: ["CLAIM", "PCN", "SET", "FREQ", "STUDENT", "RENDERING", "FROM", "CHARGE", "STATUS", "PAID"],
                rows: rows))
        return text.joined(separator: "\n")
    }

    /// One claim, its lines and the services they bill, and the batch it went out in.
    ///
    /// `statuses` are the claim's 277CA STC statuses, each with its category and status code in words.
    public static func claim(
        _ record: ClaimRecord, claim: Claim, batch: ClaimBatchRecord?, statuses: [ClaimStatusRecord] = []
    ) -> String {
        var text = [
            "claim \(record.id)  pcn \(record.pcn)  payer \(record.payer)  status \(record.status.rawValue)  frequency \(record.frequency)",
            "batch \(record.batchId)  set \(record.setControl)  file \(batch?.file ?? "-")  batch state \(batch?.state.rawValue ?? "-")"
                + (batch.flatMap(review).map { "  review \($0)" } ?? ""),
            "district \(record.district)  student \(record.studentId)  member \(record.memberId)  rendering \(record.renderingNpi)",
            "diagnoses \(claim.diagnoses.joined(separator: ", "))  place of service \(claim.placeOfService)",
            "charge \(Money(cents: record.totalCents))\(record.paidCents.map { "  paid \(Money(cents: $0))" } ?? "")\(record.payerClaimNumber.map { "  payer claim number \($0)" } ?? "")",
        ]
        if let corrects = record.corrects { text.append("corrects claim \(corrects)") }
        let rows = claim.lines.enumerated().map { index, line in
            [
                String(index + 1), line.date.description, line.service.startTime, line.code,
                line.modifiers.joined(separator: ":"), String(line.units), line.charge.description,
                line.pointers.map(String.init).joined(separator: ":"),
            ]
        }
        text.append(
            TextTable.render(header: ["LINE", "DATE", "START", "CODE", "MODS", "UNITS", "CHARGE", "DX"], rows: rows))
        if !statuses.isEmpty {
            text.append("277CA statuses (job, level, date, category:status:entity, action: meaning):")
            for status in statuses {
                let codes = [status.category, status.status] + (status.entity.isEmpty ? [] : [status.entity])
                let message = status.message.isEmpty ? "" : " (\(status.message))"
                text.append(
                    "  job \(status.jobId)  \(status.level)  \(status.statusDate)  \(codes.joined(separator: ":"))"
                        + "  \(status.action.isEmpty ? "-" : status.action): "
                        + ClaimStatusCode.description(category: status.category) + "; "
                        + ClaimStatusCode.description(status: status.status) + message)
            }
        }
        return text.joined(separator: "\n")
    }

    /// Any encodable value as pretty JSON with snake_case keys.
    public static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

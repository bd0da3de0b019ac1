import Claims
import Foundation
import GRDB
import Values

/// Claim batches, claims, their lines and billed services; payer control numbers.
public struct ClaimRepository: Sendable {
    let database: any SQLDatabase

    /// Runs a claim build in one write transaction (see ``ClaimBuildSession``).
    public func buildClaims<T>(_ body: (ClaimBuildSession) throws -> T) throws -> T {
        try database.write { db in
            // Two gateways building at once would both see the same services unbilled.
            try db.serialize("claim-build")
            return try body(ClaimBuildSession(db: db))
        }
    }

    /// Completes a batch whose file is written: `writing` → `built`, or `awaiting-review` when `held` (its file
    /// is in the payer's held folder, not delivered until released).
    public func markBatchWritten(id: Int64, sha256: String, bytes: Int64, held: Bool) throws {
        let state: BatchState = held ? .awaitingReview : .built
        try database.write { db in
            try db.execute(
                sql:
                    "UPDATE claim_batches SET state = ?, sha256 = ?, bytes = ? WHERE id = ? AND state = 'writing'",
                arguments: [state, sha256, bytes, id])
            try db.audit(
                job: nil, held ? "batch-held" : "batch-built",
                "batch \(id): \(bytes) bytes, sha256 \(sha256.prefix(12))")
        }
    }

    /// The files of batches written but not yet handed to their payer.
    public func builtBatchFiles() throws -> Set<String> {
        try database.read { db in
            Set(try db.fetchAll(String.self, sql: "SELECT file FROM claim_batches WHERE state = 'built'"))
        }
    }

    /// A claim batch handed to its payer: `built` → `submitted`, with its claims (any other file: no change).
    public func markSubmitted(file: String, now: Date = Date()) throws {
        try database.write { db in
            guard
                let id = try db.fetchOne(
                    Int64.self, sql: "SELECT id FROM claim_batches WHERE file = ? AND state = 'built'",
                    arguments: [file])
            else { return }
            try db.execute(sql: "UPDATE claim_batches SET state = 'submitted' WHERE id = ?", arguments: [id])
            try db.execute(
                sql: "UPDATE claims SET status = 'submitted', status_at = ? WHERE batch_id = ? AND status = 'built'",
                arguments: [Ledger.timestamp(now), id])
            try db.audit(job: nil, "batch-submitted", "batch \(id)")
        }
    }

    /// Gives up a batch whose file could not be written (it stays `writing`, and every build of its payer
    /// retries it): its claims become `rejected` and their services billable again, corrections hand theirs
    /// back to the claims they correct. Its control number stays used.
    ///
    /// - Throws: ``StoreError`` for an unknown batch, one that is not `writing`, or one whose file exists (a
    ///   complete file may have been delivered: the next build records it instead).
    public func discardUnwrittenBatch(id: Int64, fileExists: Bool, now: Date = Date()) throws {
        try database.write { db in
            guard let batch = try db.fetchOne(ClaimBatchRecord.self, key: id) else {
                throw StoreError(.notFound, "no claim batch \(id)")
            }
            guard batch.state == .writing, !fileExists else {
                throw StoreError(
                    .invalidTransition,
                    "batch \(id) is \(batch.state.rawValue)\(fileExists ? " and its file exists" : ""): only a batch whose file was never written can be discarded"
                )
            }
            try Self.releaseServices(db, batchID: id, now: now)
            try db.execute(
                sql: """
                    UPDATE claim_batches SET state = 'rejected', acknowledged_at = ?,
                        acknowledgment = 'discarded by the operator: the file was never written'
                    WHERE id = ?
                    """, arguments: [Ledger.timestamp(now), id])
            try db.audit(job: nil, "batch-discarded", "batch \(id)")
        }
    }

    /// Frees the services of a batch's claims for the next build (corrections hand theirs back to the claims
    /// they correct) and marks the claims `rejected`.
    static func releaseServices(_ db: any SQLConnection, batchID id: Int64, now: Date) throws {
        try db.execute(
            sql: """
                UPDATE billed_services SET claim_id = (SELECT corrects FROM claims WHERE id = billed_services.claim_id)
                WHERE claim_id IN (SELECT id FROM claims WHERE batch_id = ? AND corrects IS NOT NULL)
                """, arguments: [id])
        try db.execute(
            sql: "DELETE FROM billed_services WHERE claim_id IN (SELECT id FROM claims WHERE batch_id = ?)",
            arguments: [id])
        try db.execute(
            sql: "UPDATE claims SET status = 'rejected', status_at = ? WHERE batch_id = ?",
            arguments: [Ledger.timestamp(now), id])
    }

    /// Batches whose file may not have been written (a build interrupted between commit and rename).
    public func unwrittenBatches(payer: String) throws -> [ClaimBatchRecord] {
        try database.read { db in
            try db.fetchAll(
                ClaimBatchRecord.self, where: "payer = ? AND state = 'writing'", arguments: [payer], orderBy: "id")
        }
    }

    /// Every claim of a batch with its lines, in the order they were built (grouped by subscriber).
    public func forEachClaim(batchID: Int64, _ body: (Claim) throws -> Void) throws {
        try database.read { db in
            let ids = try db.fetchAll(
                Int64.self, sql: "SELECT id FROM claims WHERE batch_id = ? ORDER BY id", arguments: [batchID])
            for id in ids {
                if let claim = try Self.claim(db, id: id) { try body(claim) }
            }
        }
    }

    /// Batches, newest first.
    public func claimBatches(payer: String? = nil, limit: Int = 100) throws -> [ClaimBatchRecord] {
        try database.read { db in
            try db.fetchAll(
                ClaimBatchRecord.self, where: payer == nil ? nil : "payer = ?", arguments: payer.map { [$0] } ?? [],
                orderBy: "id DESC", limit: limit)
        }
    }

    /// Batches, newest first, optionally of one state, `limit` from `offset`.
    public func claimBatches(state: BatchState?, offset: Int, limit: Int) throws -> [ClaimBatchRecord] {
        try database.read { db in
            try db.fetchAll(
                ClaimBatchRecord.self, where: state == nil ? nil : "state = ?",
                arguments: state.map { [$0.rawValue] } ?? [],
                orderBy: "id DESC", limit: limit, offset: offset)
        }
    }

    /// How many batches are in each state; a state with none is absent.
    public func batchCounts() throws -> [BatchState: Int] {
        try database.read { db in
            var counts: [BatchState: Int] = [:]
            for row in try db.fetchAll(sql: "SELECT state, count(*) AS n FROM claim_batches GROUP BY state") {
                if let state = BatchState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    /// One batch.
    public func claimBatch(id: Int64) throws -> ClaimBatchRecord? {
        try database.read { db in try db.fetchOne(ClaimBatchRecord.self, key: id) }
    }

    /// The claims of a batch.
    public func claims(batchID: Int64) throws -> [ClaimRecord] {
        try database.read { db in
            try db.fetchAll(ClaimRecord.self, where: "batch_id = ?", arguments: [batchID], orderBy: "id")
        }
    }

    /// A claim by id or by patient control number.
    public func claimRecord(_ reference: String) throws -> ClaimRecord? {
        try database.read { db in
            if let id = Int64(reference) { return try db.fetchOne(ClaimRecord.self, key: id) }
            return try db.fetchOne(ClaimRecord.self, where: "pcn = ?", arguments: [reference.uppercased()])
        }
    }

    /// A claim with its lines as sent.
    public func claim(id: Int64) throws -> Claim? {
        try database.read { db in try Self.claim(db, id: id) }
    }

    /// Asks for a replacement (frequency 7) or void (8) of an accepted claim in the payer's next build.
    ///
    /// - Throws: ``StoreError`` when the claim is unknown, not yet adjudicated or accepted by the payer (no payer
    ///   claim number from an 835 or a 277CA), already replaced or voided, or already has a correction on its way.
    public func requestCorrection(claimID: Int64, void: Bool) throws {
        try database.write { db in
            guard let claim = try db.fetchOne(ClaimRecord.self, key: claimID) else {
                throw StoreError(.notFound, "no claim \(claimID)")
            }
            guard claim.status.isAdjudicated, claim.payerClaimNumber != nil else {
                throw StoreError(
                    .invalidTransition,
                    "claim \(claim.pcn) is \(claim.status.rawValue)\(claim.payerClaimNumber == nil ? " with no payer claim number yet" : ""): only a claim the payer adjudicated or accepted (its claim number known from an 835 CLP07 or a 277CA REF*1K) can be replaced or voided"
                )
            }
            let pending = try db.fetchOne(
                Int64.self,
                sql: """
                    SELECT id FROM claims
                    WHERE corrects = ? AND status IN ('built', 'submitted', 'accepted', 'accepted-by-payer', 'paid', 'partial', 'denied')
                    """, arguments: [claimID])
            // A request not built yet may change its mind (replace → void); one already sent must be answered first.
            if let pending {
                throw StoreError(
                    .invalidTransition,
                    "claim \(claim.pcn) already has a correction on its way (claim \(pending)): wait for the payer's answer to it"
                )
            }
            try db.execute(
                sql: "UPDATE claims SET correction = ? WHERE id = ?", arguments: [void ? "void" : "replace", claimID])
            try db.audit(job: nil, void ? "void-requested" : "replace-requested", "claim \(claimID)")
        }
    }
}

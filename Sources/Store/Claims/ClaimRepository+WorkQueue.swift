import Claims
import GRDB

/// What an 835 said about one claim: a row of its timeline.
public struct ClaimRemittance: Sendable, Equatable {
    /// One CAS adjustment as recorded.
    public struct Adjustment: Sendable, Equatable {
        /// CAS01 (`CO`, `PR`, `OA`, `PI`).
        public var group: String
        /// The CARC.
        public var reason: String
        /// The amount in cents.
        public var cents: Int64
    }

    /// The 835 job.
    public var jobId: Int64
    /// The transaction set's ordinal in the file.
    public var set: Int
    /// CLP02.
    public var statusCode: String
    /// How the reconciler classified it (paid, partial, denied, reversal, …).
    public var classification: String
    /// CLP03 in cents.
    public var chargeCents: Int64
    /// CLP04 in cents.
    public var paidCents: Int64
    /// CLP05 in cents.
    public var patientResponsibilityCents: Int64
    /// The CAS adjustments of the claim and its lines.
    public var adjustments: [Adjustment]
    /// CLP07.
    public var payerClaimNumber: String
    /// The remark codes (RARCs) of the claim and its lines, claim level first.
    public var remarks: [String]

    /// Reads the recorded form `N130;M15`.
    public static func remarks(_ text: String) -> [String] { text.split(separator: ";").map(String.init) }

    /// Reads the recorded form `CO-45:1200;PR-2:500`.
    public static func adjustments(_ text: String) -> [Adjustment] {
        text.split(separator: ";").compactMap { item in
            guard let dash = item.firstIndex(of: "-"), let colon = item.lastIndex(of: ":"), dash < colon,
                let cents = Int64(item[item.index(after: colon)...])
            else { return nil }
            return Adjustment(
                group: String(item[..<dash]), reason: String(item[item.index(after: dash)..<colon]), cents: cents)
        }
    }
}

/// A claim in the denial work queue, with the reason it was denied or rejected.
public struct DeniedClaim: Sendable {
    /// The claim.
    public var claim: ClaimRecord
    /// The first CAS reason of its latest 835 (`CO-16`), else the latest 277CA or 999 message.
    public var reason: String
}

extension ClaimRepository {
    /// What each 835 said about a claim, in the order the files came.
    public func remittances(claimID: Int64) throws -> [ClaimRemittance] {
        try database.read { db in
            try db.fetchAll(
                sql: """
                    SELECT job_id, COALESCE(set_ordinal, 1) AS set_ordinal, status_code, classification, charge_cents,
                        paid_cents, patient_responsibility_cents, adjustments, COALESCE(payer_claim_number, '') AS pcn, remarks
                    FROM remittance_claims WHERE claim_id = ? ORDER BY job_id, seq
                    """, arguments: [claimID]
            ).map { row in
                ClaimRemittance(
                    jobId: row["job_id"], set: row["set_ordinal"], statusCode: row["status_code"],
                    classification: row["classification"], chargeCents: row["charge_cents"],
                    paidCents: row["paid_cents"], patientResponsibilityCents: row["patient_responsibility_cents"],
                    adjustments: ClaimRemittance.adjustments(row["adjustments"]), payerClaimNumber: row["pcn"],
                    remarks: ClaimRemittance.remarks(row["remarks"]))
            }
        }
    }

    /// Denied and rejected claims not yet replaced or voided, oldest first, with their reason; only those whose
    /// reason starts with `reason` when given.
    public func denials(reason: String? = nil, offset: Int, limit: Int) throws -> (total: Int, claims: [DeniedClaim]) {
        try database.read { db in
            let sql = """
                SELECT c.*, COALESCE(
                    (SELECT substr(r.adjustments, 1, instr(r.adjustments || ':', ':') - 1) FROM remittance_claims r
                        WHERE r.claim_id = c.id AND r.adjustments <> '' ORDER BY r.job_id DESC, r.seq DESC LIMIT 1),
                    (SELECT a.category || ' ' || a.status || COALESCE(': ' || NULLIF(a.message, ''), '')
                        FROM claim_acknowledgments a WHERE a.claim_id = c.id ORDER BY a.job_id DESC, a.seq DESC LIMIT 1),
                    (SELECT k.kind || ' ' || k.result FROM acknowledgments k WHERE k.batch_id = c.batch_id
                        AND (k.set_control IS NULL OR k.set_control = c.set_control) ORDER BY k.job_id DESC, k.seq DESC LIMIT 1),
                    '') AS reason
                FROM claims c
                WHERE c.status IN ('denied', 'rejected', 'rejected-by-payer') AND c.correction IS NULL
                """
            let filter = reason == nil ? "" : " WHERE substr(reason, 1, ?) = ?"
            let arguments: SQLArguments = reason.map { [$0.count, $0] } ?? []
            let total =
                try db.fetchOne(Int.self, sql: "SELECT count(*) FROM (\(sql)) AS denied\(filter)", arguments: arguments)
                ?? 0
            let rows = try db.fetchAll(
                sql: "SELECT * FROM (\(sql)) AS denied\(filter) ORDER BY status_at, id LIMIT ? OFFSET ?",
                arguments: arguments + [limit, offset])
            return (total, try rows.map { DeniedClaim(claim: try $0.decode(ClaimRecord.self), reason: $0["reason"]) })
        }
    }
}

import Claims
import Formats
import Mapping
import Store

/// Applies what a payer's interchange says (read by ``InboundReader``): remittances to claims,
/// acknowledgments to batches; counts and issues for the job's receipt and exception report.
struct InboundHandler {
    let profile: PayerProfile
    let session: LoadSession
    var issues: [RowIssue] = []
    var counts = LoadCounts()
    /// The interchange's kind, once the reader has told it.
    var kind: X12TransactionKind?
    private var reconciler: Reconciler
    var sequence = 0
    /// The batches whose claims a 277CA answered, with how many it accepted and rejected.
    var acknowledgedBatches = AcknowledgedBatches()

    init(job: JobRecord, jobID: Int64, profile: PayerProfile, session: LoadSession, layout: OutboxLayout) throws {
        self.profile = profile
        self.session = session
        reconciler = try Reconciler(
            profile: profile, session: session,
            csvPath: layout.reconciliation(
                payer: profile.id, jobID: jobID, name: job.originalName, suffix: "reconciliation.csv"),
            summaryPath: layout.reconciliation(
                payer: profile.id, jobID: jobID, name: job.originalName, suffix: "summary.json"),
            file: job.originalName, jobID: jobID)
    }

    /// `x12-835`, `x12-999`, `x12-ta1`, `x12-277`.
    var kindName: String { "x12-" + (kind?.rawValue.lowercased() ?? "unknown") }

    /// Applies one event of the 835 reader.
    mutating func apply(_ event: RemittanceEvent) throws {
        switch event {
        case .header(let header): try reconciler.begin(header)
        case .claim(let claim):
            counts.read += 1
            switch try reconciler.apply(claim) {
            case .applied:
                counts.inserted += 1
            case .unmatched:
                counts.rejected += 1
                issues.append(
                    RowIssue(
                        line: claim.position, rule: "835-unmatched-claim", severity: .warning,
                        message: "CLP01 \(claim.patientControlNumber) matches no claim sent to \(profile.id)",
                        value: claim.patientControlNumber))
            case .notLive(let status):
                counts.rejected += 1
                issues.append(
                    RowIssue(
                        line: claim.position, rule: "835-claim-not-live",
                        message:
                            "CLP01 \(claim.patientControlNumber) is a \(status) claim: the payment was not applied; check for a double payment",
                        value: claim.patientControlNumber))
            }
        case .issue(let issue):
            counts.warnings += 1
            reconciler.note(issue)
            issues.append(
                RowIssue(
                    line: issue.segment, rule: issue.rule.rawValue,
                    severity: issue.severity == .error ? .error : .warning,
                    message: issue.message, value: issue.patientControlNumber))
        case .totals(let totals): try reconciler.end(totals)
        }
    }

    /// Applies one functional group's 999.
    mutating func apply(_ acknowledgment: FunctionalAcknowledgment) throws {
        for issue in acknowledgment.issues {
            issues.append(RowIssue(line: issue.segment, rule: issue.rule.rawValue, message: issue.message))
        }
        guard let control = Int64(acknowledgment.groupControlNumber),
            let batch = try session.batchID(payer: profile.id, controlNumber: control)
        else {
            issues.append(
                RowIssue(
                    line: 0, rule: "999-unmatched-group",
                    message: "AK102 \(acknowledgment.groupControlNumber) is no batch sent to \(profile.id)"))
            counts.read += acknowledgment.sets.count
            counts.rejected += acknowledgment.sets.count
            return
        }
        for set in acknowledgment.sets {
            sequence += 1
            counts.read += 1
            let errors = set.segmentErrors.map { error in
                let elements = error.elementErrors.map { "IK4 \($0.position) code \($0.code)" }.joined(separator: ", ")
                return "IK3 \(error.segmentID) at \(error.position) code \(error.code)"
                    + (elements.isEmpty ? "" : " (\(elements))")
            }
            let detail = "set \(set.controlNumber) " + (errors.isEmpty ? "no errors" : errors.joined(separator: "; "))
            let claims = try session.acknowledge(
                batchID: batch, setControl: set.controlNumber, accepted: set.result.isAccepted, sequence: sequence,
                payer: profile.id, kind: "999", result: set.result.rawValue, detail: detail)
            if claims == 0 {
                counts.rejected += 1
                issues.append(
                    RowIssue(
                        line: set.position, rule: "999-unmatched-set",
                        message: "AK202 \(set.controlNumber) is no transaction set of batch \(batch) (group \(control))"
                    ))
            } else if set.result.isAccepted {
                counts.inserted += 1
            } else {
                counts.rejected += 1
            }
        }
        // A group rejected as a whole may carry no AK2 at all: every set of the batch is rejected.
        if acknowledgment.sets.isEmpty, acknowledgment.groupResult.isRejected {
            sequence += 1
            counts.read += 1
            counts.rejected += 1
            try session.acknowledge(
                batchID: batch, setControl: nil, accepted: false, sequence: sequence, payer: profile.id, kind: "999",
                result: acknowledgment.groupResult.rawValue,
                detail: "group rejected"
                    + (acknowledgment.groupErrorCodes.isEmpty
                        ? "" : " (AK905 \(acknowledgment.groupErrorCodes.joined(separator: ", ")))"))
        }
    }

    /// Applies a TA1.
    mutating func apply(_ acknowledgment: InterchangeAcknowledgment) throws {
        sequence += 1
        counts.read += 1
        guard let control = Int64(acknowledgment.controlNumber),
            let batch = try session.batchID(payer: profile.id, controlNumber: control)
        else {
            counts.rejected += 1
            issues.append(
                RowIssue(
                    line: acknowledgment.position, rule: "ta1-unmatched-interchange",
                    message: "TA101 \(acknowledgment.controlNumber) is no interchange sent to \(profile.id)"))
            return
        }
        let rejected = acknowledgment.code == .rejected
        try session.acknowledge(
            batchID: batch, setControl: nil, accepted: rejected ? false : nil, sequence: sequence, payer: profile.id,
            kind: "TA1", result: acknowledgment.code.rawValue,
            detail: "\(acknowledgment.noteCode) \(acknowledgment.note)")
        if rejected { counts.rejected += 1 } else { counts.inserted += 1 }
    }

    /// Writes the reconciliation CSV and summary of an 835 (atomically, in the job's transaction).
    mutating func commitReports() throws {
        if kind == .remittance835 { try reconciler.commit() }
        if kind == .claimAcknowledgment277 { try settleAcknowledgedBatches() }
    }
}

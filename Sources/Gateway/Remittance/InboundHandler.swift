import Claims
import Formats
import Foundation
import Mapping
import Store

/// Applies what a payer's interchange says (read by ``InboundReader``): remittances to claims,
/// acknowledgments to batches; counts and issues for the job's receipt and exception report.
struct InboundHandler {
    let profile: PayerProfile
    let session: LoadSession
    /// The exception rows and counts of acknowledgments (999, TA1, 277CA); the 835's are the reconciler's.
    var acknowledgmentIssues: [RowIssue] = []
    var acknowledgmentCounts = LoadCounts()
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
            profile: profile, session: session, path: job.filePath,
            csvPath: layout.reconciliation(
                payer: profile.id, jobID: jobID, name: job.originalName, suffix: "reconciliation.csv"),
            summaryPath: layout.reconciliation(
                payer: profile.id, jobID: jobID, name: job.originalName, suffix: "summary.json"),
            file: job.originalName, jobID: jobID)
    }

    /// `x12-835`, `x12-999`, `x12-ta1`, `x12-277`.
    var kindName: String { "x12-" + (kind?.rawValue.lowercased() ?? "unknown") }

    /// Calls `body` with each row of the exception report, in the order found: acknowledgment rows, then the
    /// remittance's, read back from its spool (an 835 may report 100,000 unmatched claims).
    func forEachIssue(_ body: (RowIssue) throws -> Void) throws {
        for issue in acknowledgmentIssues { try body(issue) }
        try reconciler.issues.forEach(body)
    }

    /// How many rows the exception report has.
    var issueCount: Int { acknowledgmentIssues.count + reconciler.issues.count }

    /// The receipt's counts.
    var counts: LoadCounts {
        var counts = acknowledgmentCounts
        let remitted = reconciler.counts
        counts.read += remitted.read
        counts.inserted += remitted.inserted
        counts.rejected += remitted.rejected
        counts.warnings += remitted.warnings
        return counts
    }

    /// A payment this file repeats, applied by an earlier job: the file is rejected once all its checks ran.
    var resent: RowIssue? { reconciler.resent }

    /// Checks that an interchange or group comes from the payer and is addressed to us, as the profile's envelope
    /// says (the 837's receiver is the answer's sender).
    ///
    /// - Throws: ``UnsupportedInterchange`` naming the element, what it holds and what the profile expects.
    func check(_ parties: EnvelopeParties) throws {
        guard let envelope = profile.envelope else { return }
        let expected =
            parties.segmentID == "ISA"
            ? (sender: envelope.receiverID, receiver: envelope.senderID)
            : (sender: envelope.applicationReceiver, receiver: envelope.applicationSender)
        let elements = parties.elements
        for (element, found, wanted, role) in [
            (elements.sender, parties.sender, expected.sender, "the payer"),
            (elements.receiver, parties.receiver, expected.receiver, "us"),
        ] where found != wanted {
            throw UnsupportedInterchange(
                rule: "x12-sender-mismatch",
                message:
                    "\(element) '\(found)' is not \(role) as \(profile.id)'s profile names it ('\(wanted)'): a file from another sender or for another receiver is not applied",
                segment: parties.position)
        }
    }

    /// Applies one event of the 835 reader.
    mutating func apply(_ event: RemittanceEvent) throws {
        try reconciler.handle(event)
    }

    /// Applies one functional group's 999.
    mutating func apply(_ acknowledgment: FunctionalAcknowledgment) throws {
        acknowledgmentCounts.warnings += acknowledgment.elementIssues.count
        acknowledgmentIssues += acknowledgment.elementIssues.map(\.rowIssue)
        for issue in acknowledgment.issues {
            acknowledgmentIssues.append(
                RowIssue(line: issue.segment, rule: issue.rule.rawValue, message: issue.message))
        }
        guard let control = Int64(acknowledgment.groupControlNumber),
            let batch = try session.batchID(payer: profile.id, controlNumber: control)
        else {
            acknowledgmentIssues.append(
                RowIssue(
                    line: 0, rule: "999-unmatched-group",
                    message: "AK102 \(acknowledgment.groupControlNumber) is no batch sent to \(profile.id)"))
            acknowledgmentCounts.read += acknowledgment.sets.count
            acknowledgmentCounts.rejected += acknowledgment.sets.count
            return
        }
        for set in acknowledgment.sets {
            sequence += 1
            acknowledgmentCounts.read += 1
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
                acknowledgmentCounts.rejected += 1
                acknowledgmentIssues.append(
                    RowIssue(
                        line: set.position, rule: "999-unmatched-set",
                        message: "AK202 \(set.controlNumber) is no transaction set of batch \(batch) (group \(control))"
                    ))
            } else if set.result.isAccepted {
                acknowledgmentCounts.inserted += 1
            } else {
                acknowledgmentCounts.rejected += 1
                acknowledgmentIssues += Self.rejection(of: set, batch: batch)
            }
        }
        // A group rejected as a whole may carry no AK2 at all: every set of the batch is rejected.
        if acknowledgment.sets.isEmpty, acknowledgment.groupResult.isRejected {
            sequence += 1
            acknowledgmentCounts.read += 1
            acknowledgmentCounts.rejected += 1
            try session.acknowledge(
                batchID: batch, setControl: nil, accepted: false, sequence: sequence, payer: profile.id, kind: "999",
                result: acknowledgment.groupResult.rawValue,
                detail: "group rejected"
                    + (acknowledgment.groupErrorCodes.isEmpty
                        ? "" : " (AK905 \(acknowledgment.groupErrorCodes.joined(separator: ", ")))"))
        }
    }

    /// The exception rows of a set the payer's 999 rejected: one per IK3 segment error with its IK4 element
    /// errors, or one with the IK5 codes when the 999 names no segment.
    private static func rejection(of set: SetAcknowledgment, batch: Int64) -> [RowIssue] {
        let rejected = "batch \(batch) set \(set.controlNumber) rejected by the payer (IK5 \(set.result.rawValue))"
        guard !set.segmentErrors.isEmpty else {
            let codes = set.errorCodes.isEmpty ? "" : ": IK5 codes \(set.errorCodes.joined(separator: ", "))"
            return [RowIssue(line: set.position, rule: "999-set-rejected", message: rejected + codes)]
        }
        return set.segmentErrors.map { error in
            let loop = error.loopID.isEmpty ? "" : " in loop \(error.loopID)"
            var message =
                "\(rejected): IK3 \(error.segmentID) at segment \(error.position) of the set\(loop), code \(error.code)"
            for element in error.elementErrors {
                message += "; IK4 \(error.segmentID)\(String(format: "%02d", element.position))"
                message += element.reference.isEmpty ? "" : " (element \(element.reference))"
                message += " code \(element.code)"
            }
            let column = error.elementErrors.first.map { error.segmentID + String(format: "%02d", $0.position) }
            return RowIssue(line: set.position, column: column, rule: "999-set-rejected", message: message)
        }
    }

    /// Applies a TA1.
    mutating func apply(_ acknowledgment: InterchangeAcknowledgment) throws {
        acknowledgmentCounts.warnings += acknowledgment.elementIssues.count
        acknowledgmentIssues += acknowledgment.elementIssues.map(\.rowIssue)
        sequence += 1
        acknowledgmentCounts.read += 1
        guard let control = Int64(acknowledgment.controlNumber),
            let batch = try session.batchID(payer: profile.id, controlNumber: control)
        else {
            acknowledgmentCounts.rejected += 1
            acknowledgmentIssues.append(
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
        if rejected { acknowledgmentCounts.rejected += 1 } else { acknowledgmentCounts.inserted += 1 }
    }

    /// Writes the reconciliation CSV and summary of an 835 (atomically, in the job's transaction).
    mutating func commitReports() throws {
        if kind == .remittance835 { try reconciler.commit() }
        if kind == .claimAcknowledgment277 { try settleAcknowledgedBatches() }
    }
}

import Claims
import Formats
import Foundation
import Mapping
import Store
import Transport
import Values

/// Applies an 835 to the claims sent, set by set, and writes the reconciliation report: a CSV with one row per
/// remitted claim and the JSON ``RemittanceSummary``.
///
/// Before any money is applied: the payee (N1*PE) must be the profile's billing provider, and each remitted claim
/// must fit the claim it names (``RemittanceClassifier``). Each transaction set runs in a savepoint: a set that
/// fails a balance check is undone and read again as `held` (reported, nothing applied) until an operator
/// releases it. A payment already applied by another job is reported after the whole file was checked, so a
/// broken resend is reported as broken.
struct Reconciler {
    let profile: PayerProfile
    let session: LoadSession
    /// The staged 835, read again for a held set.
    let path: String
    private let recorder: RemittanceRecorder
    let csvPath: String
    let summaryPath: String
    /// The exception report's rows, spilled to a scratch file beside the staged 835 when there are many.
    let issues: RowIssueSpool
    /// The receipt's counts.
    private(set) var counts = LoadCounts()
    /// The first payment found already applied by an earlier job: the file is rejected after all its checks.
    private(set) var resent: RowIssue?
    private var csv: AtomicFileWriter?
    private var open: OpenSet?
    private var checkpoint: Checkpoint?
    /// Whether the set being read is being recorded as held (read again after its savepoint was undone).
    private var holding = false
    /// Whether this applies one held set on an operator's request: no balance check holds it again.
    private let releasing: Bool
    private var classifier = RemittanceClassifier()
    private var summary: RemittanceSummary
    private var sequence = 0
    private let now = Ledger.timestamp(Date())

    static let columns = [
        "claim", "claim_id", "student_id", "status_code", "classification", "billed", "allowed", "paid",
        "patient_responsibility", "adjustments", "payer_claim_number", "lines_matched", "set", "remarks",
    ]

    /// The set being read.
    private struct OpenSet {
        var header: RemittanceHeader
        var paidOn: Day?
        var claims = 0
        var balanceIssues = 0
        var unbalanced = false
    }

    /// What a held set takes back: everything recorded since the set began.
    private struct Checkpoint {
        var issues: RowIssueSpool.Mark
        var counts: LoadCounts
        var classifier: RemittanceClassifier
        var summary: RemittanceSummary
        var sequence: Int
        var csvBytes: Int64
    }

    /// A reconciler for one 835 job, or (`releasingAfter`: the sequence number its first claim row follows) for
    /// the release of one of its held sets.
    init(
        profile: PayerProfile, session: LoadSession, path: String, csvPath: String, summaryPath: String, file: String,
        jobID: Int64, releasingAfter sequence: Int? = nil
    ) throws {
        releasing = sequence != nil
        self.sequence = sequence ?? 0
        self.profile = profile
        self.session = session
        self.path = path
        issues = RowIssueSpool(folder: FileSystem.directory(of: path))
        recorder = try session.remittanceRecorder()
        self.csvPath = csvPath
        self.summaryPath = summaryPath
        summary = RemittanceSummary(jobID: jobID, file: file, payer: profile.id)
    }

    /// Takes one event of the 835 reader.
    mutating func handle(_ event: RemittanceEvent) throws {
        switch event {
        case .header(let header): try begin(header)
        case .claim(let claim): try apply(claim)
        case .issue(let issue): try note(issue)
        case .element(let issue) where !releasing:
            counts.warnings += 1
            try issues.append(issue.rowIssue)
        case .element: break
        case .totals(let totals): try end(totals)
        }
    }

    private mutating func begin(_ header: RemittanceHeader) throws {
        try checkPayee(header)
        open = OpenSet(header: header, paidOn: Day(iso: X12Date.iso(header.paymentDate)))
        guard !holding else { return }
        if resent == nil,
            let earlier = try session.jobApplying(
                payer: profile.id, trace: header.traceNumber, paymentCents: header.signedPayment.cents)
        {
            resent = RowIssue(
                line: header.paymentPosition, rule: "835-already-applied",
                message:
                    "\(header.identity): payment trace \(header.traceNumber) of \(header.signedPayment) was already applied by job \(earlier): a resent 835 is not applied twice"
            )
        }
        guard !releasing else { return }
        try session.beginRemittanceSet()
        checkpoint = Checkpoint(
            issues: issues.mark(), counts: counts, classifier: classifier, summary: summary, sequence: sequence,
            csvBytes: try csvWriter().byteCount)
    }

    /// The payee must be the billing provider the claims were sent for: by NPI (N103 `XX`) or TIN (`FI`).
    private func checkPayee(_ header: RemittanceHeader) throws {
        let payee = header.payee
        let provider = profile.billingProvider
        let digits = { (text: String) in text.filter(\.isNumber) }
        let matches: Bool
        let expected: String
        switch payee.idQualifier {
        case "XX":
            matches = payee.id == provider.npi
            expected = "NPI \(provider.npi)"
        case "FI":
            matches = digits(payee.id) == digits(provider.taxID)
            expected = "TIN \(provider.taxID)"
        default:
            throw UnsupportedInterchange(
                rule: "835-payee-mismatch",
                message:
                    "\(header.identity): the payee N1*PE is identified by N103 '\(payee.idQualifier)', not by an NPI (XX) or TIN (FI): it cannot be checked against \(profile.id)'s billing provider, so nothing is applied",
                segment: header.position)
        }
        guard matches else {
            throw UnsupportedInterchange(
                rule: "835-payee-mismatch",
                message:
                    "\(header.identity): the payee N1*PE \(payee.idQualifier) \(payee.id) is not \(profile.id)'s billing provider (\(expected)): this 835 pays someone else, nothing is applied",
                segment: header.position)
        }
    }

    /// Applies one remitted claim, or records it as held.
    private mutating func apply(_ remitted: RemittanceClaim) throws {
        guard var set = open else { return }
        sequence += 1
        set.claims += 1
        open = set
        counts.read += 1
        let pcn = remitted.patientControlNumber
        let found = try claim(for: remitted)
        let decision: RemittanceDecision =
            holding || resent != nil
            ? .nothing(.held, .held) : classifier.decide(remitted, found: found?.billed)
        if let claim = found, decision.applies {
            try record(decision, on: claim, remitted, paidOn: set.paidOn)
        }
        try report(decision.match, remitted)
        summary.count(decision, of: remitted)
        let adjustments = remitted.adjustmentSummary
        let remarks = remitted.remarkSummary
        try row([
            pcn, found.map { String($0.id) } ?? "", found?.studentID ?? "", remitted.status.rawValue,
            decision.classification.rawValue, remitted.charge.description, remitted.allowed.description,
            remitted.paid.description, remitted.patientResponsibility.description, adjustments.text,
            remitted.payerClaimControlNumber, String(decision.linePayments.count),
            String(set.header.identity.ordinal), remarks,
        ])
        try recorder.recordRemittedClaim(
            sequence: sequence, set: set.header.identity.ordinal, payer: profile.id, pcn: pcn, claimID: found?.id,
            statusCode: remitted.status.rawValue, classification: decision.classification,
            chargeCents: remitted.charge.cents, paidCents: remitted.paid.cents,
            patientResponsibilityCents: remitted.patientResponsibility.cents,
            payerClaimNumber: remitted.payerClaimControlNumber, adjustments: adjustments.cents, remarks: remarks)
    }

    /// The claim a remitted claim names by CLP01; for a reversal whose CLP01 names a claim that holds no payment
    /// (payers often name the replacement or void there), the claim paid under its CLP07.
    private func claim(for remitted: RemittanceClaim) throws -> RemittedClaim? {
        let named = try recorder.claim(payer: profile.id, pcn: remitted.patientControlNumber)
        let number = remitted.payerClaimControlNumber
        guard remitted.status == .reversal, !number.isEmpty, named?.billed.holdsPayment != true else { return named }
        return try recorder.paidClaim(payer: profile.id, payerClaimNumber: number) ?? named
    }

    private mutating func record(
        _ decision: RemittanceDecision, on claim: RemittedClaim, _ remitted: RemittanceClaim, paidOn: Day?
    ) throws {
        if let paid = decision.paidCents {
            try recorder.adjudicate(
                claimID: claim.id, status: decision.claimState, paidCents: paid,
                payerClaimNumber: remitted.payerClaimControlNumber.isEmpty ? nil : remitted.payerClaimControlNumber,
                at: now)
        }
        for line in decision.linePayments {
            try recorder.payLine(claimID: claim.id, line: line.line, paidCents: line.paidCents)
        }
        if decision.retiresCorrected { try session.retireCorrected(byClaim: claim.id) }
        if decision.countsDaysToPayment, let paidOn, let submitted = Day(iso: claim.submittedAt.prefix(10)) {
            summary.addDaysToPayment(from: submitted, to: paidOn)
        }
    }

    /// Counts one remitted claim on the receipt and reports the ones not applied.
    private mutating func report(_ match: ClaimMatch, _ remitted: RemittanceClaim) throws {
        let pcn = remitted.patientControlNumber
        let issue: RowIssue?
        switch match {
        case .applied:
            counts.inserted += 1
            return
        case .held:
            issue = nil
        case .unmatched:
            issue = RowIssue(
                line: remitted.position, rule: "835-unmatched-claim", severity: .warning,
                message: "CLP01 \(pcn) matches no claim sent to \(profile.id)", value: pcn)
        case .notLive(let status):
            issue = RowIssue(
                line: remitted.position, rule: "835-claim-not-live",
                message:
                    "CLP01 \(pcn) is a \(status.rawValue) claim: the payment was not applied; check for a double payment",
                value: pcn)
        case .refused(let refusal):
            issue = RowIssue(
                line: refusal.segment, rule: refusal.rule.rawValue,
                message: "CLP01 \(pcn): \(refusal): not applied", value: pcn)
        }
        counts.rejected += 1
        if let issue {
            if issue.severity == .warning { counts.warnings += 1 }
            try issues.append(issue)
        }
    }

    /// Notes a failed balance check; an error holds the set. A release overrides the checks: they are on the
    /// job's report since the set was held.
    private mutating func note(_ issue: BalanceIssue) throws {
        summary.note(issue)
        open?.balanceIssues += 1
        guard !releasing else { return }
        if issue.severity == .error { open?.unbalanced = true } else { counts.warnings += 1 }
        let context = open.map { "\($0.header.identity): " } ?? ""
        try issues.append(
            RowIssue(
                line: issue.segment, rule: issue.rule.rawValue,
                severity: issue.severity == .error ? .error : .warning,
                message:
                    "\(context)\(issue.message): expected \(issue.expected), found \(issue.found), difference \(issue.found - issue.expected)",
                value: issue.patientControlNumber))
    }

    private mutating func end(_ totals: RemittanceTotals) throws {
        guard let set = open else { return }
        open = nil
        let header = set.header
        if releasing {
            summary.close(header, totals: totals, claims: set.claims, balanceIssues: set.balanceIssues, held: false)
            return
        }
        if holding || resent != nil || !set.unbalanced {
            if !holding { try session.endRemittanceSet(undo: false) }
            let held = holding || resent != nil
            summary.close(header, totals: totals, claims: set.claims, balanceIssues: set.balanceIssues, held: held)
            try session.recordRemittance(
                header.identity, payer: profile.id, trace: header.traceNumber, paymentCents: header.signedPayment.cents,
                method: header.paymentMethod, date: X12Date.iso(header.paymentDate), claims: set.claims,
                balanceIssues: set.balanceIssues, held: held)
            return
        }
        try hold(header.identity)
        try issues.append(
            RowIssue(
                line: header.position, rule: "835-set-held",
                message:
                    "\(header.identity) fails its balance checks: nothing of it was applied; it is held until an operator releases it (dropgate remit release JOB --set \(header.identity.ordinal))"
            ))
    }

    /// Undoes what the set applied and reads it again from the file, recording every claim as held.
    private mutating func hold(_ identity: RemittanceSetIdentity) throws {
        try session.endRemittanceSet(undo: true)
        if let checkpoint {
            try issues.rollback(to: checkpoint.issues)
            counts = checkpoint.counts
            classifier = checkpoint.classifier
            summary = checkpoint.summary
            sequence = checkpoint.sequence
            try csvWriter().truncate(to: checkpoint.csvBytes)
        }
        holding = true
        defer { holding = false }
        try RemittanceSetReplay.read(set: identity.ordinal, of: path) { try handle($0) }
    }

    /// The reconciliation CSV being written, opened with its header line on first use.
    private mutating func csvWriter() throws -> AtomicFileWriter {
        if let csv { return csv }
        try FileSystem.makeDirectories(FileSystem.directory(of: csvPath))
        let writer = try AtomicFileWriter(path: csvPath)
        try writer.write(CSVEscaping.line(Self.columns))
        csv = writer
        return writer
    }

    private mutating func row(_ fields: [String]) throws {
        try csvWriter().write(CSVEscaping.line(fields))
    }

    /// Publishes the CSV (header only when the 835 held no claims) and the summary.
    mutating func commit() throws {
        try csvWriter().commit()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFileWriter.write(String(decoding: try encoder.encode(summary), as: UTF8.self), to: summaryPath)
    }
}

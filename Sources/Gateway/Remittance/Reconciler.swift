import Claims
import Formats
import Foundation
import Store
import Transport
import Values

/// Matches an 835's claims to the claims sent, applies what ``RemittanceClassifier`` decides, and writes the
/// reconciliation report: a CSV with one row per remitted claim and the JSON ``RemittanceSummary``.
struct Reconciler {
    let profile: PayerProfile
    let session: LoadSession
    private let recorder: RemittanceRecorder
    let csvPath: String
    let summaryPath: String
    private var csv: AtomicFileWriter?
    private var header: RemittanceHeader?
    private var paidOn: Day?
    private var classifier = RemittanceClassifier()
    private var summary: RemittanceSummary
    private var sequence = 0
    private var setClaims = 0
    private var setIssues = 0
    private let now = Ledger.timestamp(Date())

    static let columns = [
        "claim", "claim_id", "student_id", "status_code", "classification", "billed", "allowed", "paid",
        "patient_responsibility", "adjustments", "payer_claim_number", "lines_matched",
    ]

    init(
        profile: PayerProfile, session: LoadSession, csvPath: String, summaryPath: String, file: String, jobID: Int64
    ) throws {
        self.profile = profile
        self.session = session
        recorder = try session.remittanceRecorder()
        self.csvPath = csvPath
        self.summaryPath = summaryPath
        summary = RemittanceSummary(jobID: jobID, file: file, payer: profile.id)
    }

    mutating func begin(_ header: RemittanceHeader) throws {
        if let earlier = try session.jobApplying(
            payer: profile.id, trace: header.traceNumber, paymentCents: header.signedPayment.cents)
        {
            throw UnsupportedInterchange(
                rule: "835-already-applied",
                message:
                    "payment trace \(header.traceNumber) of \(header.signedPayment) was already applied by job \(earlier): a resent 835 is not applied twice"
            )
        }
        self.header = header
        paidOn = Day(iso: X12Date.iso(header.paymentDate))
        setClaims = 0
        setIssues = 0
    }

    mutating func note(_ issue: BalanceIssue) {
        setIssues += 1
        summary.note(issue)
    }

    /// Applies one remitted claim and says how it matched.
    mutating func apply(_ remitted: RemittanceClaim) throws -> ClaimMatch {
        sequence += 1
        setClaims += 1
        let pcn = remitted.patientControlNumber
        let found = try recorder.claim(payer: profile.id, pcn: pcn)
        let decision = classifier.decide(remitted, found: found?.status)
        var linesMatched = 0
        if let claim = found, decision.match == .applied {
            if let state = decision.claimState {
                try recorder.adjudicate(
                    claimID: claim.id, status: state, paidCents: decision.paidCents,
                    payerClaimNumber: remitted.payerClaimControlNumber.isEmpty ? nil : remitted.payerClaimControlNumber,
                    at: now)
            }
            // SVC06 holds the procedure as billed when the payer adjudicated another one.
            for line in remitted.lines where decision.appliesLines {
                let billed = line.originalProcedure ?? line.procedure
                if try recorder.payLine(
                    claimID: claim.id, code: billed.code, modifiers: billed.modifiers,
                    date: X12Date.iso(line.serviceFrom),
                    paidCents: decision.takesPaymentBack ? nil : line.paid.cents)
                {
                    linesMatched += 1
                } else {
                    summary.unmatchedLines += 1
                }
            }
            if decision.countsDaysToPayment, let paidOn, let submitted = Day(iso: claim.submittedAt.prefix(10)) {
                summary.addDaysToPayment(from: submitted, to: paidOn)
            }
        }
        summary.count(decision, of: remitted)
        let adjustments = remitted.adjustmentSummary
        try row([
            pcn, found.map { String($0.id) } ?? "", found?.studentID ?? "", remitted.status.rawValue,
            decision.classification.rawValue, remitted.charge.description, remitted.allowed.description,
            remitted.paid.description, remitted.patientResponsibility.description, adjustments.text,
            remitted.payerClaimControlNumber, String(linesMatched),
        ])
        try recorder.recordRemittedClaim(
            sequence: sequence, payer: profile.id, pcn: pcn, claimID: found?.id, statusCode: remitted.status.rawValue,
            classification: decision.classification, chargeCents: remitted.charge.cents,
            paidCents: remitted.paid.cents, patientResponsibilityCents: remitted.patientResponsibility.cents,
            payerClaimNumber: remitted.payerClaimControlNumber, adjustments: adjustments.cents)
        return decision.match
    }

    mutating func end(_ totals: RemittanceTotals) throws {
        guard let header else { return }
        summary.close(header, totals: totals, claims: setClaims, balanceIssues: setIssues)
        try session.recordRemittance(
            setControl: header.controlNumber, payer: profile.id, trace: header.traceNumber,
            paymentCents: header.signedPayment.cents, method: header.paymentMethod,
            date: X12Date.iso(header.paymentDate), claims: setClaims, balanceIssues: setIssues)
        self.header = nil
    }

    private mutating func row(_ fields: [String]) throws {
        if csv == nil {
            try FileSystem.makeDirectories(FileSystem.directory(of: csvPath))
            let writer = try AtomicFileWriter(path: csvPath)
            try writer.write(CSVEscaping.line(Self.columns))
            csv = writer
        }
        try csv?.write(CSVEscaping.line(fields))
    }

    /// Publishes the CSV (header only when the 835 held no claims) and the summary.
    mutating func commit() throws {
        if csv == nil { try row([]) }
        try csv?.commit()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFileWriter.write(String(decoding: try encoder.encode(summary), as: UTF8.self), to: summaryPath)
    }
}

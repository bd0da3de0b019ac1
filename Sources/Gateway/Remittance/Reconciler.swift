import Claims
import Formats
import Foundation
import Store
import Transport
import Values

/// Matches an 835's claims to the claims sent, applies what was paid, and writes the reconciliation report:
/// a CSV with one row per remitted claim and a JSON summary with the payment, the balance check and the KPIs.
struct Reconciler {
    let profile: PayerProfile
    let session: LoadSession
    private let recorder: RemittanceRecorder
    let csvPath: String
    let summaryPath: String
    private var csv: AtomicFileWriter?
    private var header: RemittanceHeader?
    private var paidOn: Day?
    private var reversed: Set<String> = []
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
        paidOn = Day(iso: Self.isoDate(header.paymentDate))
        setClaims = 0
        setIssues = 0
    }

    mutating func note(_ issue: BalanceIssue) {
        setIssues += 1
        summary.balanceIssues.append(
            .init(
                rule: issue.rule.rawValue, segment: issue.segment, claim: issue.patientControlNumber,
                message: issue.message))
    }

    /// How a remitted claim was matched.
    enum Match {
        /// To a live claim, now updated.
        case applied
        /// To no claim sent to this payer.
        case unmatched
        /// To a claim that is no longer live (rejected, replaced or voided): left as it is, to be looked at.
        case notLive(status: String)
    }

    /// Applies one remitted claim and says how it matched.
    mutating func apply(_ remitted: RemittanceClaim) throws -> Match {
        sequence += 1
        setClaims += 1
        let pcn = remitted.patientControlNumber
        let found = try recorder.claim(payer: profile.id, pcn: pcn)
        // A replaced or voided claim may still see its payment reversed; anything else paying it is suspect.
        let retired = found.map { $0.status == "replaced" || $0.status == "voided" } ?? false
        let live = found.map { $0.status != "rejected" && (!retired || remitted.status == .reversal) } ?? false
        let claim = live ? found : nil
        let isReversal = remitted.status == .reversal
        let corrects = !isReversal && reversed.contains(pcn)
        var classification: String
        switch remitted.status {
        case .reversal: classification = "reversed"
        case .denied: classification = "denied"
        case .notOurClaimForwarded, .predeterminationPricingOnly: classification = "not-adjudicated"
        default:
            classification =
                remitted.paid == .zero ? "denied" : (remitted.paid.cents >= remitted.charge.cents ? "paid" : "partial")
        }
        let status = classification
        if isReversal { reversed.insert(pcn) }
        if corrects { classification = "corrected" }
        var linesMatched = 0
        if let claim {
            // A reversal takes the earlier payment back; the corrected claim that follows says what is paid now.
            let paid = isReversal ? 0 : remitted.paid.cents
            if status != "not-adjudicated", !retired {
                try recorder.adjudicate(
                    claimID: claim.id, status: status, paidCents: paid,
                    payerClaimNumber: remitted.payerClaimControlNumber.isEmpty ? nil : remitted.payerClaimControlNumber,
                    at: now)
            }
            // SVC06 holds the procedure as billed when the payer adjudicated another one.
            for line in remitted.lines where status != "not-adjudicated" {
                let billed = line.originalProcedure ?? line.procedure
                let date = Self.isoDate(line.serviceFrom)
                if try recorder.payLine(
                    claimID: claim.id, code: billed.code, modifiers: billed.modifiers, date: date,
                    paidCents: isReversal ? nil : line.paid.cents)
                {
                    linesMatched += 1
                } else {
                    summary.unmatchedLines += 1
                }
            }
            if !isReversal, !corrects, status == "paid" || status == "partial", let paidOn,
                let submitted = Day(iso: claim.submittedAt.prefix(10))
            {
                summary.addDaysToPayment(paidOn.daysSinceEpoch - submitted.daysSinceEpoch)
            }
        } else {
            classification = found == nil ? "unmatched" : "not-live"
            summary.unmatchedClaims += 1
        }
        summary.count(classification, denialReasons: classification == "denied" ? Self.reasons(remitted) : [])
        var adjustmentText = ""
        var adjustmentCents = ""
        for adjustment in remitted.adjustments + remitted.lines.flatMap(\.adjustments) {
            let code = adjustment.group.rawValue + "-" + adjustment.reason + ":"
            if !adjustmentText.isEmpty {
                adjustmentText += ";"
                adjustmentCents += ";"
            }
            adjustmentText += code + adjustment.amount.description
            adjustmentCents += code + String(adjustment.amount.cents)
        }
        let patientResponsibility = remitted.patientResponsibility
        let allowed = remitted.paid + patientResponsibility
        try row([
            pcn, found.map { String($0.id) } ?? "", found?.studentID ?? "", remitted.status.rawValue, classification,
            remitted.charge.description, allowed.description, remitted.paid.description,
            patientResponsibility.description,
            adjustmentText, remitted.payerClaimControlNumber, String(linesMatched),
        ])
        try recorder.recordRemittedClaim(
            sequence: sequence, payer: profile.id, pcn: pcn, claimID: found?.id, statusCode: remitted.status.rawValue,
            classification: classification, chargeCents: remitted.charge.cents, paidCents: remitted.paid.cents,
            patientResponsibilityCents: patientResponsibility.cents, payerClaimNumber: remitted.payerClaimControlNumber,
            adjustments: adjustmentCents)
        if let found, !live { return .notLive(status: found.status) }
        return found == nil ? .unmatched : .applied
    }

    mutating func end(_ totals: RemittanceTotals) throws {
        guard let header else { return }
        summary.sets.append(
            .init(
                control: header.controlNumber, trace: header.traceNumber, payment: header.signedPayment.description,
                method: header.paymentMethod, date: Self.isoDate(header.paymentDate), claims: setClaims,
                providerAdjustments: totals.providerAdjustmentTotal.description, balanceIssues: setIssues))
        summary.paymentCents += header.signedPayment.cents
        try session.recordRemittance(
            setControl: header.controlNumber, payer: profile.id, trace: header.traceNumber,
            paymentCents: header.signedPayment.cents, method: header.paymentMethod,
            date: Self.isoDate(header.paymentDate), claims: setClaims, balanceIssues: setIssues)
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
        try AtomicFileWriter.write(try summary.json(), to: summaryPath)
    }

    /// CARCs of a denied claim, as `group-reason`.
    static func reasons(_ claim: RemittanceClaim) -> [String] {
        (claim.adjustments + claim.lines.flatMap(\.adjustments)).map { "\($0.group.rawValue)-\($0.reason)" }
    }

    /// `CCYYMMDD` → `CCYY-MM-DD` (other text unchanged).
    static func isoDate(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == 8, bytes.allSatisfy({ (48...57).contains($0) }) else {
                return String(decoding: bytes, as: UTF8.self)
            }
            return String(unsafeUninitializedCapacity: 10) { out in
                var index = 0
                for (position, byte) in bytes.enumerated() {
                    if position == 4 || position == 6 {
                        out[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    out[index] = byte
                    index += 1
                }
                return index
            }
        }
    }
}

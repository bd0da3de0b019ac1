import Claims
import Crypto
import Formats
import Foundation
import Logging
import Store
import Transport
import Values

/// Builds a payer's claims from loaded services: screen, price, group, record, write the batch file.
///
/// The claims, lines, billed services and the payer's control number commit in one transaction before the
/// file is written; the file is rendered from what was recorded, so a build interrupted after the commit is
/// finished by the next build with the very same control numbers and bytes (never a second number).
struct ClaimBuilder {
    let ledger: Ledger
    let layout: OutboxLayout
    let profiles: [PayerProfile]
    let logger: Logger
    let faults: FaultInjection
    /// Where a build shows its progress while it runs.
    let inFlight: WorkInFlight

    /// A dry run rolls the transaction back after counting.
    private struct DryRun: Error {}

    func build(payer: String, through: Day?, dryRun: Bool, today: Day, now: Date) throws -> ClaimBuildSummary {
        guard let profile = profiles.first(where: { $0.id == payer }) else {
            let known = profiles.map(\.id).joined(separator: ", ")
            throw GatewayError(.notFound, "unknown payer '\(payer)'; payer profiles: \(known.isEmpty ? "none" : known)")
        }
        return try inFlight.track(title: "claims build \(payer)", source: payer, unit: "services") { progress in
            try build(profile, through: through, dryRun: dryRun, today: today, now: now, progress: progress)
        }
    }

    private func build(
        _ profile: PayerProfile, through: Day?, dryRun: Bool, today: Day, now: Date, progress: WorkProgress
    ) throws -> ClaimBuildSummary {
        let payer = profile.id
        if !dryRun { try finishUnwritten(profile) }
        let through = min(through ?? today, today)
        let screen = ServiceScreen(profile: profile, today: today)
        let stamp = Self.stamp(now)
        var summary = ClaimBuildSummary(
            payer: payer, dryRun: dryRun, servicesConsidered: 0, servicesBilled: 0, servicesForOtherPayers: 0,
            excluded: [:], claims: 0, corrections: 0, totalCents: 0, unverifiedRateLines: 0)
        let report = ClaimExceptionReport(
            path: layout.claimReportsFolder(payer: payer) + "/\(stamp)-\(FileSystem.processID)-exceptions.csv",
            enabled: !dryRun)
        var batch: (id: Int64, control: Int, file: String)?
        var lines = 0
        do {
            try ledger.claims.buildClaims { session in
                var assembler = ClaimAssembler(profile: profile)
                func record(_ claim: Claim, corrects: Int64?) throws {
                    if batch == nil {
                        let control = try session.nextControlNumber(payer: payer)
                        let file = batchPath(profile, control: control)
                        let id = try session.createBatch(
                            payer: payer, format: profile.format, controlNumber: control, file: file,
                            createdAt: now)
                        batch = (id, control, file)
                    }
                    guard let batch else { return }
                    let setControl = ProfessionalClaimWriter.padded(summary.claims / profile.maxClaimsPerSet + 1, 4)
                    _ = try session.add(
                        claim, payer: payer, batchID: batch.id, setControl: setControl, corrects: corrects, now: now)
                    summary.claims += 1
                    summary.totalCents += claim.total.cents
                    lines += claim.lines.count
                }
                let corrections = try session.requestedCorrections(payer: payer)
                if profile.format == .ndis, !corrections.isEmpty {
                    throw GatewayError(
                        .invalidConfiguration,
                        "NDIS bulk payment files carry no replacements or voids (\(corrections.count) requested for "
                            + "\(payer)); correct or cancel the payment request in the myplace portal")
                }
                for (id, recorded) in corrections {
                    var correction = recorded
                    if recorded.frequency == .replacement {
                        correction = try replacement(
                            of: id, recorded: recorded, session: session, screen: screen, profile: profile
                        ) { key, exclusion in
                            summary.excluded[exclusion.rule.rawValue, default: 0] += 1
                            try report.append(key, exclusion)
                        }
                    }
                    try record(correction, corrects: id)
                    summary.corrections += 1
                }
                for district in profile.districts {
                    let others = codesOfOtherPayers(than: profile, district: district)
                    try session.forEachUnbilledService(district: district, through: through) { service in
                        summary.servicesConsidered += 1
                        progress.advance(1)
                        let code = service.key.billingCode.uppercased()
                        if profile.feeSchedule[code] == nil, others.contains(code) {
                            summary.servicesForOtherPayers += 1
                            return
                        }
                        switch screen.screen(service) {
                        case .failure(let exclusion):
                            summary.excluded[exclusion.rule.rawValue, default: 0] += 1
                            try report.append(service.key, exclusion)
                        case .success(let accepted):
                            summary.servicesBilled += 1
                            if !accepted.entry.verified { summary.unverifiedRateLines += 1 }
                            try assembler.add(service, accepted: accepted) { try record($0, corrects: nil) }
                        }
                    }
                    try assembler.finish { try record($0, corrects: nil) }
                }
                if let batch {
                    try session.finishBatch(
                        id: batch.id, claims: summary.claims, lines: lines, totalCents: summary.totalCents)
                }
                if dryRun { throw DryRun() }
            }
        } catch is DryRun {
            batch = nil
        }
        // The exception report first: it must survive a batch file that fails to be written.
        summary.exceptionReport = try report.commit()
        if let batch {
            summary.batchID = batch.id
            summary.file = batch.file
            summary.controlNumber = batch.control
            summary.awaitingReview = profile.review == .required
            faults.hit(.claimsAfterCommit)
            try writeBatch(profile, id: batch.id)
        }
        logger.info(
            dryRun ? "claim build (dry run)" : "claims built",
            metadata: [
                "payer.id": "\(payer)", "batch.id": "\(summary.batchID.map(String.init) ?? "-")",
                "claims.count": "\(summary.claims)", "services.billed": "\(summary.servicesBilled)",
                "services.excluded": "\(summary.excluded.values.reduce(0, +))",
            ])
        return summary
    }

    /// A replacement carries the claim's services as they are now (the correction the operator made in the
    /// roster or the service log), screened and priced again; a service that no longer passes is left out and
    /// reported.
    ///
    /// - Throws: ``GatewayError`` when nothing of the claim is billable any more (void it instead) or its
    ///   services no longer fit one claim.
    private func replacement(
        of id: Int64, recorded: Claim, session: ClaimBuildSession, screen: ServiceScreen, profile: PayerProfile,
        excluded: (ServiceKey, ClaimExclusion) throws -> Void
    ) throws -> Claim {
        var assembler = ClaimAssembler(profile: profile)
        var built: [Claim] = []
        for service in try session.currentServices(ofClaim: id) {
            switch screen.screen(service) {
            case .failure(let exclusion): try excluded(service.key, exclusion)
            case .success(let accepted): assembler.add(service, accepted: accepted) { built.append($0) }
            }
        }
        assembler.finish { built.append($0) }
        guard built.count == 1, var claim = built.first else {
            let reason =
                built.isEmpty
                ? "none of its services is billable any more; void it instead (`dropgate claims void \(id)`)"
                : "its services no longer fit one claim (student, practitioner or period changed); void it and bill them again"
            throw GatewayError(.invalidInput, "claim \(recorded.patientControlNumber) cannot be replaced: \(reason)")
        }
        claim.frequency = .replacement
        claim.payerClaimNumber = recorded.payerClaimNumber
        return claim
    }

    /// Writes the files of batches recorded by a build that stopped before its file was renamed into place.
    func finishUnwritten(_ profile: PayerProfile) throws {
        for batch in try ledger.claims.unwrittenBatches(payer: profile.id) {
            logger.notice(
                "finishing a claim batch interrupted before it was marked written",
                metadata: ["payer.id": "\(profile.id)", "batch.id": "\(batch.id)"])
            if let status = try? FileSystem.status(batch.file), status.isRegularFile {
                // Renamed into place whole, perhaps already delivered: keep those bytes, never render them anew
                // (the profile may have changed since) under the same control number.
                try ledger.claims.markBatchWritten(
                    id: batch.id, sha256: try Deliverer.sha256(of: batch.file), bytes: status.size,
                    held: isHeld(batch))
            } else {
                try writeBatch(profile, id: batch.id)
            }
        }
    }

    /// Renders a recorded batch to its file (temporary name, fsync, rename) and verifies it on the way.
    ///
    /// The format decides the bytes; writing, hashing, committing and recording the file are shared. An NDIS
    /// batch is checked row by row before anything is written: any violation leaves the batch unwritten (state
    /// `writing`) and throws; once the profile is fixed, the next build finishes it with the same number.
    private func writeBatch(_ profile: PayerProfile, id: Int64) throws {
        guard let batch = try ledger.claims.claimBatch(id: id) else {
            throw GatewayError(.inconsistent, "claim batch \(id) vanished before its file was written")
        }
        let render: (_ store: ([UInt8]) throws -> Void) throws -> Void
        switch profile.format {
        case .x12_837P:
            render = { store in try self.render837P(profile, batch: batch, store: store) }
        case .ndis:
            let bytes = NDISBulkPaymentFile.write(try ndisRequests(profile, batchID: id))
            render = { store in try store(bytes) }
        }
        try FileSystem.makeDirectories((batch.file as NSString).deletingLastPathComponent)
        let file = try AtomicFileWriter(path: batch.file)
        var hasher = SHA256()
        try render { bytes in
            try bytes.withUnsafeBytes { raw in
                try file.write(raw)
                hasher.update(bufferPointer: raw)
            }
        }
        try file.commit()
        faults.hit(.claimsAfterWrite)
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        try ledger.claims.markBatchWritten(id: id, sha256: digest, bytes: file.byteCount, held: isHeld(batch))
    }

    /// Whether a batch was recorded for review: its file is in the payer's held folder (decided when the batch
    /// was recorded, so a build finishing it after the profile changed keeps it held).
    private func isHeld(_ batch: ClaimBatchRecord) -> Bool {
        FileSystem.directory(of: batch.file) == layout.heldFolder(payer: batch.payer)
    }

    /// Streams a recorded batch as an 837P through `store`, checking every segment on the way.
    private func render837P(
        _ profile: PayerProfile, batch: ClaimBatchRecord, store: ([UInt8]) throws -> Void
    ) throws {
        let created = Self.created(batch.createdAt)
        var writer = try ProfessionalClaimWriter(
            profile: profile, controlNumber: Int(batch.interchangeControl), date: created.day, time: created.time)
        var tokenizer = X12Tokenizer()
        var verifier = ProfessionalClaimVerifier()
        func emit(_ bytes: [UInt8]) throws {
            try store(bytes)
            try bytes.withUnsafeBufferPointer { buffer in try tokenizer.feed(buffer) { verifier.check($0) } }
        }
        try ledger.claims.forEachClaim(batchID: batch.id) { claim in try writer.add(claim, emit: emit) }
        try writer.finish(emit: emit)
        try tokenizer.finish()
        guard verifier.problems.isEmpty else {
            let problems = verifier.problems.prefix(20).map(\.description).joined(separator: "; ")
            throw GatewayError(
                .inconsistent, "claim batch \(batch.id) failed the 837P checks and was not written: \(problems)")
        }
    }

    /// One NDIS payment request per recorded claim line of a batch, checked against the file's rules.
    ///
    /// - Throws: ``GatewayError`` listing every violation (row, column, rule) when a row breaks a rule, or
    ///   when a line's code is no longer in the profile's fee schedule.
    func ndisRequests(_ profile: PayerProfile, batchID: Int64) throws -> [NDISPaymentRequest] {
        guard let settings = profile.ndis else {
            throw GatewayError(.invalidConfiguration, "payer \(profile.id) has no ndis section")
        }
        var requests: [NDISPaymentRequest] = []
        try ledger.claims.forEachClaim(batchID: batchID) { claim in
            for (index, line) in claim.lines.enumerated() {
                guard let entry = profile.feeSchedule[line.code.uppercased()] else {
                    throw GatewayError(
                        .invalidConfiguration,
                        "claim \(claim.patientControlNumber) line \(index + 1): code \(line.code) is not in the "
                            + "\(profile.id) fee schedule; NDIS batch \(batchID) was not written")
                }
                let units = Int64(line.units)
                let exact = units > 0 && line.charge.cents % units == 0
                requests.append(
                    NDISPaymentRequest(
                        registrationNumber: settings.registrationNumber, ndisNumber: claim.subscriber.memberID,
                        deliveredFrom: line.date, deliveredTo: line.date, supportNumber: entry.supportItem ?? "",
                        claimReference: claim.patientControlNumber + "-" + String(index + 1),
                        quantity: String(line.units),
                        unitPrice: exact
                            ? Money(cents: line.charge.cents / units) : entry.rate(on: line.date) ?? line.charge,
                        gstCode: NDISGSTCode(rawValue: entry.gstCode ?? "") ?? .gstFree, abn: settings.abn ?? ""))
            }
        }
        let violations = NDISBulkPaymentFile.validate(requests)
        guard violations.isEmpty else {
            let listed = violations.prefix(20).map(\.description).joined(separator: "; ")
            let more = violations.count > 20 ? " (and \(violations.count - 20) more)" : ""
            throw GatewayError(
                .inconsistent,
                "NDIS batch \(batchID) breaks the bulk payment file rules and was not written: \(listed)\(more)")
        }
        return requests
    }

    /// Where a new batch's file goes: the delivery folder (`Outbox/<payer>/837P/`, `ndis/`), or the held folder
    /// when the profile requires review.
    private func batchPath(_ profile: PayerProfile, control: Int) -> String {
        let folder =
            profile.review == .required
            ? layout.heldFolder(payer: profile.id)
            : layout.batchFolder(payer: profile.id, format: profile.format.rawValue)
        return folder + "/" + Self.batchFileName(profile, control: control)
    }

    /// A batch file's name: `<payer>-<control>.x12` (837P) or `BPR<number>.csv` (NDIS).
    static func batchFileName(_ profile: PayerProfile, control: Int) -> String {
        switch profile.format {
        case .x12_837P: return "\(profile.id)-\(ProfessionalClaimWriter.padded(control, 9)).x12"
        case .ndis: return NDISBulkPaymentFile.fileName(batch: UInt32(clamping: control))
        }
    }

    /// Codes another profile billing the same district pays (services with them are not this payer's).
    private func codesOfOtherPayers(than profile: PayerProfile, district: String) -> Set<String> {
        var codes: Set<String> = []
        for other in profiles where other.id != profile.id && other.districts.contains(district) {
            codes.formUnion(other.feeSchedule.keys)
        }
        return codes
    }

    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss.SSS'Z'"
        return formatter.string(from: date)
    }

    /// Day and `HHMM` of a stored ISO 8601 UTC timestamp (`2026-11-22T03:15:07Z`).
    static func created(_ timestamp: String) -> (day: Day, time: String) {
        let day = Day(iso: timestamp.prefix(10)) ?? Day(year: 2000, month: 1, day: 1)!
        let characters = Array(timestamp)
        let time = characters.count >= 16 ? String(characters[11...12] + characters[14...15]) : "0000"
        return (day, time)
    }
}

import Claims
import Logging
import Mapping
import Store
import Values

/// What releasing a held 835 transaction set applied.
public struct RemittanceRelease: Sendable {
    /// Remitted claims read, applied and not applied (with their reasons on the job's exceptions).
    public var counts: LoadCounts
    /// The reconciliation report written for the released set.
    public var reportPath: String
}

extension Gateway {
    /// Applies an 835 transaction set that was held because it did not balance, on an operator's explicit
    /// request: read again from the archived file, each claim still checked against what was billed (only the
    /// balance checks are overridden), in one transaction.
    ///
    /// - Parameters:
    ///   - jobID: The 835 job (see `dropgate remit list`).
    ///   - set: The set's ordinal in the file (see `dropgate remit show`).
    /// - Throws: ``GatewayError`` when the job is no 835 of a payer inbox or its payment was applied since by
    ///   another job; ``StoreError`` when the set is not held.
    public func releaseHeldRemittance(jobID: Int64, set: Int) throws -> RemittanceRelease {
        guard let job = try ledger.jobs.job(id: jobID), job.kind == "x12-835" else {
            throw GatewayError(.notFound, "job \(jobID) is not an 835 remittance")
        }
        guard let payerID = config.source(job.source)?.payer, let profile = payers.first(where: { $0.id == payerID })
        else {
            throw GatewayError(.invalidConfiguration, "source \(job.source) of job \(jobID) is no payer's inbox now")
        }
        let name = job.originalName
        let csvPath = layout.reconciliation(
            payer: profile.id, jobID: jobID, name: name, suffix: "set-\(set)-released.reconciliation.csv")
        var counts = LoadCounts()
        try ArchivePlaintext.with(
            job, archive: config.paths.archive, staging: config.paths.staging, keys: archiveKeys
        ) { job in
            try releaseHeld(job, set: set, profile: profile, csvPath: csvPath, counts: &counts)
        }
        logger.notice(
            "held remittance set released",
            metadata: ["job.id": "\(jobID)", "set": "\(set)", "claims.applied": "\(counts.inserted)"])
        return RemittanceRelease(counts: counts, reportPath: csvPath)
    }

    /// Reads the held set from the job's (plaintext) file and applies it in one transaction.
    private func releaseHeld(
        _ job: JobRecord, set: Int, profile: PayerProfile, csvPath: String, counts: inout LoadCounts
    ) throws {
        let jobID = job.id ?? 0
        let name = job.originalName
        try ledger.remittance.release(jobID: jobID, set: set) { session, first in
            var reconciler = try Reconciler(
                profile: profile, session: session, path: job.filePath, csvPath: csvPath,
                summaryPath: layout.reconciliation(
                    payer: profile.id, jobID: jobID, name: name, suffix: "set-\(set)-released.summary.json"),
                file: name, jobID: jobID, releasingAfter: first)
            do {
                try RemittanceSetReplay.read(set: set, of: job.filePath) { try reconciler.handle($0) }
            } catch let error as UnsupportedInterchange {
                throw GatewayError(.invalidInput, error.message)
            }
            if let resent = reconciler.resent { throw GatewayError(.invalidInput, resent.message) }
            try reconciler.issues.forEach { try session.record($0) }
            try reconciler.commit()
            counts = reconciler.counts
        }
    }
}

import Claims
import Foundation
import Logging
import Store
import Transport
import Values

extension Gateway {
    /// Releases a batch held for review (`review: required`): its file moves from `Outbox/<payer>/held/` to the
    /// delivery folder and the batch becomes `built`, as it would have without review, so the next pass
    /// delivers it. Records who released it and when.
    ///
    /// The file moves first (a rename, the folder fsynced), then the state; a release interrupted between the
    /// two is finished by running it again (the file is found in the delivery folder with the batch's SHA-256).
    ///
    /// - Parameters:
    ///   - id: the batch id.
    ///   - by: who releases it (recorded); `nil`: the user running the process.
    /// - Returns: who was recorded as releasing it.
    /// - Throws: ``StoreError`` for an unknown batch or one not awaiting review; ``GatewayError`` when its held
    ///   file is missing; ``FileSystemError`` when it cannot be moved.
    @discardableResult
    public func releaseBatch(id: Int64, by: String? = nil, now: Date = Date()) throws -> String {
        let by = by ?? FileSystem.userName
        let batch = try heldBatch(id: id, action: "released")
        let target =
            layout.batchFolder(payer: batch.payer, format: batch.format.rawValue) + "/"
            + (batch.file as NSString).lastPathComponent
        try moveHeldFile(batch, to: target)
        try ledger.claims.releaseHeldBatch(id: id, file: target, by: by, now: now)
        logger.notice("claim batch released", metadata: ["batch.id": "\(id)", "payer.id": "\(batch.payer)"])
        return by
    }

    /// Gives up a batch: one held for review becomes `discarded` (its file moved to `Outbox/<payer>/discarded/`,
    /// who and when recorded); one whose file could not be written is rejected (see
    /// ``ClaimRepository/discardUnwrittenBatch(id:fileExists:now:)``). Either way its claims' services are
    /// billable again and its control number is never reused.
    ///
    /// - Parameters:
    ///   - id: the batch id.
    ///   - by: who discards it (recorded for a batch awaiting review); `nil`: the user running the process.
    /// - Returns: who discarded it.
    /// - Throws: ``StoreError`` for an unknown batch, or one neither awaiting review nor unwritten.
    @discardableResult
    public func discardBatch(id: Int64, by: String? = nil, now: Date = Date()) throws -> String {
        let by = by ?? FileSystem.userName
        guard let batch = try ledger.claims.claimBatch(id: id) else {
            throw StoreError(.notFound, "no claim batch \(id)")
        }
        switch batch.state {
        case .writing:
            try ledger.claims.discardUnwrittenBatch(id: id, fileExists: FileSystem.exists(batch.file), now: now)
        case .awaitingReview:
            // The held file is kept for the record when it is there; a file already gone delivers nothing either.
            let target = layout.discardedFolder(payer: batch.payer) + "/" + (batch.file as NSString).lastPathComponent
            if FileSystem.exists(batch.file) { try FileSystem.move(batch.file, to: target) }
            try ledger.claims.discardHeldBatch(id: id, file: target, by: by, now: now)
        default:
            throw StoreError(
                .invalidTransition,
                "batch \(id) is \(batch.state.rawValue): only a batch awaiting review, or one whose file was never "
                    + "written, can be discarded")
        }
        logger.notice("claim batch discarded", metadata: ["batch.id": "\(id)", "payer.id": "\(batch.payer)"])
        return by
    }

    private func heldBatch(id: Int64, action: String) throws -> ClaimBatchRecord {
        guard let batch = try ledger.claims.claimBatch(id: id) else {
            throw StoreError(.notFound, "no claim batch \(id)")
        }
        guard batch.state == .awaitingReview else {
            throw StoreError(
                .invalidTransition,
                "batch \(id) is \(batch.state.rawValue): only a batch awaiting review can be \(action)")
        }
        return batch
    }

    /// Moves a held batch's file to `target` for its release; a file already there with the batch's SHA-256 was
    /// moved by an interrupted release.
    private func moveHeldFile(_ batch: ClaimBatchRecord, to target: String) throws {
        if FileSystem.exists(batch.file) {
            try FileSystem.move(batch.file, to: target)
        } else if !FileSystem.exists(target) || (try? Deliverer.sha256(of: target)) != batch.sha256 {
            throw GatewayError(
                .inconsistent,
                "batch \(batch.id)'s held file \(batch.file) is missing: it cannot be released (discard it and build again)"
            )
        }
    }
}

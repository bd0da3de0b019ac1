import Store
import Transport
import Values

extension Gateway {
    /// Hands `body` the plaintext of a job's file (decrypted when its archive is encrypted) in chunks, and records
    /// in the audit trail that `actor` read it (the file may hold personal data).
    ///
    /// - Returns: the job.
    /// - Throws: ``GatewayError`` when there is no such job or its file is gone (retention); ``ArchiveError``
    ///   naming the file and chunk when it fails authentication, or its key is not configured.
    @discardableResult
    public func readArchivedFile(
        jobID: Int64, actor: String?, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> JobRecord {
        guard let job = try ledger.jobs.job(id: jobID) else { throw GatewayError(.notFound, "no job \(jobID)") }
        guard !job.filePath.isEmpty, FileSystem.exists(job.filePath) else {
            throw GatewayError(
                .notFound, "job \(jobID)'s file \(job.filePath) is gone (removed by retention?)")
        }
        try ledger.audit.record(
            "archive-show", detail: "the file of job \(jobID) was read", actor: actor, target: nil, job: jobID)
        try ArchiveFile.forEachChunk(of: job.filePath, keys: archiveKeys, body)
        return job
    }
}

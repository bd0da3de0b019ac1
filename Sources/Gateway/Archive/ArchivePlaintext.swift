import Store
import Transport

/// Where a job's handler reads an encrypted archived file (a requeue, a replay, a held 835's release): a
/// decrypted scratch copy in staging, `Staging/<source>/.incoming.<pid>.job<id>.tmp`, removed when the work ends
/// (and, should the process die first, by the next staging sweep, which knows it by its process id).
enum ArchivePlaintext {
    /// Runs `body` with the job as its handler must see it: unchanged when its file is not in the archive, plain
    /// (or gone: the handler reports that), else pointing at a decrypted scratch copy, removed afterwards. A
    /// received file is never taken for an encrypted archive, whatever its first bytes.
    ///
    /// - Throws: ``ArchiveError`` when the file fails authentication or its key is unknown; what `body` throws.
    static func with<T>(
        _ job: JobRecord, archive: String, staging: String, keys: ArchiveKeys, _ body: (JobRecord) throws -> T
    ) throws -> T {
        guard job.filePath.hasPrefix(archive + "/"), FileSystem.exists(job.filePath),
            try ArchiveFile.isEncrypted(job.filePath)
        else { return try body(job) }
        let folder = staging + "/" + job.source
        try FileSystem.makeDirectories(folder)
        var readable = job
        readable.filePath = folder + "/" + Stager.temporaryPrefix + "\(FileSystem.processID).job\(job.id ?? 0).tmp"
        defer { try? FileSystem.remove(readable.filePath) }
        try ArchiveFile.decrypt(job.filePath, to: readable.filePath, keys: keys)
        return try body(readable)
    }
}

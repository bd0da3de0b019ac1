import Crypto
import Foundation
import Logging
import Mapping
import Store
import Transport

/// Inbox entries that are not a regular file of their own are never read: a symbolic link may point anywhere (another
/// district's archive, `/etc/passwd`), a hard link's bytes belong to another name too, a FIFO or device would block
/// or never end. Each is a `rejected` job with rule `file-not-regular`, once per entry.
extension Intake {
    /// Why an entry is refused, or `nil` for a regular file with one name (directories are not asked).
    static func refusal(of entry: FileSystem.Entry) -> String? {
        switch entry.kind {
        case .regular:
            guard entry.links > 1 else { return nil }
            return "a hard link: the file has \(entry.links) names, so its bytes are also elsewhere"
        case .symbolicLink: return "a symbolic link, which is never followed"
        case .directory: return nil
        case .fifo, .device, .socket, .other: return "a \(entry.kind.rawValue)"
        }
    }

    /// The synthetic identity a refused entry's job has in place of a SHA-256 of bytes that were never read:
    /// `not-regular:` and the SHA-256 of what the entry is (kind, names, inode, size, mtime, name). The same entry
    /// left in place has the same identity and is reported once; one put in its place is reported again.
    static func refusedIdentity(of entry: FileSystem.Entry) -> String {
        let facts =
            "\(entry.kind.rawValue)\n\(entry.links)\n\(entry.device)\n\(entry.inode)\n"
            + "\(entry.size)\n\(entry.modified)\n\(entry.name)"
        return "not-regular:" + SHA256.hash(data: Data(facts.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Records a refused entry as a `rejected` job (rule `file-not-regular`, receipt and exception report), the
    /// first time it is seen; the entry is left where it is, unread.
    func refuse(_ entry: FileSystem.Entry, reason: String, from files: some FileSource, source: String) throws {
        var job = JobRecord(
            source: source, originalName: entry.name, origin: files.origin(of: entry.name),
            sha256: Self.refusedIdentity(of: entry), size: max(entry.size, 0), filePath: "", encoding: "none")
        job.originCleared = true
        let lease = JobLease.current()
        guard let created = try ledger.jobs.registerRefused(job, lease: lease), let id = created.id else { return }
        var logger = logger
        logger[metadataKey: "job.id"] = "\(id)"
        logger[metadataKey: "source.id"] = "\(source)"
        let issue = RowIssue(
            line: 0, rule: RuleID.fileNotRegular,
            message: "not a regular file: \(reason); it was not read and is left in place. "
                + "Put the file itself (a copy) in the inbox and remove this entry")
        try JobTransaction.reject(
            created, issues: [issue],
            context: JobTransaction.Context(
                ledger: ledger, lease: lease, layout: layout, logger: logger, started: .now,
                progress: WorkProgress(title: "job \(id)", jobID: id, source: source, unit: "records")))
    }
}

import Foundation
import Mapping
import Store
import Transport
import Values

extension Gateway {
    /// Loads a `done` job's archived file again with its kind's current mapping, after a mapping fix.
    ///
    /// A new job supersedes the old one (``JobRepository/replay(jobID:actor:now:)`` explains how the pair
    /// keeps the file's `(source, sha256)` identity) and is processed at once: in its one transaction it
    /// updates the rows the old job loaded, removes the ones the fixed mapping rejects or no longer produces
    /// (each reported as `replay-removed`, or `replay-kept-billed` for a billed service), and marks the old
    /// job superseded. Its receipt says `supersedes` and `removed`; the old receipt gains `superseded_by`.
    ///
    /// - Throws: ``GatewayError`` when the job is not a mapped file, its mapping's version is the one it was
    ///   loaded with (nothing changed: bump `version` with the fix), or its archived file is gone;
    ///   ``StoreError`` when it is not `done`, was superseded already, or has a replay waiting.
    public func replay(jobID: Int64, actor: String? = nil) throws -> JobRecord {
        guard let job = try ledger.jobs.job(id: jobID) else { throw GatewayError(.notFound, "no job \(jobID)") }
        if let reason = try replayRefusal(job) { throw GatewayError(.invalidInput, reason) }
        let replay = try ledger.jobs.replay(jobID: jobID, actor: actor)
        guard let id = replay.id else { return replay }
        return runner.process(jobID: id) ?? replay
    }

    /// Replays every `done`, not yet superseded job of a kind created from `from` through `through` (UTC days)
    /// whose mapping changed since; the others are listed with the reason they were skipped.
    public func replay(kind: String, from: Day, through: Day, actor: String? = nil) throws
        -> (replayed: [JobRecord], skipped: [(job: JobRecord, reason: String)])
    {
        guard mappings.mapping(kind: kind) != nil else {
            throw GatewayError(
                .notFound, "unknown kind '\(kind)'; kinds: \(mappings.mappings.map(\.kind).joined(separator: ", "))")
        }
        let start = Date(timeIntervalSince1970: TimeInterval(from.daysSinceEpoch) * 86_400)
        let end = Date(timeIntervalSince1970: TimeInterval(through.daysSinceEpoch + 1) * 86_400)
        var replayed: [JobRecord] = []
        var skipped: [(job: JobRecord, reason: String)] = []
        for job in try ledger.jobs.replayable(kind: kind, from: start, through: end) {
            if let reason = try replayRefusal(job) {
                skipped.append((job, reason))
                continue
            }
            guard let id = job.id else { continue }
            replayed.append(try replay(jobID: id, actor: actor))
        }
        return (replayed, skipped)
    }

    /// Why a job cannot be replayed by the gateway, or `nil`.
    private func replayRefusal(_ job: JobRecord) throws -> String? {
        let id = job.id ?? 0
        guard let kind = job.kind, let mapping = mappings.mapping(kind: kind) else {
            return "job \(id) is not a mapped file (kind \(job.kind ?? "none")); only mapped files are replayed"
        }
        if mapping.definition.version == job.mappingVersion {
            return
                "job \(id) was loaded with \(kind) version \(mapping.definition.version), the current one: nothing to replay (a mapping fix bumps its `version`)"
        }
        guard FileSystem.exists(job.filePath) else {
            return "job \(id)'s archived file \(job.filePath) is gone (retention?); it cannot be replayed"
        }
        return nil
    }
}

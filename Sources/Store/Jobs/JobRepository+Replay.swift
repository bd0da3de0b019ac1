import Foundation
import GRDB
import Values

extension JobRepository {
    /// Creates a job that loads a `done` job's archived file again, after its mapping changed.
    ///
    /// The replay keeps the file's identity `(source, sha256)` and takes the next `generation`, so it
    /// coexists with the job it supersedes under the unique index; the same bytes dropped later are a
    /// duplicate of the replay. The replay is `staged` with the job's kind forced and is processed by the next
    /// pass; in its one transaction it updates the rows the superseded job loaded, removes (and reports) those
    /// it no longer produces, and marks the superseded job `superseded_by` it. Until then the superseded job's
    /// rows stand; a rejected or dead replay leaves them as they were.
    ///
    /// - Throws: ``StoreError`` (`jobNotFound`, `invalidTransition`) when the job does not exist, is not `done`,
    ///   is a duplicate, was superseded already, or has a replay waiting to run.
    public func replay(jobID: Int64, actor: String? = nil, now: Date = Date()) throws -> JobRecord {
        try database.write { db in
            guard let job = try db.fetchOne(JobRecord.self, key: jobID) else {
                throw StoreError(.jobNotFound, "no job \(jobID)")
            }
            guard job.state == .done else {
                throw StoreError(
                    .invalidTransition,
                    "job \(jobID) is \(job.state.rawValue); only done jobs can be replayed (requeue a rejected or dead one)"
                )
            }
            if let replay = job.supersededBy {
                throw StoreError(.invalidTransition, "job \(jobID) was superseded by job \(replay); replay that one")
            }
            let pending = try db.fetchOne(
                Int64.self,
                sql: "SELECT id FROM jobs WHERE supersedes = ? AND state NOT IN ('done', 'rejected', 'dead') LIMIT 1",
                arguments: [jobID])
            if let pending {
                throw StoreError(
                    .invalidTransition, "job \(jobID) already has a replay waiting to run (job \(pending))")
            }
            let generation =
                try db.fetchOne(
                    Int.self,
                    sql: "SELECT MAX(generation) FROM jobs WHERE source = ? AND sha256 = ? AND state <> 'duplicate'",
                    arguments: [job.source, job.sha256]) ?? 0
            var replay = JobRecord(
                source: job.source, originalName: job.originalName, origin: "replay of job \(jobID)",
                sha256: job.sha256, size: job.size, filePath: job.filePath, kind: job.kind, encoding: job.encoding,
                now: now)
            replay.originCleared = true
            replay.generation = generation + 1
            replay.supersedes = jobID
            try db.insert(&replay)
            try db.audit(job: replay.id, "staged", "replay of job \(jobID)", actor: actor)
            try db.audit(job: jobID, "replay", "replayed by job \(replay.id ?? 0)", actor: actor)
            return replay
        }
    }

    /// `done` jobs of a kind created in a period (inclusive days, UTC) that no replay superseded, oldest first.
    public func replayable(kind: String, from: Date, through: Date) throws -> [JobRecord] {
        try database.read { db in
            try db.fetchAll(
                JobRecord.self,
                where: "kind = ? AND state = 'done' AND superseded_by IS NULL AND created_at >= ? AND created_at < ?",
                arguments: [kind, from, through], orderBy: "id")
        }
    }
}

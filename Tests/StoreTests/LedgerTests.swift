import Foundation
import Mapping
import TestThreads
import Testing

@testable import Store

@Suite(.blocking) struct LedgerTests {
    let folder: String
    let ledger: Ledger
    let lease = JobLease(owner: "test:1:1", duration: 60)

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)").path
        ledger = try Ledger(path: folder + "/db/dropgate.sqlite")
    }

    func staged(_ sha: String = "abc", source: String = "d1", origin: String = "/inbox/f.csv") -> JobRecord {
        JobRecord(
            source: source, originalName: "f.csv", origin: origin, sha256: sha, size: 10, filePath: "/staging/" + sha)
    }

    @Test func databaseFileIsPrivate() throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: ledger.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func sameBytesFromTheSameSourceBecomeADuplicate() throws {
        guard case .created(let first) = try ledger.jobs.register(staged()) else {
            Issue.record("expected a new job")
            return
        }
        try ledger.jobs.markOriginCleared(jobID: #require(first.id))
        guard case .duplicate(let duplicate, let original) = try ledger.jobs.register(staged()) else {
            Issue.record("expected a duplicate")
            return
        }
        #expect(original.id == first.id)
        #expect(duplicate.state == .duplicate)
        #expect(duplicate.duplicateOf == first.id)
        guard case .created = try ledger.jobs.register(staged(source: "d2")) else {
            Issue.record("another source's identical file is a new job")
            return
        }
    }

    @Test func aDropRegisteredBeforeACrashIsRecognisedNotDuplicated() throws {
        guard case .created(let first) = try ledger.jobs.register(staged()) else {
            Issue.record("expected a new job")
            return
        }
        guard case .alreadyRegistered(let again) = try ledger.jobs.register(staged()) else {
            Issue.record("the uncleared origin is the same drop")
            return
        }
        #expect(again.id == first.id)
    }

    @Test func failuresRetryThenDieAndOnlyEndStatesRequeue() throws {
        guard case .created(let job) = try ledger.jobs.register(staged()) else {
            Issue.record("expected a new job")
            return
        }
        let id = try #require(job.id)
        #expect(throws: StoreError.self) { try ledger.jobs.requeue(jobID: id) }
        _ = try ledger.jobs.beginAttempt(jobID: id, lease: lease)
        try ledger.jobs.recordFailure(
            jobID: id, error: "disk full", nextAttemptAt: Date().addingTimeInterval(3600), lease: lease)
        #expect(try ledger.jobs.job(id: id)?.state == .retryWait)
        #expect(try ledger.jobs.runnableJobs().isEmpty, "not due yet")
        #expect(try ledger.jobs.runnableJobs(now: Date().addingTimeInterval(7200)).map(\.id) == [id])
        _ = try ledger.jobs.beginAttempt(jobID: id, lease: lease)
        try ledger.jobs.recordFailure(jobID: id, error: "disk full", nextAttemptAt: nil, lease: lease)
        #expect(try ledger.jobs.job(id: id)?.state == .dead)
        let requeued = try ledger.jobs.requeue(jobID: id)
        #expect(requeued.state == .staged)
        #expect(requeued.attempts == 0)
    }
}

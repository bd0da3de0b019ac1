import Foundation
import GRDB
import Mapping
import TestThreads
import Testing
import Values

@testable import Store

/// Jobs are leased: a live lease of another process is never taken over, an expired one or one of a process
/// that has ended is, and a process whose lease was taken over can no longer commit or fail the job.
@Suite(.blocking) struct JobLeaseTests {
    let ledger: Ledger
    let first = JobLease(owner: "elsewhere:101:1", duration: 60)
    let second = JobLease(owner: "elsewhere:202:2", duration: 60)

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lease-\(UUID().uuidString)").path
        ledger = try Ledger(path: folder + "/dropgate.sqlite")
    }

    func stagedJob() throws -> Int64 {
        let job = JobRecord(
            source: "d1", originalName: "f.csv", origin: "/inbox/f.csv", sha256: "abc", size: 10,
            filePath: "/staging/abc")
        guard case .created(let created) = try ledger.jobs.register(job) else {
            throw StoreError(.sqlite, "not created")
        }
        return try #require(created.id)
    }

    func completion() -> JobCompletion {
        JobCompletion(
            state: .done, kind: nil, mappingVersion: nil, encoding: "utf-8", counts: LoadCounts(), receiptPath: nil,
            reportPath: nil, reason: nil, durationMs: 0)
    }

    @Test func aLiveLeaseIsNeverTakenOver() throws {
        let id = try stagedJob()
        let now = Date()
        let leased = try #require(try ledger.jobs.beginAttempt(jobID: id, lease: first, now: now))
        #expect(leased.leaseOwner == first.owner)
        #expect(leased.attempts == 1)
        #expect(try ledger.jobs.beginAttempt(jobID: id, lease: second, now: now.addingTimeInterval(59)) == nil)
        #expect(try ledger.jobs.job(id: id)?.attempts == 1, "a refused attempt changes nothing")
    }

    @Test func anExpiredLeaseIsTakenOverAndTheFormerHolderCanNoLongerCommitOrFail() throws {
        let id = try stagedJob()
        let now = Date()
        _ = try ledger.jobs.beginAttempt(jobID: id, lease: first, now: now.addingTimeInterval(-120))
        let taken = try #require(try ledger.jobs.beginAttempt(jobID: id, lease: second, now: now))
        #expect(taken.leaseOwner == second.owner)
        #expect(taken.attempts == 2)
        let refused = #expect(throws: StoreError.self) {
            try ledger.jobs.load(jobID: id, district: "d1", target: nil, fields: [], lease: first) { _ in completion() }
        }
        #expect(refused?.code == .leased)
        #expect(throws: StoreError.self) {
            try ledger.jobs.recordFailure(jobID: id, error: "x", nextAttemptAt: nil, lease: first)
        }
        #expect(try ledger.jobs.job(id: id)?.state == .processing)
        try ledger.jobs.load(jobID: id, district: "d1", target: nil, fields: [], lease: second) { _ in completion() }
        let done = try #require(try ledger.jobs.job(id: id))
        #expect(done.state == .done)
        #expect(done.leaseOwner == nil, "a finished job holds no lease")
    }

    @Test func aLeaseOfAnEndedProcessOfThisHostIsTakenOverAtOnce() throws {
        let id = try stagedJob()
        // A child that has exited: its pid names no running process.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let ended = JobLease(owner: "\(ProcessInfo.processInfo.hostName):\(child.processIdentifier):9", duration: 600)
        #expect(JobLease.ownerHasEnded(ended.owner))
        #expect(!JobLease.ownerHasEnded(JobLease.current().owner), "this process runs")
        #expect(!JobLease.ownerHasEnded(first.owner), "another host's process is presumed alive")
        _ = try ledger.jobs.beginAttempt(jobID: id, lease: ended)
        #expect(try ledger.jobs.beginAttempt(jobID: id, lease: second)?.leaseOwner == second.owner)
    }

    @Test func aRenewalKeepsTheLeaseLive() throws {
        let id = try stagedJob()
        let start = Date()
        _ = try ledger.jobs.beginAttempt(jobID: id, lease: first, now: start)
        try ledger.database.write { db in
            try ledger.jobs.renew(first, jobID: id, db: db, now: start.addingTimeInterval(50))
        }
        #expect(try ledger.jobs.beginAttempt(jobID: id, lease: second, now: start.addingTimeInterval(100)) == nil)
        #expect(try ledger.jobs.beginAttempt(jobID: id, lease: second, now: start.addingTimeInterval(111)) != nil)
    }
}

import Foundation
import GRDB
import Mapping
import PostgresClient
import PostgresSupport
import Synchronization
import TestThreads
import Testing
import Values

@testable import Store

/// The repositories behave the same on the embedded SQLite store and on a PostgreSQL database shared by
/// several gateways (DESIGN §9): each test runs on both, PostgreSQL a real server started for the suite.
@Suite(.sharedPostgres, .blocking) struct StoreParityTests {
    /// Which store a test case runs on.
    enum Kind: String, CaseIterable, Sendable {
        case sqlite, postgres
    }

    /// A new, empty store of `kind`.
    static func open(_ kind: Kind) throws -> Ledger {
        switch kind {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parity-\(UUID().uuidString)")
            return try Ledger(path: folder.path + "/dropgate.sqlite")
        case .postgres:
            let server = try SharedPostgres.server
            return try Ledger(postgres: try server.makeDatabase(), password: server.password)
        }
    }

    static func staged(_ name: String, sha256: String, source: String = "d1", now: Date = Date()) -> JobRecord {
        JobRecord(
            source: source, originalName: name, origin: "/inbox/\(name)", sha256: sha256, size: 10,
            filePath: "/staging/\(sha256)", now: now)
    }

    @Test(arguments: Kind.allCases) func registrationTellsNewDuplicateAndAnInterruptedDropApart(kind: Kind) throws {
        let ledger = try Self.open(kind)
        guard case .created(let first) = try ledger.jobs.register(Self.staged("a.csv", sha256: "aaa")) else {
            Issue.record("the first drop was not created")
            return
        }
        let id = try #require(first.id)
        guard case .alreadyRegistered(let again) = try ledger.jobs.register(Self.staged("a.csv", sha256: "aaa")) else {
            Issue.record("a drop registered before a crash was not recognised")
            return
        }
        #expect(again.id == id)
        try ledger.jobs.markOriginCleared(jobID: id)
        guard
            case .duplicate(let duplicate, of: let original) = try ledger.jobs.register(
                Self.staged("b.csv", sha256: "aaa"))
        else {
            Issue.record("the same bytes again were not a duplicate")
            return
        }
        #expect(duplicate.duplicateOf == id && original.id == id && duplicate.state == .duplicate)
        #expect(try ledger.jobs.owner(source: "d1", sha256: "aaa")?.id == id)
        #expect(try ledger.jobs.jobs(source: "d1").map(\.state) == [.duplicate, .staged])
        #expect(try ledger.jobs.runnableJobs(source: "d1").map(\.id) == [id])
        #expect(try ledger.jobs.uncleared(source: "d1").map(\.originalName) == ["b.csv"])
        let actions = try ledger.audit.entries(offset: 0, limit: 10).map(\.action)
        #expect(actions.sorted() == ["duplicate", "staged"])
    }

    @Test(arguments: Kind.allCases) func aLiveLeaseHoldsAnExpiredOneIsTakenOverAndFailuresRetryThenDie(kind: Kind)
        throws
    {
        let ledger = try Self.open(kind)
        guard case .created(let job) = try ledger.jobs.register(Self.staged("a.csv", sha256: "bbb")) else {
            Issue.record("not created")
            return
        }
        let id = try #require(job.id)
        let first = JobLease(owner: "elsewhere:1:1", duration: 60)
        let second = JobLease(owner: "elsewhere:2:2", duration: 60)
        let start = Date()
        #expect(try ledger.jobs.beginAttempt(jobID: id, lease: first, now: start)?.attempts == 1)
        #expect(try ledger.jobs.beginAttempt(jobID: id, lease: second, now: start.addingTimeInterval(30)) == nil)
        let taken = try #require(
            try ledger.jobs.beginAttempt(jobID: id, lease: second, now: start.addingTimeInterval(61)))
        #expect(taken.leaseOwner == second.owner && taken.attempts == 2)
        #expect(throws: StoreError.self) {
            try ledger.jobs.recordFailure(jobID: id, error: "late", nextAttemptAt: nil, lease: first)
        }
        let retryAt = start.addingTimeInterval(3600)
        try ledger.jobs.recordFailure(jobID: id, error: "busy", nextAttemptAt: retryAt, lease: second)
        #expect(try ledger.jobs.job(id: id)?.state == .retryWait)
        #expect(try ledger.jobs.runnableJobs(now: start).isEmpty)
        #expect(try ledger.jobs.runnableJobs(now: retryAt).map(\.id) == [id])
        _ = try ledger.jobs.beginAttempt(jobID: id, lease: second, now: retryAt)
        try ledger.jobs.recordFailure(jobID: id, error: "gone", nextAttemptAt: nil, lease: second)
        #expect(try ledger.jobs.job(id: id)?.state == .dead)
        #expect(try ledger.jobs.requeue(jobID: id, actor: "ops").state == .staged)
        #expect(throws: StoreError.self) { try ledger.jobs.requeue(jobID: id) }
    }

    @Test(arguments: Kind.allCases) func alertsOpenRemindCloseAndQueueTheirNotifications(kind: Kind) throws {
        let ledger = try Self.open(kind)
        let candidate = AlertCandidate(condition: "job-dead", source: "d1", subject: "job 7", detail: "dead")
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let opened = try ledger.alerts.reconcile([candidate], channels: { _ in ["mail", "hook"] }, now: start)
        #expect(opened.opened.count == 1)
        #expect(try ledger.alerts.reconcile([candidate], channels: { _ in ["mail"] }, now: start).opened.isEmpty)
        let due = try ledger.alerts.due(now: start)
        #expect(due.map(\.notification.channel).sorted() == ["hook", "mail"])
        try ledger.alerts.markSent(due[0].notification, now: start)
        try ledger.alerts.markFailed(due[1].notification, error: "refused", retryAt: start.addingTimeInterval(60))
        #expect(try ledger.alerts.due(now: start).isEmpty)
        #expect(try ledger.alerts.due(now: start.addingTimeInterval(60)).count == 1)
        let reminded = try ledger.alerts.reconcile(
            [candidate], channels: { _ in ["mail"] }, remindEvery: 30, now: start.addingTimeInterval(31))
        #expect(reminded.reminded.count == 1)
        let closed = try ledger.alerts.reconcile([], channels: { _ in ["mail"] }, now: start.addingTimeInterval(90))
        #expect(closed.closed.map(\.key) == [candidate.key])
        #expect(try ledger.alerts.alerts(openOnly: true).isEmpty)
        let alert = try #require(try ledger.alerts.alerts().first?.id)
        #expect(try ledger.alerts.notifications(alert: alert).map(\.event) == [.opened, .opened, .reminder, .closed])
    }

    @Test(arguments: Kind.allCases) func seenFilesHealthAndDeliveriesAreKeptOncePerKey(kind: Kind) throws {
        let ledger = try Self.open(kind)
        try ledger.seen.remember(SeenFile(source: "s", name: "a.csv", size: 1, modified: 10, sha256: "x"))
        try ledger.seen.remember(SeenFile(source: "s", name: "a.csv", size: 2, modified: 20, sha256: "y"))
        try ledger.seen.remember(SeenFile(source: "s", name: "b.csv", size: 3, modified: 30, sha256: "z"))
        #expect(try ledger.seen.seenFiles(source: "s")["a.csv"]?.sha256 == "y")
        try ledger.seen.forgetSeen(source: "s", names: ["a.csv"])
        #expect(try ledger.seen.seenFiles(source: "s").keys.sorted() == ["b.csv"])

        var health = try ledger.sources.health(of: "s")
        health.consecutiveFailures = 3
        health.lastError = "refused"
        try ledger.sources.save(health)
        health.consecutiveFailures = 4
        try ledger.sources.save(health)
        #expect(try ledger.sources.allHealth().map(\.consecutiveFailures) == [4])

        let record = DeliveryRecord(delivery: "payer", file: "b1.x12", sha256: "abc", destination: "/out", bytes: 9)
        try ledger.deliveries.record(record)
        try ledger.deliveries.record(record)
        #expect(try ledger.deliveries.delivered("payer") == ["b1.x12/abc"])
        #expect(try ledger.deliveries.deliveries("payer").count == 1)
    }

    @Test(arguments: Kind.allCases) func aControlNumberIsRaisedButNeverLowered(kind: Kind) throws {
        let ledger = try Self.open(kind)
        try ledger.claims.raiseControlNumber(payer: "p", to: 40)
        try ledger.claims.raiseControlNumber(payer: "p", to: 12)
        #expect(try ledger.claims.controlNumbers() == ["p": 40])
    }

    @Test(arguments: Kind.allCases) func jobPagesFilterCountAndSummarise(kind: Kind) throws {
        let ledger = try Self.open(kind)
        for number in 1...7 {
            _ = try ledger.jobs.register(
                Self.staged("f\(number).csv", sha256: "h\(number)", source: number.isMultiple(of: 2) ? "even" : "odd"))
        }
        let odd = JobFilter(source: "odd")
        #expect(try ledger.jobs.count(matching: odd) == 4)
        #expect(try ledger.jobs.jobs(matching: odd, offset: 1, limit: 2).map(\.originalName) == ["f5.csv", "f3.csv"])
        #expect(try ledger.jobs.count(matching: JobFilter(name: "f7")) == 1)
        #expect(try ledger.jobs.tally().reduce(0) { $0 + $1.jobs } == 7)
    }

    @Test func bothStoresHaveTheSameTablesAndColumns() throws {
        let sqlite = try Self.open(.sqlite).database.read { db in
            try db.fetchAll(
                sql: """
                    SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
                    WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' AND m.name NOT LIKE 'grdb%'
                    """
            ).map { "\($0[0] as String).\($0[1] as String)" }
        }
        let postgres = try Self.open(.postgres).database.read { db in
            try db.fetchAll(
                sql: """
                    SELECT table_name, column_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name <> 'dropgate_migrations' AND column_name <> 'rowid'
                    """
            ).map { "\($0[0] as String).\($0[1] as String)" }
        }
        #expect(sqlite.count > 200)
        #expect(Set(postgres) == Set(sqlite))
    }

    /// The SQLite functions the statements use give SQLite's results on PostgreSQL.
    @Test(arguments: [
        "SELECT CAST(trunc(julianday('2026-12-02 10:00:00.000') - julianday('2026-11-29T22:00:00Z')) AS INTEGER)",
        "SELECT julianday('2026-12-02') - julianday('2026-11-30')",
        "SELECT date('2026-12-02 10:00:00.000')",
        "SELECT instr('CO-45', '-')",
        "SELECT printf('%.2f', 123456 / 100.0) || ' ' || printf('%.2f', -5 / 100.0)",
        "SELECT max(7, 42)",
        "SELECT max(7, NULL)",
        "SELECT SUM(CASE WHEN 1 = 1 THEN 2 ELSE 0 END)",
    ])
    func sqliteFunctionsGiveTheSameResults(sql: String) throws {
        let sqlite = try Self.open(.sqlite).database.textRows(sql: sql)
        let postgres = try Self.open(.postgres).database.textRows(sql: sql)
        #expect(!sqlite.isEmpty)
        #expect(postgres == sqlite)
    }

    @Test(arguments: Kind.allCases) func upsertTellsInsertUpdateUnchangedAndDuplicateApart(kind: Kind) throws {
        let ledger = try Self.open(kind)
        let lease = Self.lease
        let table = try #require(try Ledger.domainTables()["students"])
        guard case .created(let job1) = try ledger.jobs.register(Self.staged("s1", sha256: "s1")),
            case .created(let job2) = try ledger.jobs.register(Self.staged("s2", sha256: "s2"))
        else {
            Issue.record("expected new jobs")
            return
        }
        var outcomes: [UpsertOutcome] = []
        _ = try ledger.jobs.beginAttempt(jobID: #require(job1.id), lease: lease)
        try ledger.jobs.load(
            jobID: #require(job1.id), district: "d1", target: table, fields: ["student_id", "grade"], lease: lease
        ) { session in
            outcomes.append(try session.upsert([.text("1"), .int(5)]))
            outcomes.append(try session.upsert([.text("2"), .int(6)]))
            outcomes.append(try session.upsert([.text("1"), .int(7)]))
            return JobCompletion(
                state: .done, kind: nil, mappingVersion: 1, encoding: "utf-8", counts: LoadCounts(),
                receiptPath: nil, reportPath: nil, reason: nil, durationMs: 0)
        }
        #expect(outcomes == [.inserted, .inserted, .duplicateKey])
        outcomes = []
        _ = try ledger.jobs.beginAttempt(jobID: #require(job2.id), lease: lease)
        try ledger.jobs.load(
            jobID: #require(job2.id), district: "d1", target: table, fields: ["student_id", "grade"], lease: lease
        ) { session in
            outcomes.append(try session.upsert([.text("1"), .int(5)]))
            outcomes.append(try session.upsert([.text("2"), .int(9)]))
            outcomes.append(try session.upsert([.text("3"), .null]))
            return JobCompletion(
                state: .done, kind: nil, mappingVersion: 1, encoding: "utf-8", counts: LoadCounts(),
                receiptPath: nil, reportPath: nil, reason: nil, durationMs: 0)
        }
        #expect(outcomes == [.unchanged, .updated, .inserted])
        #expect(try ledger.domain.knownValues(table: "students", column: "grade", district: "d1") == ["5", "9"])
    }

    @Test(arguments: Kind.allCases) func aFailedLoadRollsBackRowsExceptionsAndState(kind: Kind) throws {
        let ledger = try Self.open(kind)
        let lease = Self.lease
        let table = try #require(try Ledger.domainTables()["students"])
        guard case .created(let job) = try ledger.jobs.register(Self.staged("s", sha256: "s")) else {
            Issue.record("expected a new job")
            return
        }
        let id = try #require(job.id)
        _ = try ledger.jobs.beginAttempt(jobID: id, lease: lease)
        struct Crash: Error {}
        #expect(throws: Crash.self) {
            try ledger.jobs.load(jobID: id, district: "d1", target: table, fields: ["student_id"], lease: lease) {
                session in
                _ = try session.upsert([.text("1")])
                try session.record(RowIssue(line: 2, rule: "x", message: "m"))
                throw Crash()
            }
        }
        #expect(try ledger.domain.knownValues(table: "students", column: "student_id", district: "d1").isEmpty)
        #expect(try ledger.jobs.exceptions(jobID: id).isEmpty)
        #expect(try ledger.jobs.job(id: id)?.state == .processing)
        #expect(try ledger.jobs.runnableJobs().map(\.id) == [id], "an interrupted job resumes")
    }

    /// The lease the load tests work under.
    static let lease = JobLease(owner: "elsewhere:9:9", duration: 60)

    /// A load under a lease, ending `done`.
    static func load(
        _ ledger: Ledger, _ name: String, table: String, fields: [String], modified: String? = nil,
        existing: ExistingRecordPolicy = .update, batched: Bool = false, _ rows: [[FieldValue]]
    ) throws -> [UpsertOutcome] {
        let target = try #require(try Ledger.domainTables()[table])
        guard case .created(let job) = try ledger.jobs.register(Self.staged(name, sha256: name)) else {
            throw StoreError(.invalidTransition, "\(name) was not created")
        }
        let id = try #require(job.id)
        _ = try ledger.jobs.beginAttempt(jobID: id, lease: lease)
        var outcomes: [UpsertOutcome] = []
        try ledger.jobs.load(
            jobID: id, district: "d1", target: target, fields: fields, existing: existing, modified: modified,
            lease: lease
        ) { session in
            if batched {
                // Batches of 7 rows: a key may repeat within a batch and across batches of the one job.
                for start in stride(from: 0, to: rows.count, by: 7) {
                    outcomes += try session.upsert(rows: Array(rows[start..<min(start + 7, rows.count)].joined())[...])
                }
            } else {
                for row in rows { outcomes.append(try session.upsert(row[...])) }
            }
            return JobCompletion(
                state: .done, kind: nil, mappingVersion: 1, encoding: "utf-8", counts: LoadCounts(),
                receiptPath: nil, reportPath: nil, reason: nil, durationMs: 0)
        }
        return outcomes
    }

    @Test(arguments: Kind.allCases) func newerRecordsWinOlderOnesAreStaleAndRejectKeepsTheFirstLoad(kind: Kind)
        throws
    {
        let ledger = try Self.open(kind)
        let fields = ["student_id", "date", "all_day", "modified_at"]
        let first = try Self.load(
            ledger, "a1", table: "attendance", fields: fields, modified: "modified_at",
            [
                [.text("1"), .text("2026-09-01"), .text("P"), .text("2026-09-01T08:00")],
                [.text("2"), .text("2026-09-01"), .text("P"), .null],
            ])
        #expect(first == [.inserted, .inserted])
        let second = try Self.load(
            ledger, "a2", table: "attendance", fields: fields, modified: "modified_at",
            [
                [.text("1"), .text("2026-09-01"), .text("A"), .text("2026-09-01T07:00")],
                [.text("2"), .text("2026-09-01"), .text("A"), .text("2026-09-02T08:00")],
                [.text("2"), .text("2026-09-01"), .text("A"), .text("2026-09-02T08:00")],
            ])
        #expect(second == [.stale, .updated, .duplicateKey])
        let students = ["student_id", "grade"]
        _ = try Self.load(ledger, "r1", table: "students", fields: students, [[.text("7"), .int(3)]])
        let again = try Self.load(
            ledger, "r2", table: "students", fields: students, existing: .reject,
            [[.text("7"), .int(4)], [.text("8"), .int(4)]])
        guard case .alreadyLoaded = again.first else {
            Issue.record("a key another job loaded was not refused: \(again)")
            return
        }
        #expect(again.last == .inserted)
    }

    /// A batch upsert (one COPY and a few set statements on PostgreSQL) gives every row the outcome a row at a
    /// time gives and leaves the same table: 40 files of random attendance rows in batches of 7 (keys repeating
    /// within a batch, across a file's batches and across files, values changing or not, modification dates older, newer, equal and missing), some
    /// under `existing: reject`, loaded into two databases of the store, one a row at a time, one in batches.
    @Test(arguments: Kind.allCases) func aBatchUpsertGivesEachRowTheOutcomeOfARowAtATime(kind: Kind) throws {
        var random = SplitMix(seed: 20_261_202)
        let fields = ["student_id", "date", "all_day", "modified_at"]
        let oneByOne = try Self.open(kind)
        let batched = try Self.open(kind)
        var seen = Set<String>()
        for file in 0..<40 {
            let rows = (0..<Int.random(in: 1...60, using: &random)).map { _ -> [FieldValue] in
                let modified = Int.random(in: 0...4, using: &random)
                return [
                    .text(String(Int.random(in: 1...25, using: &random))),
                    .text("2026-09-0\(Int.random(in: 1...2, using: &random))"),
                    .text(["P", "A", "T"][Int.random(in: 0...2, using: &random)]),
                    modified == 0 ? .null : .text("2026-09-0\(modified)T08:00"),
                ]
            }
            let existing: ExistingRecordPolicy = file % 5 == 4 ? .reject : .update
            let expected = try Self.load(
                oneByOne, "f\(file)", table: "attendance", fields: fields, modified: "modified_at",
                existing: existing, rows)
            let outcomes = try Self.load(
                batched, "f\(file)", table: "attendance", fields: fields, modified: "modified_at",
                existing: existing, batched: true, rows)
            #expect(outcomes == expected, "file \(file)")
            seen.formUnion(expected.map { String("\($0)".prefix { $0 != "(" }) })
        }
        let table = "SELECT district, student_id, date, all_day, modified_at, job_id, last_change FROM attendance"
        let order = " ORDER BY district, student_id, date"
        #expect(try Self.rows(oneByOne, table + order) == Self.rows(batched, table + order))
        #expect(seen.count == 6, "every kind of outcome came up: \(seen)")
    }

    /// A query's rows as text, to compare two databases.
    static func rows(_ ledger: Ledger, _ sql: String) throws -> [[String]] {
        try ledger.database.read { db in
            try db.fetchAll(sql: sql).map { row in row.values.map { $0.description } }
        }
    }

    /// A small seeded generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Three gateways building claim batches at once, each on a thread of its own, each take their own control
    /// numbers.
    @Test func gatewaysBuildingAtOnceNeverShareAControlNumber() throws {
        let server = try SharedPostgres.server
        let url = try server.makeDatabase()
        let gateways = try (0..<3).map { _ in try Ledger(postgres: url, password: server.password) }
        let taken = try Self.atOnce(gateways) { gateway, _ in
            try (0..<40).map { _ in try gateway.claims.buildClaims { try $0.nextControlNumber(payer: "p") } }
        }
        #expect(taken.joined().count == 120)
        #expect(Set(taken.joined()) == Set(1...120))
    }

    /// Runs `body` for each of `gateways` at once, each on a thread of its own; returns their results in order.
    static func atOnce<Result: Sendable>(
        _ gateways: [Ledger], _ body: @Sendable (Ledger, Int) throws -> Result
    ) throws -> [Result] {
        let results = Mutex<[Int: Swift.Result<Result, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: gateways.count) { index in
            let result = Swift.Result { try body(gateways[index], index) }
            results.withLock { $0[index] = result }
        }
        return try results.withLock { results in try gateways.indices.map { try results[$0]!.get() } }
    }

    /// A gateway whose advisory-lock connection is dropped (a network cut, a terminated backend) learns that it
    /// no longer holds the lock, and another gateway takes it.
    @Test func aLockWhoseConnectionDroppedIsNoLongerHeld() throws {
        let server = try SharedPostgres.server
        let url = try server.makeDatabase()
        let first = try Ledger(postgres: url, password: server.password)
        let second = try Ledger(postgres: url, password: server.password)
        let held = try #require(try first.lock(.housekeeping, wait: false))
        #expect(held.isHeld)
        #expect(try second.lock(.housekeeping, wait: false) == nil, "another gateway holds it")
        let admin = try PGConnection(conninfo: url, password: server.password)
        let ended = try admin.execute(
            """
            SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """)
        #expect(ended.rowCount == 1)
        #expect(!held.isHeld, "its connection is gone, and the lock with it")
        let taken = try #require(try second.lock(.housekeeping, wait: false), "the other gateway takes it")
        #expect(taken.isHeld)
        held.unlock()
        #expect(taken.isHeld, "unlocking the lost lock does not release the new holder's")
        taken.unlock()
    }

    /// Two operators requeueing the same dead job at once from two gateways: it is requeued once.
    @Test func twoGatewaysRequeueingOneJobRequeueItOnce() throws {
        let server = try SharedPostgres.server
        let url = try server.makeDatabase()
        let gateways = try (0..<2).map { _ in try Ledger(postgres: url, password: server.password) }
        for round in 0..<20 {
            guard case .created(let job) = try gateways[0].jobs.register(Self.staged("q\(round)", sha256: "q\(round)"))
            else {
                Issue.record("not created")
                return
            }
            let id = try #require(job.id)
            let lease = JobLease(owner: "host:1:1", duration: 60)
            _ = try gateways[0].jobs.beginAttempt(jobID: id, lease: lease)
            try gateways[0].jobs.recordFailure(jobID: id, error: "gone", nextAttemptAt: nil, lease: lease)
            let requeued = try Self.atOnce(gateways) { gateway, index in
                (try? gateway.jobs.requeue(jobID: id, actor: "ops\(index)")) != nil
            }
            #expect(requeued.filter { $0 }.count == 1, "round \(round): \(requeued)")
            let audits = try gateways[0].audit.entries(offset: 0, limit: 1000)
                .filter { $0.action == "requeued" && $0.jobId == id }
            #expect(audits.count == 1, "round \(round)")
        }
    }

    /// Every read-only query of the repositories runs on both stores and gives the same answer on an empty
    /// database (statement syntax and types: SQLite accepts what PostgreSQL refuses, such as SUM of a comparison
    /// or a subquery without an alias).
    @Test(arguments: Kind.allCases) func everyListingQueryRunsOnBothStores(kind: Kind) throws {
        let ledger = try Self.open(kind)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(try ledger.claims.denials(reason: "CO", offset: 0, limit: 10).total == 0)
        #expect(try ledger.claims.denials(offset: 0, limit: 10).claims.isEmpty)
        #expect(try ledger.claims.history(claimID: 1).isEmpty)
        #expect(try ledger.claims.agingClaims(acknowledgmentDays: 2, paymentDays: 30, now: now).isEmpty)
        #expect(try ledger.claims.unbilledServiceCounts(district: "d1").isEmpty)
        #expect(try ledger.claims.remittances(claimID: 1).isEmpty)
        #expect(try ledger.claims.claimStatuses(claimID: 1).isEmpty)
        #expect(try ledger.remittance.remittanceJobs().isEmpty)
        #expect(try ledger.remittance.remittanceJobCount() == 0)
        #expect(try ledger.remittance.daysToPayment(jobID: 1) == nil)
        #expect(try ledger.alerts.failedJobs().isEmpty)
        #expect(try ledger.alerts.unacknowledgedBatches(days: 2, now: now).isEmpty)
        #expect(try ledger.alerts.unpaidBatches(days: 30, now: now).isEmpty)
        #expect(try ledger.alerts.latestScores().isEmpty)
        #expect(try !ledger.alerts.received(source: "d1", kind: "aeries-attendance", since: now))
        #expect(try ledger.retention.holds().isEmpty)
        #expect(try ledger.retention.purgeExceptions(before: now, dryRun: true).isEmpty)
        #expect(try ledger.operationsSnapshot(now: now).openAlerts.isEmpty)
        #expect(try ledger.audit.lastRecorded("purge") == nil)
        #expect(try ledger.jobs.summary(matching: JobFilter(state: .done)).byState.isEmpty)
        #expect(try ledger.jobs.exceptionCount(jobID: 1, rule: "required", column: "grade") == 0)
        #expect(try ledger.jobs.exceptions(jobID: 1, rule: "required", offset: 0, limit: 5).isEmpty)
        #expect(try ledger.jobs.scoredJobs(source: "d1", limit: 5).isEmpty)
        #expect(try ledger.jobs.files().isEmpty)
    }

    /// Two gateways (two ledgers on one database) racing for the same jobs from two threads: each job is
    /// leased to exactly one of them.
    @Test func twoGatewaysRacingForJobsEachLeaseEveryJobOnce() throws {
        let server = try SharedPostgres.server
        let url = try server.makeDatabase()
        let gateways = [
            try Ledger(postgres: url, password: server.password), try Ledger(postgres: url, password: server.password),
        ]
        var ids: [Int64] = []
        for number in 0..<60 {
            if case .created(let job) = try gateways[0].jobs.register(Self.staged("f\(number)", sha256: "r\(number)")) {
                ids.append(try #require(job.id))
            }
        }
        let jobs = ids
        let won = try Self.atOnce(gateways) { gateway, index in
            let lease = JobLease(owner: "host\(index):\(index):1", duration: 300)
            return try jobs.filter { try gateway.jobs.beginAttempt(jobID: $0, lease: lease) != nil }
        }
        #expect(won.map(\.count).reduce(0, +) == jobs.count)
        #expect(Set(won.flatMap { $0 }) == Set(jobs))
    }
}

import Claims
import Foundation
import Logging
import Mapping
import Store
import Transport
import Values

/// The gateway: configuration, mappings, ledger, intake and job runner wired together.
///
/// The CLI and the daemon service talk only to this type. Its calls block (SQLite, libssh2, settling pauses): from
/// async code use ``pass(waitForSettling:)``, which runs a pass on a thread of its own. The only mutable state,
/// the intake's trackers and poll times, sits behind locks; passes are still meant to run one at a time (the
/// daemon has exactly one).
public final class Gateway: Sendable {
    /// The configuration in force.
    public let config: GatewayConfig
    /// The SQLite ledger; everything outside the gateway reads it through ``Gateway`` (`Gateway+Queries.swift`).
    let ledger: Ledger
    /// Mappings loaded at start-up.
    public let mappings: MappingSet
    /// Output locations.
    public let layout: OutboxLayout
    /// Payer profiles loaded at start-up (`<mappings>/payers/`).
    public let payers: [PayerProfile]
    let today: @Sendable () -> Day
    /// The time alert conditions (schedule deadlines, aging) are evaluated at (injectable for tests).
    let clock: @Sendable () -> Date
    let runner: JobRunner
    let intake: Intake
    let localIntake: LocalIntake
    let remoteIntake: RemoteIntake
    let deliverer: Deliverer
    let alerter: Alerter
    /// The keys of encrypted archives (`archive:`).
    public let archiveKeys: ArchiveKeys
    let logger: Logger
    let faults: FaultInjection
    /// When the pass loop last showed it was alive (``readiness(passLoop:now:)``).
    public let heartbeat = PassHeartbeat()
    /// The jobs and claim builds this process is running now, with their progress.
    public let inFlight = WorkInFlight.process
    /// How the daemon's last daily backup went.
    let backupStatus = BackupStatus()

    /// Opens the gateway: checks every mapping (refusing to start on a broken one) and opens the database.
    ///
    /// - Parameters:
    ///   - config: the configuration.
    ///   - logger: where logs go (never personal data).
    ///   - today: the day relative date limits resolve against (injectable for tests).
    ///   - environment: where SFTP secrets named in the configuration are read from.
    ///   - faults: the crash point armed for the crash-safety tests (none in normal operation).
    ///   - clock: the time each pass evaluates alert conditions at (injectable for tests).
    /// - Throws: ``DefinitionError`` for broken mappings; store errors for an unusable database.
    public init(
        config: GatewayConfig, logger: Logger, today: @escaping @Sendable () -> Day = { Day.today() },
        environment: [String: String] = ProcessInfo.processInfo.environment, faults: FaultInjection = .none,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.config = config
        self.logger = logger
        self.faults = faults
        mappings = try MappingLoader.load(config.paths.mappings)
        payers = try PayerProfileLoader.load(PayerProfileLoader.folder(mappings: config.paths.mappings))
        let qualificationIssues = PayerProfileLoader.qualificationIssues(payers, mappings: mappings)
        guard qualificationIssues.isEmpty else { throw DefinitionError(issues: qualificationIssues) }
        self.today = today
        self.clock = clock
        try Self.checkSources(config, mappings: mappings, payers: payers)
        do {
            archiveKeys = try ArchiveKeys.load(config.archive)
        } catch let error as ArchiveError {
            throw GatewayError(.invalidConfiguration, "\(config.file): \(error.message)")
        }
        ledger = try Self.openLedger(config, environment: environment, logger: logger)
        layout = OutboxLayout(paths: config.paths)
        runner = JobRunner(
            environment: JobEnvironment(
                config: config, ledger: ledger, lease: .current(), mappings: mappings,
                tables: try Ledger.domainTables(),
                layout: layout, payers: payers, archiveKeys: archiveKeys, logger: logger, today: today,
                inFlight: inFlight))
        intake = Intake(config: config, ledger: ledger, layout: layout, mappings: mappings, logger: logger)
        localIntake = LocalIntake(config: config, ledger: ledger, intake: intake, logger: logger)
        remoteIntake = RemoteIntake(
            config: config, ledger: ledger, intake: intake, logger: logger, environment: environment)
        deliverer = Deliverer(config: config, ledger: ledger, logger: logger, environment: environment)
        let sender = AlertSender(environment: environment, timeout: config.alerts.timeout)
        alerter = Alerter(
            config: config, ledger: ledger, logger: logger, send: sender.send, backup: backupStatus)
    }

    /// Reads `dropgate.yaml` and opens the gateway (`faults`: see ``init(config:logger:today:environment:faults:clock:)``).
    public convenience init(configPath: String, logger: Logger, faults: FaultInjection = .none) throws {
        try self.init(config: try GatewayConfig.load(path: configPath), logger: logger, faults: faults)
    }

    private static func checkSources(_ config: GatewayConfig, mappings: MappingSet, payers: [PayerProfile]) throws {
        var issues: [DefinitionIssue] = []
        for source in config.sources {
            if let payer = source.payer, !payers.contains(where: { $0.id == payer }) {
                let known = payers.map(\.id).joined(separator: ", ")
                issues.append(
                    DefinitionIssue(
                        file: config.file, line: 0,
                        message: "source \(source.id) names unknown payer '\(payer)'; payer profiles: \(known)"))
            }
            for kind in source.kinds ?? [] where mappings.mapping(kind: kind) == nil {
                issues.append(
                    DefinitionIssue(
                        file: config.file, line: 0, message: "source \(source.id) names unknown kind '\(kind)'"))
            }
            for arrival in source.expect {
                for kind in arrival.kinds where mappings.mapping(kind: kind) == nil {
                    let known = mappings.mappings.map(\.kind).sorted().joined(separator: ", ")
                    issues.append(
                        DefinitionIssue(
                            file: config.file, line: arrival.line,
                            message: "source \(source.id) expects unknown kind '\(kind)'; kinds: \(known)"))
                }
            }
        }
        if !issues.isEmpty { throw DefinitionError(issues: issues) }
    }

    /// One pass over every source: take complete files, then run every runnable job.
    ///
    /// - Returns: the jobs that reached a new state in this pass (``runReportedPass(waitForSettling:shouldStop:)``
    ///   also says what the pass could not finish).
    @discardableResult
    public func runPass(waitForSettling: Bool = false, shouldStop: () -> Bool = { false }) -> [JobRecord] {
        runReportedPass(waitForSettling: waitForSettling, shouldStop: shouldStop).finished
    }

    /// One pass over every source: take complete files, then run every runnable job, deliver, open and close
    /// alerts and send their notifications; reports what was left undone.
    ///
    /// - Parameters:
    ///   - waitForSettling: keep polling (up to the longest `stable_after`, at most ``settlingWait`` seconds, plus a
    ///     second and a half) until files still being written have settled, so `run --once` right after a copy
    ///     takes them.
    ///   - shouldStop: checked between files and jobs; a job in progress always finishes its transaction.
    /// - Returns: the jobs that reached a new state, and each source's files still settling or not staged, and
    ///   sources that could not be polled or need an operator.
    public func runReportedPass(waitForSettling: Bool = false, shouldStop: () -> Bool = { false }) -> PassReport {
        var report = PassReport()
        heartbeat.beat()
        defer { heartbeat.beat() }
        let longest = min(config.sources.map(\.stableAfter).max() ?? 0, Self.settlingWait)
        let deadline = Date().addingTimeInterval(longest + 1.5)
        var outcomes: [String: IntakeOutcome] = [:]
        var failures: [String: String] = [:]
        var settling = 0
        repeat {
            if settling > 0 { Thread.sleep(forTimeInterval: 0.25) }
            outcomes = [:]
            failures = [:]
            for source in config.sources {
                if shouldStop() { return report }
                switch collect(source, force: waitForSettling) {
                case .success(let outcome): outcomes[source.id] = outcome
                case .failure(let reason): failures[source.id] = reason.message
                }
                report.finished += runJobs(source: source.id, shouldStop: shouldStop)
                heartbeat.beat()
            }
            settling = outcomes.values.map(\.settling).reduce(0, +)
        } while waitForSettling && settling > 0 && Date() < deadline
        if !shouldStop() { houseKeep() }
        report.conditions = conditions(outcomes: outcomes, failures: failures)
        return report
    }

    /// Delivers, backs up, alerts and purges, when no other process sharing the database is doing it now (that
    /// one does it for this pass).
    private func houseKeep() {
        let lock: (any HeldLock)?
        do {
            lock = try ledger.lock(.housekeeping, wait: false)
        } catch {
            logger.error("cannot take the housekeeping lock", metadata: ["error": "\(LogSafe.describe(error))"])
            return
        }
        guard let lock else {
            logger.info("deliveries, alerts and purges left to the process doing them now")
            return
        }
        defer { lock.unlock() }
        let steps: [() -> Void] = [
            { self.deliverer.run() }, { self.backupIfDue(now: self.clock()) }, { self.alerter.run(now: self.clock()) },
            { self.purgeIfDue(now: self.clock()) },
        ]
        for step in steps {
            // An advisory lock whose connection dropped is another process's to take: stop here.
            guard lock.isHeld else {
                logger.warning("the housekeeping lock was lost; the rest is left to the process that holds it now")
                return
            }
            step()
        }
    }

    /// The longest `run --once` waits for files still being written, in seconds.
    static let settlingWait = 5.0

    private func conditions(outcomes: [String: IntakeOutcome], failures: [String: String]) -> [PassReport.Condition] {
        var conditions: [PassReport.Condition] = []
        for source in config.sources {
            if source.remote != nil, let health = try? ledger.sources.health(of: source.id) {
                let reason = health.lastError ?? "unknown error"
                switch health.state {
                case .needsOperator: conditions.append(.needsOperator(source: source.id, reason: reason))
                case .backoff, .open: conditions.append(.unreachable(source: source.id, reason: reason))
                case .ok: break
                }
            }
            if let failure = failures[source.id] { conditions.append(.unreachable(source: source.id, reason: failure)) }
            if let outcome = outcomes[source.id] {
                if let first = outcome.failures.first {
                    conditions.append(.stagingFailed(source: source.id, files: outcome.failures.count, reason: first))
                }
                if outcome.settling > 0 { conditions.append(.settling(source: source.id, files: outcome.settling)) }
            }
        }
        return conditions
    }

    /// Takes a source's complete files under its intake lock; a source another process is taking is skipped.
    ///
    /// - Returns: what the collection left behind, or why the source could not be collected (log-safe).
    private func collect(_ source: SourceConfig, force: Bool) -> Result<IntakeOutcome, IntakeFailure> {
        do {
            guard let lock = try intake.lock(source: source.id, wait: false) else {
                logger.debug("source taken by another process", metadata: ["source.id": "\(source.id)"])
                return .success(IntakeOutcome())
            }
            defer { lock.unlock() }
            let outcome: IntakeOutcome
            if let remote = source.remote {
                outcome = try remoteIntake.collect(source, remote: remote, force: force)
            } else {
                outcome = try localIntake.collect(LocalFolderSource(path: source.path), source: source, force: force)
            }
            try intake.sweepStaging(source.id) { runner.archive($0, logger: logger) }
            return .success(outcome)
        } catch {
            let reason = LogSafe.describe(error)
            logger.error("intake failed", metadata: ["source.id": "\(source.id)", "error": "\(reason)"])
            return .failure(IntakeFailure(message: reason))
        }
    }

    private func runJobs(source: String, shouldStop: () -> Bool) -> [JobRecord] {
        var finished: [JobRecord] = []
        do {
            for job in try ledger.jobs.runnableJobs(source: source) {
                if shouldStop() { break }
                guard let id = job.id, let result = runner.process(jobID: id) else { continue }
                finished.append(result)
            }
        } catch {
            logger.error(
                "cannot list jobs", metadata: ["source.id": "\(source)", "error": "\(LogSafe.describe(error))"])
        }
        return finished
    }

    /// Removes what killed processes left half-written in the outbox (their temporary files), logging how
    /// many; run once at start-up by the commands that write there.
    public func sweepLeftovers() {
        do {
            let removed = try AtomicFileWriter.sweepLeftovers(under: config.paths.outbox)
            if !removed.isEmpty {
                logger.notice("removed temporary files of interrupted runs", metadata: ["files": "\(removed.count)"])
            }
        } catch {
            logger.warning("cannot sweep the outbox", metadata: ["error": "\(LogSafe.describe(error))"])
        }
    }

    /// Ingests one file now, outside the drop folders (the file itself is left in place).
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - source: the source (district) it belongs to; must be configured.
    ///   - kind: force a mapping kind instead of recognising it (the header must still fit).
    /// - Returns: the job in its final state (or the duplicate job).
    public func ingest(path: String, source: String, kind: String? = nil) throws -> JobRecord {
        guard config.source(source) != nil else {
            let known = config.sources.map(\.id).joined(separator: ", ")
            throw GatewayError(.notFound, "unknown source '\(source)'; configured sources: \(known)")
        }
        if let kind, mappings.mapping(kind: kind) == nil {
            let known = mappings.mappings.map(\.kind).joined(separator: ", ")
            throw GatewayError(.notFound, "unknown kind '\(kind)'; known kinds: \(known)")
        }
        guard let entry = try? FileSystem.status(path), entry.isRegularFile else {
            throw GatewayError(.invalidInput, "\(path) is not a readable file")
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let job: JobRecord
        do {
            let lock = try intake.lock(source: source, wait: true)
            defer { lock?.unlock() }
            // Leftovers of an interrupted run (a killed ingest's partial copy) go before this one starts.
            try intake.sweepStaging(source) { runner.archive($0, logger: logger) }
            job = try intake.ingest(path: path, name: name, source: source, kind: kind)
        }
        // The same bytes again while their first job is unfinished (a killed ingest, say): finish that job.
        let unfinished = try job.duplicateOf.flatMap { try ledger.jobs.job(id: $0) }.flatMap {
            $0.state.isTerminal ? nil : $0
        }
        guard let id = unfinished?.id ?? job.id, unfinished != nil || !job.state.isTerminal else { return job }
        guard let result = runner.process(jobID: id) else {
            throw GatewayError(
                .invalidInput,
                "job \(id) holding these bytes is being processed by another process; see `dropgate job \(id)`")
        }
        return result
    }

    /// Builds a payer's claims from the services loaded so far (see ``ClaimBuildSummary``).
    ///
    /// - Parameters:
    ///   - payer: the payer profile id.
    ///   - through: the last service date to bill (default and at most: today).
    ///   - dryRun: count and screen only; nothing is recorded or written.
    public func buildClaims(payer: String, through: Day? = nil, dryRun: Bool = false) throws -> ClaimBuildSummary {
        try claimBuilder.build(payer: payer, through: through, dryRun: dryRun, today: today(), now: Date())
    }

    var claimBuilder: ClaimBuilder {
        ClaimBuilder(
            ledger: ledger, layout: layout, profiles: payers, logger: logger, faults: faults, inFlight: inFlight)
    }

    /// Re-runs a requeued job at once.
    ///
    /// - Parameters:
    ///   - jobID: a `rejected` or `dead` job.
    ///   - actor: the console user asking, for the audit trail (`nil`: the CLI).
    public func requeue(jobID: Int64, actor: String? = nil) throws -> JobRecord {
        let requeued = try ledger.jobs.requeue(jobID: jobID, actor: actor)
        return runner.process(jobID: jobID) ?? requeued
    }

    /// ``requeue(jobID:actor:)`` on a thread of its own, for async callers (the console): the job's processing
    /// never blocks the concurrency pool.
    public func requeueAwaiting(jobID: Int64, actor: String?) async throws -> JobRecord {
        try await DedicatedThread.run(name: "dropgate-requeue") {
            Result { try self.requeue(jobID: jobID, actor: actor) }
        }.get()
    }
}

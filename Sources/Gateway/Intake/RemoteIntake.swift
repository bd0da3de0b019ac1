import Foundation
import Logging
import Mapping
import SFTP
import Store
import Transport

/// Takes complete files from SFTP sources into staging and the ledger (DESIGN §4.3–4.6).
///
/// A remote file is fetched only once its size and mtime have held across polls for `stable_after` (or its
/// marker exists); its bytes are streamed to staging while hashed; the job is committed; only then is the
/// after-fetch action (move, delete) done. Failures back off per source with full jitter; after
/// `circuit_after` failures in a row the circuit opens and the source is polled at the cap only; refused
/// authentication or host keys wait for an operator (polled at the cap), other sources keep flowing.
final class RemoteIntake {
    private let config: GatewayConfig
    private let ledger: Ledger
    private let intake: Intake
    private let mappings: MappingSet
    private let logger: Logger
    private let environment: [String: String]
    private var trackers: [String: StabilityTracker] = [:]
    private var refusedNames: Set<String> = []
    private var lastPoll: [String: Date] = [:]

    init(
        config: GatewayConfig, ledger: Ledger, intake: Intake, mappings: MappingSet, logger: Logger,
        environment: [String: String]
    ) {
        self.config = config
        self.intake = intake
        self.ledger = ledger
        self.mappings = mappings
        self.logger = logger
        self.environment = environment
    }

    /// Polls one SFTP source if it is due; returns how many remote files are still settling.
    ///
    /// - Parameter force: poll even before the source's `poll_interval` has passed (`run --once`); backoff
    ///   and open circuits are still honoured.
    func collect(_ source: SourceConfig, remote: RemoteSourceConfig, force: Bool = false, now: Date = Date()) throws
        -> Int
    {
        var health = try ledger.health(of: source.id)
        if let next = health.nextAttemptAt, next > now { return 0 }
        if !force, let last = lastPoll[source.id], now.timeIntervalSince(last) < remote.pollInterval { return 0 }
        lastPoll[source.id] = now
        do {
            let connection = try SFTPConnection.connect(try remote.endpoint(environment: environment), logger: logger)
            defer { connection.close() }
            try finishInterruptedActions(source, remote: remote, connection: connection)
            let settling = try fetchReady(source, remote: remote, connection: connection)
            try CircuitBreaker(retry: config.retry, ledger: ledger, logger: logger)
                .succeeded(source.id, previous: health, now: now)
            return settling
        } catch {
            try CircuitBreaker(retry: config.retry, ledger: ledger, logger: logger)
                .failed(error, health: &health, circuitAfter: remote.circuitAfter, now: now)
            return 0
        }
    }

    private func fetchReady(_ source: SourceConfig, remote: RemoteSourceConfig, connection: SFTPConnection) throws
        -> Int
    {
        let listing = try connection.list(remote.directory)
        let names = Set(listing.map(\.name))
        var candidates: [FileSystem.Entry] = []
        for entry in listing where entry.isRegularFile {
            guard SFTPConnection.isSafeRemoteName(entry.name) else {
                refuse(entry.name, source: source.id)
                continue
            }
            if let marker = remote.marker {
                if entry.name.hasSuffix("." + marker) || !names.contains(entry.name + "." + marker) { continue }
            }
            guard remote.files.isEmpty || remote.files.contains(where: { $0.matches(entry.name) }) else { continue }
            candidates.append(
                FileSystem.Entry(
                    name: entry.name, size: entry.size ?? -1, modified: (entry.modified ?? 0) * 1_000_000_000,
                    isRegularFile: true))
        }
        var tracker =
            trackers[source.id] ?? StabilityTracker(stableAfter: source.stableAfter, trustModificationTime: false)
        // With a marker the upload is declared complete; otherwise it must hold still across polls.
        let (ready, settling) =
            remote.marker == nil ? tracker.observe(candidates, now: Date().timeIntervalSince1970) : (candidates, 0)
        trackers[source.id] = tracker
        let ordered = ready.sorted {
            (mappings.intakeRank(filename: $0.name), $0.name) < (mappings.intakeRank(filename: $1.name), $1.name)
        }
        for entry in ordered {
            try take(entry.name, source: source, remote: remote, connection: connection)
            trackers[source.id]?.forget(entry.name)
        }
        return settling
    }

    private func take(_ name: String, source: SourceConfig, remote: RemoteSourceConfig, connection: SFTPConnection)
        throws
    {
        let remotePath = Self.join(remote.directory, name)
        let staged = try intake.stager.stage(source: source.id) { temporary, observe in
            _ = try connection.download(remotePath, to: temporary, consume: observe)
        }
        let origin = "sftp://\(remote.host):\(remote.port)" + (remotePath.hasPrefix("/") ? "" : "/") + remotePath
        let registered = try intake.register(staged, source: source.id, name: name, origin: origin)
        // Staged before acknowledged (DESIGN §4.3): the remote file moves only now that the job exists.
        try afterFetch(name, remote: remote, connection: connection)
        if let id = registered.id { try ledger.markOriginCleared(jobID: id) }
    }

    private func afterFetch(_ name: String, remote: RemoteSourceConfig, connection: SFTPConnection) throws {
        let path = Self.join(remote.directory, name)
        switch remote.afterFetch {
        case .leave: break
        case .delete: try connection.remove(path)
        case .move(let folder):
            let target = Self.join(remote.directory, folder)
            if try connection.stat(target) == nil { try connection.makeDirectory(target) }
            try connection.rename(path, to: Self.join(target, name), replacing: true)
        }
        if let marker = remote.marker { try connection.remove(path + "." + marker) }
    }

    /// Redoes after-fetch actions a crash interrupted (the job exists, the remote file was not yet moved).
    private func finishInterruptedActions(
        _ source: SourceConfig, remote: RemoteSourceConfig, connection: SFTPConnection
    )
        throws
    {
        for job in try ledger.uncleared(source: source.id) where job.origin.hasPrefix("sftp://") {
            guard let id = job.id else { continue }
            if try connection.stat(Self.join(remote.directory, job.originalName)) != nil {
                try afterFetch(job.originalName, remote: remote, connection: connection)
            }
            try ledger.markOriginCleared(jobID: id)
        }
    }

    /// Logs a hostile remote name once (by hash: the name itself may carry personal data) and skips it.
    private func refuse(_ name: String, source: String) {
        guard refusedNames.insert(source + "/" + name).inserted else { return }
        logger.error(
            "remote file name refused: contains '/', '..', control characters or is over 255 bytes",
            metadata: ["source.id": "\(source)", "name.hash": "\(name.hashValue & 0xFFFF_FFFF)"])
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.isEmpty || directory == "."
            ? name : directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

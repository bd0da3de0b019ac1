import Crypto
import Foundation
import Logging
import Mapping
import SFTP
import Store
import Transport

/// Pushes outbox files to their destinations exactly once (issue: delivery).
///
/// A file is delivered when its (name, sha256) is not yet in the delivery log. Before sending, the destination
/// is checked: a file already there under its final name with the same size was sent by an attempt that
/// crashed before recording it, so it is only recorded. Otherwise it is written to a temporary name and renamed
/// (folder: fsync; SFTP: `.part` then rename), then recorded. Failures back off per delivery with the
/// circuit breaker shared with SFTP sources.
final class Deliverer: Sendable {
    private let config: GatewayConfig
    private let ledger: Ledger
    private let logger: Logger
    private let environment: [String: String]

    init(config: GatewayConfig, ledger: Ledger, logger: Logger, environment: [String: String]) {
        self.config = config
        self.ledger = ledger
        self.logger = logger
        self.environment = environment
    }

    /// Delivers every pending file of every delivery that is due; returns the records written.
    @discardableResult
    func run(now: Date = Date()) -> [DeliveryRecord] {
        var delivered: [DeliveryRecord] = []
        for delivery in config.deliveries {
            let peer = "delivery:" + delivery.id
            do {
                var health = try ledger.sources.health(of: peer)
                if let next = health.nextAttemptAt, next > now { continue }
                do {
                    delivered += try deliver(delivery)
                    try breaker.succeeded(peer, previous: health, now: now)
                } catch {
                    let circuitAfter: Int
                    if case .sftp(let remote) = delivery.destination {
                        circuitAfter = remote.circuitAfter
                    } else {
                        circuitAfter = 5
                    }
                    try breaker.failed(error, health: &health, circuitAfter: circuitAfter, now: now)
                }
            } catch {
                logger.error(
                    "cannot record delivery state",
                    metadata: ["peer": "\(peer)", "error": "\(LogSafe.describe(error))"])
            }
        }
        return delivered
    }

    private var breaker: CircuitBreaker { CircuitBreaker(retry: config.retry, ledger: ledger, logger: logger) }

    private func deliver(_ delivery: DeliveryConfig) throws -> [DeliveryRecord] {
        guard FileSystem.exists(delivery.folder) else { return [] }
        let done = try ledger.deliveries.delivered(delivery.id)
        let batches = try ledger.claims.builtBatchFiles()
        var pending: [(name: String, sha256: String, size: Int64)] = []
        for entry in try FileSystem.list(delivery.folder)
        where entry.isRegularFile && !StabilityTracker.isTemporaryName(entry.name) {
            guard delivery.files.isEmpty || delivery.files.contains(where: { $0.matches(entry.name) }) else { continue }
            let sha = try Self.sha256(of: delivery.folder + "/" + entry.name)
            if done.contains(entry.name + "/" + sha) {
                // Delivered by an attempt that stopped before the batch was marked submitted.
                let path = OutboxLayout.normalized(delivery.folder + "/" + entry.name)
                if batches.contains(path) { try ledger.claims.markSubmitted(file: path) }
            } else {
                pending.append((entry.name, sha, entry.size))
            }
        }
        guard !pending.isEmpty else { return [] }
        var records: [DeliveryRecord] = []
        switch delivery.destination {
        case .folder(let path):
            try FileSystem.makeDirectories(path)
            for file in pending {
                let target = path + "/" + file.name
                let found = (try? Self.sha256(of: target)) == file.sha256
                if !found { try Self.copy(delivery.folder + "/" + file.name, to: target) }
                records.append(try record(delivery, file, destination: path, found: found, batches: batches))
            }
        case .sftp(let remote):
            let connection = try SFTPConnection.connect(try remote.endpoint(environment: environment), logger: logger)
            defer { connection.close() }
            let destination = "sftp://\(remote.host):\(remote.port)/\(remote.directory)"
            for file in pending {
                let target = SFTPFileSource.join(remote.directory, file.name)
                let found = try connection.stat(target)?.size == file.size
                if !found { try connection.upload(from: delivery.folder + "/" + file.name, to: target) }
                records.append(try record(delivery, file, destination: destination, found: found, batches: batches))
            }
        }
        return records
    }

    private func record(
        _ delivery: DeliveryConfig, _ file: (name: String, sha256: String, size: Int64), destination: String,
        found: Bool, batches: Set<String>
    ) throws -> DeliveryRecord {
        let record = DeliveryRecord(
            delivery: delivery.id, file: file.name, sha256: file.sha256, destination: destination, bytes: file.size,
            foundOnDestination: found)
        try ledger.deliveries.record(record)
        let path = OutboxLayout.normalized(delivery.folder + "/" + file.name)
        if batches.contains(path) { try ledger.claims.markSubmitted(file: path) }
        logger.info(
            found ? "delivery found on the destination; recorded" : "delivered",
            metadata: [
                "delivery.id": "\(delivery.id)", "file.sha256": "\(file.sha256.prefix(12))",
                "file.size": "\(file.size)",
            ])
        return record
    }

    /// Copies a file into a folder atomically (temporary name, fsync, rename, fsync folder).
    static func copy(_ source: String, to target: String) throws {
        let writer = try AtomicFileWriter(path: target)
        try FileSystem.forEachChunk(of: source) { try writer.write($0) }
        try writer.commit()
    }

    static func sha256(of path: String) throws -> String {
        var hasher = SHA256()
        try FileSystem.forEachChunk(of: path) { hasher.update(bufferPointer: $0) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

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
final class Deliverer {
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
                var health = try ledger.health(of: peer)
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
        let done = try ledger.delivered(delivery.id)
        var pending: [(name: String, sha256: String, size: Int64)] = []
        for entry in try FileSystem.list(delivery.folder)
        where entry.isRegularFile && !StabilityTracker.isTemporaryName(entry.name) {
            guard delivery.files.isEmpty || delivery.files.contains(where: { $0.matches(entry.name) }) else { continue }
            let sha = try Self.sha256(of: delivery.folder + "/" + entry.name)
            if done.contains(entry.name + "/" + sha) {
                // Delivered by an attempt that stopped before the batch was marked submitted.
                try ledger.markSubmitted(file: OutboxLayout.normalized(delivery.folder + "/" + entry.name))
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
                records.append(try record(delivery, file, destination: path, found: found))
            }
        case .sftp(let remote):
            let connection = try SFTPConnection.connect(try remote.endpoint(environment: environment), logger: logger)
            defer { connection.close() }
            let destination = "sftp://\(remote.host):\(remote.port)/\(remote.directory)"
            for file in pending {
                let target = RemoteIntake.join(remote.directory, file.name)
                let found = try connection.stat(target)?.size == file.size
                if !found { try connection.upload(from: delivery.folder + "/" + file.name, to: target) }
                records.append(try record(delivery, file, destination: destination, found: found))
            }
        }
        return records
    }

    private func record(
        _ delivery: DeliveryConfig, _ file: (name: String, sha256: String, size: Int64), destination: String,
        found: Bool
    ) throws -> DeliveryRecord {
        let record = DeliveryRecord(
            delivery: delivery.id, file: file.name, sha256: file.sha256, destination: destination, bytes: file.size,
            foundOnDestination: found)
        try ledger.record(record)
        try ledger.markSubmitted(file: OutboxLayout.normalized(delivery.folder + "/" + file.name))
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
        let input = try FileSystem.openForReading(source)
        defer { FileSystem.close(input) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try FileSystem.read(input, into: buffer, path: source)
            if count == 0 { break }
            try writer.write(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        try writer.commit()
    }

    static func sha256(of path: String) throws -> String {
        let input = try FileSystem.openForReading(path)
        defer { FileSystem.close(input) }
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try FileSystem.read(input, into: buffer, path: path)
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

import Foundation
import GRDB

/// Outbox files handed to destinations, each once (delivery, file, sha256).
public struct DeliveryRepository: Sendable {
    let database: any SQLDatabase

    /// The (file, sha256) pairs a delivery has already handed over.
    public func delivered(_ delivery: String) throws -> Set<String> {
        try database.read { db in
            let rows = try db.fetchAll(
                sql: "SELECT file, sha256 FROM deliveries WHERE delivery = ?", arguments: [delivery])
            return Set(rows.map { row in (row[0] as String) + "/" + (row[1] as String) })
        }
    }

    /// Records a delivery (idempotent).
    public func record(_ delivery: DeliveryRecord) throws {
        try database.write { db in
            try db.insert(delivery, ignoringConflicts: true)
            try db.audit(
                job: nil, "delivered",
                "\(delivery.delivery): \(delivery.bytes) bytes, sha256 \(delivery.sha256.prefix(12))")
        }
    }

    /// Every delivery of a delivery id, newest first.
    public func deliveries(_ delivery: String) throws -> [DeliveryRecord] {
        try database.read { db in
            try db.fetchAll(
                DeliveryRecord.self, where: "delivery = ?", arguments: [delivery], orderBy: "delivered_at DESC")
        }
    }
}

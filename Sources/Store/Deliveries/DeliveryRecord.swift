import Foundation
import GRDB

/// One outbox file handed to a destination.
public struct DeliveryRecord: Sendable, Codable, Equatable, StoredRecord {
    static let primaryKey = ["delivery", "file", "sha256"]
    public static let databaseTableName = "deliveries"

    /// Delivery id from the configuration.
    public var delivery: String
    /// File name in the outbox folder.
    public var file: String
    /// Hex SHA-256 of the bytes delivered.
    public var sha256: String
    /// Where it went (folder path or `sftp://host:port/dir`).
    public var destination: String
    /// Size in bytes.
    public var bytes: Int64
    /// When it was delivered.
    public var deliveredAt: Date
    /// Whether it was found already on the destination (a crash between upload and record) rather than sent now.
    public var foundOnDestination: Bool

    /// Creates a record.
    public init(
        delivery: String, file: String, sha256: String, destination: String, bytes: Int64, deliveredAt: Date = Date(),
        foundOnDestination: Bool = false
    ) {
        self.delivery = delivery
        self.file = file
        self.sha256 = sha256
        self.destination = destination
        self.bytes = bytes
        self.deliveredAt = deliveredAt
        self.foundOnDestination = foundOnDestination
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

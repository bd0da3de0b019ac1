import Foundation
import GRDB

/// A file a source left in place after it was taken (SFTP `after_fetch: leave`): while its size and modification
/// time stay the same, it is the file already taken and is not fetched again.
public struct SeenFile: Sendable, Codable, Equatable, StoredRecord {
    static let primaryKey = ["source", "name"]
    public static let databaseTableName = "seen_files"

    /// Source id.
    public var source: String
    /// The file's name in the source.
    public var name: String
    /// Size in bytes when taken.
    public var size: Int64
    /// Modification time when taken, nanoseconds since the epoch.
    public var modified: Int64
    /// Hex SHA-256 of the bytes taken.
    public var sha256: String
    /// When it was taken.
    public var seenAt: Date

    /// Creates a record.
    public init(source: String, name: String, size: Int64, modified: Int64, sha256: String, seenAt: Date = Date()) {
        self.source = source
        self.name = name
        self.size = size
        self.modified = modified
        self.sha256 = sha256
        self.seenAt = seenAt
    }

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

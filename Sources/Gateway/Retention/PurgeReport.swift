import Foundation

/// What a purge removed (or, in a dry run, would remove), and what it kept although expired.
public struct PurgeReport: Sendable, Encodable {
    /// One file, or one job's exception rows.
    public struct Item: Sendable, Encodable, Equatable {
        /// `archive`, `staging`, `report` or `exceptions`.
        public var kind: String
        /// The file (`nil` for exception rows).
        public var path: String?
        /// The file's size in bytes (`nil` for exception rows).
        public var bytes: Int64?
        /// The job whose exception rows these are.
        public var job: Int64?
        /// How many exception rows.
        public var rows: Int?
        /// Why an expired item is kept (only in ``PurgeReport/kept``).
        public var reason: String?
    }

    /// Whether nothing was removed, only listed.
    public var dryRun: Bool
    /// Removed, or to remove in a dry run.
    public var removed: [Item] = []
    /// Expired but still needed (a live job, an unacknowledged batch, a held 835 set), with the reason.
    public var kept: [Item] = []

    /// Bytes the removed files held.
    public var bytes: Int64 { removed.compactMap(\.bytes).reduce(0, +) }

    /// Counts by kind, for logs and the audit trail (no names).
    public var summary: String {
        let files = ["archive", "staging", "report"].map { kind in
            "\(removed.filter { $0.kind == kind }.count) \(kind)"
        }
        let rows = removed.filter { $0.kind == "exceptions" }
        return files.joined(separator: ", ") + " files (\(bytes) bytes), "
            + "\(rows.compactMap(\.rows).reduce(0, +)) exception rows of \(rows.count) jobs; \(kept.count) kept"
    }

    /// The report as JSON (`dropgate purge --json`).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

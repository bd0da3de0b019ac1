import Foundation

extension Ledger {
    /// A timestamp as stored in claim tables: ISO 8601 in UTC, to the second.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

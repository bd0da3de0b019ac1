import GRDB

/// Raw reads for tests (`@testable import Store`): not part of the public API.
extension Ledger {
    /// Every row of a table, every column as text, in key order.
    func dump(table: String) throws -> [[String]] {
        try dump(sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)")
    }

    /// The rows of a read-only query, every column as text.
    func dump(sql: String, arguments: SQLArguments = []) throws -> [[String]] {
        try database.textRows(sql: sql, arguments: arguments)
    }
}

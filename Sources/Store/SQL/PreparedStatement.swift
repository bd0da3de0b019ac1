/// A statement prepared once on a transaction's connection and run many times (the per-row statements of
/// hot paths), with `?` placeholders bound in order.
public protocol PreparedStatement: AnyObject {
    /// Runs the statement to completion; returns the number of rows it changed.
    @discardableResult
    func execute(_ values: [SQLValue]) throws -> Int
    /// Runs a query and calls `body` with each row.
    func forEach(_ values: [SQLValue], body: (any PreparedRow) throws -> Void) throws
}

extension PreparedStatement {
    /// Runs the statement to completion; returns the number of rows it changed.
    @discardableResult
    public func execute(_ values: SQLValue...) throws -> Int {
        try execute(values)
    }

    /// Runs a query and calls `body` with each row.
    public func forEach(_ values: SQLValue..., body: (any PreparedRow) throws -> Void) throws {
        try forEach(values, body: body)
    }
}

/// The current row of a ``PreparedStatement`` query.
public protocol PreparedRow {
    /// Column `index` as an integer, `nil` when NULL.
    func int(_ index: Int32) -> Int64?
    /// Column `index` as text, `nil` when NULL.
    func text(_ index: Int32) -> String?
}

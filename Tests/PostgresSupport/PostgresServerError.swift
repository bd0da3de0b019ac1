/// A throwaway PostgreSQL server that could not be set up, started, stopped or given a database, with what the
/// tool or the server's log said.
public struct PostgresServerError: Error, CustomStringConvertible {
    /// What failed and why, with the tool's output or the tail of the server log.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

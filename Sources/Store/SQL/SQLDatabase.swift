/// The database under the repositories (DESIGN §9): SQLite embedded, or a server shared by several gateways.
///
/// Every repository method is one ``write(_:)`` transaction or one ``read(_:)``; nothing above the
/// repositories knows which database answers.
protocol SQLDatabase: Sendable {
    /// Runs `body` in a read-only view of the committed data.
    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// Runs `body` in one transaction, committed when it returns and rolled back when it throws.
    @discardableResult
    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// ``write(_:)`` for a change that may be lost if the database server crashes right after the commit
    /// (PostgreSQL's asynchronous commit, which saves a disk flush); the same as ``write(_:)`` on SQLite.
    @discardableResult
    func writeLosable<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// Runs `body` outside any transaction (statements that cannot run in one, such as a checkpoint).
    @discardableResult
    func writeWithoutTransaction<T>(_ body: (any SQLConnection) throws -> T) throws -> T
}

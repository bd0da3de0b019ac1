import GRDB
import Values

/// A record kept as one row of one table, written and read through any ``SQLConnection``.
///
/// GRDB's record protocols give the columns (`databaseTableName`, the encoded dictionary, decoding from a
/// row); the statements are built here, in SQL both stores share.
protocol StoredRecord: FetchableRecord, EncodableRecord, TableRecord {
    /// The columns of the table's primary key.
    static var primaryKey: [String] { get }
}

extension StoredRecord {
    static var primaryKey: [String] { ["id"] }
}

/// A record whose `id` the database assigns on insert.
protocol AutoIncrementedRecord: StoredRecord {
    /// Row id; `nil` until inserted.
    var id: Int64? { get set }
}

extension SQLConnection {
    /// The record whose (one-column) primary key is `key`.
    func fetchOne<Record: StoredRecord>(_ type: Record.Type, key: some DatabaseValueConvertible) throws -> Record? {
        try fetchOne(
            type, sql: "SELECT * FROM \(Record.databaseTableName) WHERE \(Record.primaryKey[0]) = ?", arguments: [key])
    }

    /// The records matching `filter` (SQL, `?` placeholders), in `order`, at most `limit` after `offset`.
    func fetchAll<Record: StoredRecord>(
        _ type: Record.Type, where filter: String? = nil, arguments: SQLArguments = [],
        orderBy order: String? = nil, limit: Int? = nil, offset: Int = 0
    ) throws -> [Record] {
        var sql = "SELECT * FROM \(Record.databaseTableName)"
        var arguments = arguments
        if let filter { sql += " WHERE \(filter)" }
        if let order { sql += " ORDER BY \(order)" }
        if let limit {
            sql += " LIMIT ? OFFSET ?"
            arguments += [limit, offset]
        }
        return try fetchAll(type, sql: sql, arguments: arguments)
    }

    /// The first record matching `filter` in `order`, if any.
    func fetchOne<Record: StoredRecord>(
        _ type: Record.Type, where filter: String, arguments: SQLArguments = [], orderBy order: String? = nil
    ) throws -> Record? {
        try fetchAll(type, where: filter, arguments: arguments, orderBy: order, limit: 1).first
    }

    /// How many records match `filter`.
    func count<Record: StoredRecord>(
        _ type: Record.Type, where filter: String, arguments: SQLArguments = []
    ) throws -> Int {
        try fetchOne(
            Int.self, sql: "SELECT COUNT(*) FROM \(Record.databaseTableName) WHERE \(filter)", arguments: arguments)
            ?? 0
    }

    /// Inserts a record and sets its `id` to the one the database assigned.
    func insert<Record: AutoIncrementedRecord>(_ record: inout Record) throws {
        let (columns, values) = try Self.encoded(record, omittingNullID: true)
        let sql = """
            INSERT INTO \(Record.databaseTableName) (\(Self.quoted(columns))) \
            VALUES (\(Self.placeholders(columns.count))) RETURNING id
            """
        guard let id = try fetchOne(Int64.self, sql: sql, arguments: values) else {
            throw StoreError(.sqlite, "insert into \(Record.databaseTableName) returned no id")
        }
        record.id = id
    }

    /// Inserts a record, or leaves the row already there when `ignoringConflicts` and a unique key
    /// clashes; returns whether a row was inserted.
    @discardableResult
    func insert<Record: StoredRecord>(_ record: Record, ignoringConflicts: Bool = false) throws -> Bool {
        let (columns, values) = try Self.encoded(record, omittingNullID: false)
        let sql = """
            INSERT INTO \(Record.databaseTableName) (\(Self.quoted(columns))) \
            VALUES (\(Self.placeholders(columns.count)))\(ignoringConflicts ? " ON CONFLICT DO NOTHING" : "")
            """
        return try execute(sql: sql, arguments: values) == 1
    }

    /// Writes every column of a stored record, found by its primary key.
    ///
    /// - Throws: ``StoreError`` when no row has that key.
    func update<Record: StoredRecord>(_ record: Record) throws {
        let (columns, values) = try Self.encoded(record, omittingNullID: false)
        let key = Record.primaryKey
        var assignments: [String] = []
        var arguments: [DatabaseValue] = []
        var keyValues: [DatabaseValue] = []
        for (column, value) in zip(columns, values) {
            if key.contains(column) {
                keyValues.append(value)
            } else {
                assignments.append("\"\(column)\" = ?")
                arguments.append(value)
            }
        }
        let sql = """
            UPDATE \(Record.databaseTableName) SET \(assignments.joined(separator: ", ")) \
            WHERE \(key.map { "\"\($0)\" = ?" }.joined(separator: " AND "))
            """
        guard try execute(sql: sql, arguments: arguments + keyValues) == 1 else {
            throw StoreError(.notFound, "no \(Record.databaseTableName) row with that key to update")
        }
    }

    /// Inserts a record, or overwrites the row with the same primary key.
    func save<Record: StoredRecord>(_ record: Record) throws {
        let (columns, values) = try Self.encoded(record, omittingNullID: false)
        let key = Record.primaryKey
        let assignments = columns.filter { !key.contains($0) }.map { "\"\($0)\" = excluded.\"\($0)\"" }
        let sql = """
            INSERT INTO \(Record.databaseTableName) (\(Self.quoted(columns))) \
            VALUES (\(Self.placeholders(columns.count))) \
            ON CONFLICT (\(Self.quoted(key))) DO UPDATE SET \(assignments.joined(separator: ", "))
            """
        try execute(sql: sql, arguments: values)
    }

    /// A record's columns (sorted, so each table's statements read the same every time) and values.
    private static func encoded<Record: StoredRecord>(
        _ record: Record, omittingNullID: Bool
    ) throws -> (columns: [String], values: [DatabaseValue]) {
        let pairs = try record.databaseDictionary
            .filter { !(omittingNullID && $0.key == "id" && $0.value.isNull) }
            .sorted { $0.key < $1.key }
        return (pairs.map(\.key), pairs.map(\.value))
    }

    private static func quoted(_ columns: [String]) -> String {
        columns.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}

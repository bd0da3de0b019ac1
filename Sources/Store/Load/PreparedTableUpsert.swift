import Mapping
import Values

/// The upsert of one mapping's rows through ``PreparedStatement``s (PostgreSQL): the ``UpsertStatements``,
/// each prepared once, values bound as text.
final class PreparedTableUpsert: RowUpsert {
    private let insert: any PreparedStatement
    private let update: any PreparedStatement
    private let touch: any PreparedStatement
    private let owner: any PreparedStatement
    private let stale: (any PreparedStatement)?
    private let policy: ExistingRecordPolicy
    private let supersedes: Int64?

    init(
        db: any SQLConnection, table: DomainTable, fields: [String], existing: ExistingRecordPolicy, modified: String?,
        supersedes: Int64?
    ) throws {
        let statements = UpsertStatements(table: table, fields: fields, modified: modified)
        insert = try db.prepare(statements.insert)
        update = try db.prepare(statements.update)
        touch = try db.prepare(statements.touch)
        owner = try db.prepare(statements.owner)
        stale = try statements.stale.map { try db.prepare($0) }
        policy = existing
        self.supersedes = supersedes
    }

    func upsert(district: String, values: ArraySlice<FieldValue>, jobID: Int64) throws -> UpsertOutcome {
        let parameters = [SQLValue.text(district)] + values.map(Self.parameter) + [.int(jobID)]
        func changed(_ statement: any PreparedStatement) throws -> Bool {
            try statement.execute(parameters) > 0
        }
        return try Self.outcome(
            policy: policy, supersedes: supersedes, insert: { try changed(insert) },
            owner: {
                var found: Int64?
                try owner.forEach(parameters) { row in found = found ?? row.int(0) }
                return found
            },
            update: { try changed(update) }, touch: { try changed(touch) },
            stale: {
                var found = false
                try stale?.forEach(parameters) { _ in found = true }
                return found
            })
    }

    private static func parameter(_ value: FieldValue) -> SQLValue {
        switch value {
        case .null: .null
        case .int(let int), .cents(let int): .int(int)
        case .bool(let bool): .int(bool ? 1 : 0)
        case .text(let text): .text(text)
        case .date, .decimal, .time: .text(value.text)
        }
    }
}

import Foundation
import TestThreads
import Testing

@testable import Store

/// The schema the migrations build, against a golden copy: a migration is never edited once released,
/// so the names, their order and every statement must stay exactly as databases in the field have them.
@Suite(.blocking) struct SchemaTests {
    let ledger: Ledger

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        ledger = try Ledger(path: folder.path + "/dropgate.sqlite")
    }

    @Test func migrationsBuildTheReleasedSchema() throws {
        let names = try ledger.dump(sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid").map { $0[0] }
        let objects = try ledger.dump(
            sql: """
                SELECT type, name, sql FROM sqlite_master
                WHERE sql IS NOT NULL AND name NOT LIKE 'grdb%' ORDER BY type DESC, name
                """)
        let schema =
            names.map { "-- migration \($0)\n" }.joined()
            + objects.map { "-- \($0[0]) \($0[1])\n\($0[2]);\n" }.joined()
        let golden = try String(contentsOf: try Self.fixture("schema.sql"), encoding: .utf8)
        #expect(schema == golden)
    }

    @Test func domainTablesAreTheOnesMappingsFill() throws {
        #expect(
            try Ledger.domainTables().keys.sorted() == [
                "attendance", "eligibility_members", "iready_diagnostics", "practitioners", "services", "students",
            ])
    }

    static func fixture(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
    }
}

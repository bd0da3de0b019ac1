import GRDB

/// Files a source left in place once taken (SFTP `after_fetch: leave`), so an unchanged one is not taken again.
public struct SeenFileRepository: Sendable {
    let pool: DatabasePool

    /// The files a source left in place once taken, by name.
    public func seenFiles(source: String) throws -> [String: SeenFile] {
        try pool.read { db in
            let files = try SeenFile.filter(Column("source") == source).fetchAll(db)
            return Dictionary(files.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Remembers a file taken and left in place (replacing what was remembered under its name).
    public func remember(_ file: SeenFile) throws {
        try pool.write { db in try file.save(db) }
    }

    /// Forgets files no longer in their source, so a file put back under the same name is new.
    public func forgetSeen(source: String, names: some Collection<String>) throws {
        guard !names.isEmpty else { return }
        try pool.write { db in
            for name in names {
                try db.execute(sql: "DELETE FROM seen_files WHERE source = ? AND name = ?", arguments: [source, name])
            }
        }
    }
}

import GRDB

/// Files a source left in place once taken (SFTP `after_fetch: leave`), so an unchanged one is not taken again.
public struct SeenFileRepository: Sendable {
    let database: any SQLDatabase

    /// The files a source left in place once taken, by name.
    public func seenFiles(source: String) throws -> [String: SeenFile] {
        try database.read { db in
            let files = try db.fetchAll(SeenFile.self, where: "source = ?", arguments: [source])
            return Dictionary(files.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Remembers a file taken and left in place (replacing what was remembered under its name).
    public func remember(_ file: SeenFile) throws {
        try database.write { db in try db.save(file) }
    }

    /// Forgets files no longer in their source, so a file put back under the same name is new.
    public func forgetSeen(source: String, names: some Collection<String>) throws {
        guard !names.isEmpty else { return }
        try database.write { db in
            for name in names {
                try db.execute(sql: "DELETE FROM seen_files WHERE source = ? AND name = ?", arguments: [source, name])
            }
        }
    }
}

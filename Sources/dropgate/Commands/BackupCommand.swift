import ArgumentParser
import Foundation
import Gateway
import Store

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the database while the daemon keeps running.",
        discussion: """
            Copies the SQLite database with SQLite's online backup API (one consistent snapshot; the daemon and \
            other commands go on working), checks the copy with PRAGMA integrity_check, and writes it whole \
            (temporary name, fsync, rename; mode 0600) as FOLDER/dropgate-<UTC time>.sqlite, e.g. \
            dropgate-20261202T031500Z.sqlite. FOLDER defaults to backup.folder in dropgate.yaml; backing up \
            into that folder also removes all but the newest backup.keep copies. With backup: configured, the \
            daemon takes one such backup a day by itself. Restore one with `dropgate restore`.
            """)

    @OptionGroup var options: GlobalOptions

    @Argument(help: "Where to write the backup (default: backup.folder in dropgate.yaml).")
    var folder: String?

    func run() throws {
        let gateway = try options.openGateway()
        let (backup, removed) = try gateway.backup(into: folder)
        print("backed up \(gateway.config.paths.database) to \(backup.path) (\(backup.size) bytes, integrity ok)")
        for old in removed { print("removed the older backup \(old.path)") }
    }
}

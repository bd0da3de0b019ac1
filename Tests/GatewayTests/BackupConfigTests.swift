import Mapping
import TestThreads
import Testing

@testable import Gateway

/// `backup:` in dropgate.yaml.
@Suite(.blocking) struct BackupConfigTests {
    @Test func folderAndKeepAreRead() throws {
        let config = try GatewayConfig.decode(
            yaml: "backup:\n  folder: Backups\n  keep: 14\n", file: "dropgate.yaml", root: "/srv/dg")
        #expect(config.backup == BackupConfig(folder: "/srv/dg/Backups", keep: 14))
        let defaults = try GatewayConfig.decode(yaml: "backup: { folder: /var/backups/dg }\n", file: "x", root: "/")
        #expect(defaults.backup == BackupConfig(folder: "/var/backups/dg", keep: 7))
        #expect(try GatewayConfig.decode(yaml: "sources: []\n", file: "x", root: "/").backup == nil)
    }

    @Test(arguments: [
        ("backup:\n  keep: 3\n", 2, "backup needs a 'folder'"),
        ("backup:\n  folder: B\n  keep: 0\n", 3, "backup.keep must be at least 1"),
        ("backup:\n  folder: B\n  every: 1d\n", 3, "unknown key 'every'"),
    ])
    func mistakesAreNamedWithTheirLine(yaml: String, line: Int, message: String) {
        #expect {
            try GatewayConfig.decode(yaml: yaml, file: "dropgate.yaml", root: "/tmp")
        } throws: { error in
            let issues = (error as? DefinitionError)?.issues ?? []
            return issues.contains { $0.line == line && $0.message.contains(message) }
        }
    }
}

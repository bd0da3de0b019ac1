import ArgumentParser

/// The `dropgate` command: a file-drop integration and EDI gateway for school-based health billing.
@main
struct DropGate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dropgate",
        abstract:
            "File-drop integration gateway: validates district files against mappings and loads them into SQLite.",
        discussion: """
            Districts drop SIS rosters, attendance and other files into Inbox/<source>/. DropGate takes each
            file once it is complete, recognises its kind from Mappings/*.yaml, validates every row, loads the
            good rows into SQLite in one transaction and writes a receipt and an exception report to
            Outbox/<source>/reports/. Start with `dropgate run --once` on the bundled configuration.
            """,
        subcommands: [
            RunCommand.self, IngestCommand.self, JobsCommand.self, JobCommand.self, ExceptionsCommand.self,
            RequeueCommand.self, SourcesCommand.self, MappingsCommand.self, ClaimsCommand.self, RemitCommand.self,
            SimulateCommand.self,
            BenchCommand.self,
        ]
    )
}

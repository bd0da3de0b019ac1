import ArgumentParser

/// The `dropgate` command: a file-drop integration and EDI gateway for school-based health billing.
@main
struct DropGate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dropgate",
        abstract:
            "File-drop integration gateway: validates district files against mappings and loads them into SQLite.",
        discussion: """
            Districts drop SIS rosters, attendance and other files into Inbox/<source>/. DropGate takes each \
            file once it is complete, recognises its kind from Mappings/*.yaml, validates every row, loads the \
            good rows into SQLite in one transaction and writes a receipt and an exception report to \
            Outbox/<source>/reports/. Start with `dropgate run --once` on the bundled configuration.

            The global options --config and --log-level go before the subcommand (dropgate --config site.yaml \
            run) or after it (dropgate run --config site.yaml); given in both places, the one after the \
            subcommand wins.

            Exit status: 0 success; 1 the command ran and something failed (a file rejected or a job dead, \
            mistakes found by `mappings check`, an id or name that does not exist, a refused operation, a file \
            or database error); 2 the configuration, a mapping or a payer profile is invalid (the gateway \
            refuses to start); 3, 4, 5 `run --once` left work undone: a source needs an operator, a source \
            could not be polled or a file could not be staged, a file is still settling (see `dropgate run \
            --help`); 64 usage error (an unknown option or an invalid value).
            """,
        version: versionText,
        subcommands: [
            RunCommand.self, IngestCommand.self, JobsCommand.self, JobCommand.self, ExceptionsCommand.self,
            RequeueCommand.self, ReplayCommand.self, SourcesCommand.self, AlertsCommand.self, QualityCommand.self,
            MappingsCommand.self,
            ClaimsCommand.self,
            RemitCommand.self,
            ServeCommand.self, UsersCommand.self, BackupCommand.self, RestoreCommand.self, PurgeCommand.self,
            ArchiveCommand.self, SimulateCommand.self,
            BenchCommand.self,
        ]
    )

    /// Parsed here so the global options may come before the subcommand; every subcommand's
    /// `@OptionGroup var options: GlobalOptions` receives these same values.
    @OptionGroup var options: GlobalOptions

    /// Parses the arguments and runs the command; whatever it throws becomes a message and an exit status.
    ///
    /// Parsing and `validate()` failures are reported by argument-parser (usage, status 64); errors from
    /// `run()` go through ``CLIError/exit(with:)``.
    static func main() async {
        var command: any ParsableCommand
        do {
            command = try await asyncParseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            CLIError.exit(with: error)
        }
    }
}

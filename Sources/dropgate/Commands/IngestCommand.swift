import ArgumentParser
import Gateway
import Store

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Process one file now, as if dropped by a source.",
        discussion: """
            The file is copied into staging (it is left where it is), recognised, validated and loaded like a \
            dropped file, and its receipt is printed. The same bytes ingested again for the same source become a \
            duplicate job and nothing is reloaded; when the first job of those bytes was left unfinished (an \
            interrupted ingest), it is finished now and shown instead. Exit status 1 if nothing was loaded: a \
            duplicate, a rejected file or a dead job. On a terminal a progress line (records, bytes, rate, time \
            left) redraws on standard error while the file loads; not on a pipe or with --json.
            """)

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The file to ingest.")
    var file: String

    @Option(help: "The source (district) the file belongs to, as configured in dropgate.yaml.")
    var source: String

    @Option(help: "Use this mapping kind instead of recognising the file by name (its header must still fit).")
    var kind: String?

    @Flag(help: "Print the job as JSON.")
    var json = false

    func run() throws {
        let gateway = try options.openGateway()
        gateway.sweepLeftovers()
        let job = try ProgressLine.shown(unless: json) {
            try gateway.ingest(path: file, source: source, kind: kind)
        }
        print(json ? try JobListing.json([job]) : JobListing.detail(job))
        if job.state == .duplicate {
            throw CLIError("the same bytes were loaded by job \(job.duplicateOf ?? 0) already: nothing was loaded")
        }
        if job.state == .rejected || job.state == .dead { throw ExitCode(1) }
    }
}

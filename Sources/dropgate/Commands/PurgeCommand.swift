import ArgumentParser
import Foundation
import Gateway
import Transport

struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Remove what retention: in dropgate.yaml says is old enough, and list it.",
        discussion: """
            retention: sets, in days, how long to keep archived files (archive_days), staging leftovers no job \
            names (staging_days), receipts and exception reports in Outbox/<source>/reports/ (reports_days) and \
            exception rows in the database (exceptions_days). Files age by their modification time, exception \
            rows by the time their job last changed. A period left out keeps forever; with no retention: at \
            all nothing is purged. The daemon applies the same purge once a day.

            Whatever its age, nothing is removed that is still needed: the file, reports and exception rows of \
            a job that is not final (staged, processing, retry_wait), of a job whose rows a claim batch bills \
            that is not acknowledged yet (writing, awaiting-review, built, submitted), or of an 835 with a held \
            set. Those are listed as kept, with the reason. Each purge (not a dry run) is recorded in the audit \
            trail as `purge` with your user name and the counts.

            Example: dropgate purge --dry-run
            """)

    @OptionGroup var options: GlobalOptions

    @Flag(help: "List what would be removed; remove nothing.")
    var dryRun = false

    @Flag(help: "Print JSON for scripts (dry_run, removed, kept).")
    var json = false

    func run() throws {
        let gateway = try options.openGateway()
        if gateway.config.retention.isEmpty, !json {
            print("no retention: in \(gateway.config.file); nothing is purged")
            return
        }
        let report = try gateway.purge(dryRun: dryRun, actor: FileSystem.userName)
        if json {
            print(try report.json())
            return
        }
        let verb = dryRun ? "would remove" : "removed"
        for item in report.removed {
            if let path = item.path {
                print("\(verb) \(item.kind) \(path) (\(item.bytes ?? 0) bytes)")
            } else {
                print("\(verb) \(item.rows ?? 0) exception rows of job \(item.job ?? 0)")
            }
        }
        for item in report.kept {
            print("kept \(item.kind) \(item.path ?? ""): \(item.reason ?? "")")
        }
        print((dryRun ? "dry run: " : "") + report.summary)
    }
}

import ArgumentParser
import Foundation
import Gateway
import Store
import Values

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup in place of the database, and requeue what came after it.",
        discussion: """
            Refuses while any other dropgate process (the daemon, `serve`, a command) has the database open: \
            stop the daemon first. Checks the backup (PRAGMA integrity_check, a DropGate database, no migration \
            newer than this build), sets the current database aside as <database>.replaced-<UTC time> (never \
            deleted), and copies the backup in its place.

            Then brings the restored ledger up to date, before any other process can open it: each file in the \
            archive or in staging that the backup does not know was received after the backup was taken; it is \
            registered again as a new job, in the order it first arrived, and the next `dropgate run` loads it, \
            so nothing is lost and nothing loaded twice. Control numbers are raised past every number used \
            after the backup (from the set-aside database and the batch files in the outbox), and delivery \
            records are carried over so no file is delivered twice. Claim batches built after the backup are \
            listed: their claims are not in the restored ledger, so check them before the next `claims build`.

            From the swap until that is done, <database>.restore-pending marks the restore: should it stop half \
            way (a crash, a full disk), every dropgate process refuses to open the database and says so, and \
            `dropgate restore --resume` finishes the work (each step is safe to repeat).
            """)

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The backup file to restore (from `dropgate backup`).")
    var backup: String?

    @Flag(help: "Finish a restore that stopped after it swapped the database (no BACKUP).")
    var resume = false

    func validate() throws {
        if resume, backup != nil {
            throw ValidationError("--resume finishes the restore already started: name no backup")
        }
        if !resume, backup == nil { throw ValidationError("name the backup file to restore (or --resume)") }
    }

    func run() throws {
        let config = try GatewayConfig.load(path: options.configPath)
        let logger = options.makeLogger()
        let report =
            try backup.map { backup in
                try DatabaseRestore.run(
                    backup: backup, config: config, logger: logger,
                    faults: FaultInjection(environment: ProcessInfo.processInfo.environment))
            } ?? DatabaseRestore.resume(config: config, logger: logger)
        let swap = report.swap
        print("restored \(swap.backup) over \(config.paths.database)")
        print("  the backup holds \(swap.backupJobs.count) jobs (last job \(swap.backupJobs.last))")
        if let replaced = swap.replacedPath {
            switch swap.replaced {
            case .success(let ledger):
                print(
                    "  the replaced database is kept at \(replaced) (\(ledger.jobCount) jobs, last job \(ledger.lastJobID))"
                )
            case .failure(let error):
                print("  the replaced database is kept at \(replaced); it could not be read: \(error.message)")
            case nil:
                print("  the replaced database is kept at \(replaced)")
            }
        } else {
            print("  there was no database to replace")
        }
        if report.requeued.isEmpty {
            print("  no file was received after the backup")
        } else {
            print(
                "  \(report.requeued.count) files received after the backup are registered again as jobs \(report.requeued.compactMap(\.id).map(String.init).joined(separator: ", ")); `dropgate run` loads them"
            )
        }
        if report.relinked > 0 { print("  \(report.relinked) restored jobs were pointed at their archived file") }
        for job in report.missing {
            print("  warning: job \(job.id ?? 0) (\(job.originalName)) has not finished and its file is gone")
        }
        for raised in report.raisedControlNumbers {
            print("  control numbers of \(raised.payer) raised from \(raised.from) to \(raised.to)")
        }
        if report.deliveriesCarriedOver > 0 {
            print("  \(report.deliveriesCarriedOver) delivery records carried over from the replaced database")
        }
        for file in report.unreadable {
            print("  warning: archived file \(file.path) could not be read and was left as it is: \(file.reason)")
        }
        for file in report.batchesAfterBackup {
            print(
                "  warning: claim batch \(file) was built after the backup; its claims are not in the restored ledger")
        }
    }
}

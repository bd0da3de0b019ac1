import ArgumentParser
import Console
import Gateway
import Logging
import ServiceLifecycle
import Store
import UnixSignals

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch every configured source and process files as they arrive.",
        discussion: """
            Polls each source's drop folder every poll_interval seconds. A file is taken only once it has not \
            changed for its source's stable_after seconds; names ending in .part or .tmp and dot-files are \
            ignored. Each file is staged, hashed, recorded as a job, removed from the inbox, validated and \
            loaded in one transaction, then archived. The daemon also serves the operator console on \
            http.listen (default 127.0.0.1:8480; see `dropgate serve`). SIGINT or SIGTERM lets the current file's \
            transaction finish and stops cleanly.

            With --once, makes one pass over all sources (waiting up to 5 seconds for files still being written \
            to settle), prints the finished jobs, writes one line on stderr for each source it could not \
            finish with, and exits: 0 all done (or no new files); 1 a job was rejected or dead; 3 a source \
            needs an operator (login or host key refused, secret missing); 4 a source could not be polled or \
            a file could not be staged (retried next pass); 5 a file is still settling (run again later). When \
            several apply, the lowest status wins.
            """)

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Make one pass over all sources and exit.")
    var once = false

    @Flag(help: "With --once: print the finished jobs as JSON.")
    var json = false

    func validate() throws {
        guard once || !json else { throw ValidationError("--json needs --once: the daemon prints no job list") }
    }

    func run() async throws {
        let gateway = try options.openGateway()
        gateway.sweepLeftovers()
        if once {
            let report = await gateway.reportedPass(waitForSettling: true)
            let finished = report.finished
            let empty = report.conditions.isEmpty ? "no new files" : "no finished jobs"
            print(json ? try JobListing.json(finished) : JobListing.table(finished, empty: empty))
            for condition in report.conditions { printError("dropgate: \(condition)") }
            let failed = finished.contains { $0.state == .rejected || $0.state == .dead }
            if let status = CLIError.status(of: report.conditions, jobFailed: failed) { throw status }
            return
        }
        let logger = options.makeLogger()
        let console = Console(
            gateway: gateway, users: UserFile(path: gateway.config.paths.usersFile), logger: logger, passLoop: true)
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: WatcherService(gateway: gateway, logger: logger)),
                    .init(service: console.besideWatcher()),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}

import ArgumentParser
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
            loaded in one transaction, then archived. SIGINT or SIGTERM lets the current file's transaction \
            finish and stops cleanly.

            With --once, makes one pass over all sources (waiting briefly for files still being written to \
            settle), prints the receipts' summary and exits: status 1 if any job was rejected or dead.
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
            let finished = await gateway.pass(waitForSettling: true)
            print(json ? try JobListing.json(finished) : JobListing.table(finished, empty: "no new files"))
            if finished.contains(where: { $0.state == .rejected || $0.state == .dead }) { throw ExitCode(1) }
            return
        }
        let logger = options.makeLogger()
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: WatcherService(gateway: gateway, logger: logger))],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}

import ArgumentParser
import Console
import Gateway
import Logging
import ServiceLifecycle
import UnixSignals

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the operator console alone (no polling), against the configured database.",
        discussion: """
            Listens on http.listen from dropgate.yaml (default 127.0.0.1:8480; port 0 takes any free port, \
            logged at start). Users come from paths.users (default dropgate.users beside the database), managed \
            with `dropgate users`. `dropgate run` serves the same console beside the watcher. SIGINT or SIGTERM \
            stops it.
            """)

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let gateway = try options.openGateway()
        let logger = options.makeLogger()
        let console = Console(gateway: gateway, users: UserFile(path: gateway.config.paths.usersFile), logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: console.application())],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}

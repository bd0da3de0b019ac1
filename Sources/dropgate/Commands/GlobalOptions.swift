import ArgumentParser
import Foundation
import Gateway
import Logging
import Mapping

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The configuration file (paths, sources, retry policy).",
            discussion: "Defaults to $DROPGATE_CONFIG, else ./dropgate.yaml.", valueName: "path"))
    var config: String?

    @Option(name: .long, help: "Log level on stderr: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .notice

    var configPath: String {
        config ?? ProcessInfo.processInfo.environment["DROPGATE_CONFIG"] ?? "dropgate.yaml"
    }

    func makeLogger() -> Logger {
        var logger = Logger(label: "dropgate")
        logger.logLevel = logLevel
        return logger
    }

    /// Opens the gateway, turning configuration and mapping errors into a clear message and exit code 2.
    func openGateway() throws -> Gateway {
        do {
            return try Gateway(
                configPath: configPath, logger: makeLogger(),
                faults: FaultInjection(environment: ProcessInfo.processInfo.environment))
        } catch let error as DefinitionError {
            printError("dropgate: refusing to start, the configuration or a mapping is invalid:\n\(error)")
            throw ExitCode(2)
        } catch let error as GatewayError {
            printError("dropgate: \(error.message)")
            throw ExitCode(2)
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

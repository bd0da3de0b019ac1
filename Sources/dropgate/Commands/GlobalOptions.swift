import ArgumentParser
import Foundation
import Gateway
import Logging

/// Options every command shares.
///
/// Declared on the root command too, so they may come before the subcommand; see ``DropGate``.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The configuration file (paths, sources, retry policy).",
            discussion: "Defaults to $DROPGATE_CONFIG, else ./dropgate.yaml.", valueName: "path"))
    var config: String?

    @Option(name: .long, help: "Log level on stderr: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .notice

    @Option(name: .long, help: "Log format on stderr: text, or json (one JSON object per line, the same keys).")
    var logFormat: LogFormat = .text

    /// How log lines are written.
    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        /// swift-log's text lines.
        case text
        /// ``JSONLogHandler``'s JSON lines.
        case json
    }

    var configPath: String {
        config ?? ProcessInfo.processInfo.environment["DROPGATE_CONFIG"] ?? "dropgate.yaml"
    }

    func makeLogger() -> Logger {
        var logger =
            switch logFormat {
            case .text: Logger(label: "dropgate")
            case .json: Logger(label: "dropgate") { JSONLogHandler(label: $0) }
            }
        logger.logLevel = logLevel
        return logger
    }

    /// Opens the gateway.
    ///
    /// - Throws: ``DefinitionError`` or ``GatewayError`` when the configuration or a mapping is invalid
    ///   (``CLIError`` reports them with status 2).
    func openGateway() throws -> Gateway {
        try Gateway(
            configPath: configPath, logger: makeLogger(),
            faults: FaultInjection(environment: ProcessInfo.processInfo.environment))
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

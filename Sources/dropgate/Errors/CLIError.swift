import ArgumentParser
import Foundation
import Gateway
import Mapping
import Store
import Transport
import Values

/// A failure as the command line reports it: one plain message on standard error and an exit code.
///
/// Commands throw; ``DropGate/main()`` hands whatever they throw to ``exit(with:)``, the one place where
/// errors become messages and exit codes:
///
/// | status | meaning |
/// |---|---|
/// | 0 | success |
/// | 1 | the command ran and something failed: a file rejected or a job dead, mistakes found, an id or name that does not exist, a refused operation, a file or database error |
/// | 2 | the configuration, a mapping or a payer profile is invalid: the gateway refuses to start |
/// | 3 | `run --once`: a source needs an operator (login or host key refused, secret missing) |
/// | 4 | `run --once`: a source could not be polled or a file could not be staged (retried next pass) |
/// | 5 | `run --once`: a file is still settling (run again later) |
/// | 64 | usage: an unknown option or an invalid value (argument-parser's validation status) |
struct CLIError: Error, CustomStringConvertible {
    /// What went wrong, without the `dropgate: ` prefix; one sentence, naming the path or id concerned.
    var message: String
    /// The process's exit status.
    var exitCode: ExitCode

    /// Creates a failure with its message and exit status.
    init(_ message: String, exitCode: ExitCode = .failure) {
        self.message = message
        self.exitCode = exitCode
    }

    /// Status 2: the configuration, a mapping or a payer profile is invalid.
    static let invalidConfiguration = ExitCode(2)
    /// Status 3: a source needs an operator.
    static let sourceNeedsOperator = ExitCode(3)
    /// Status 4: a source could not be polled or a file could not be staged.
    static let intakeFailed = ExitCode(4)
    /// Status 5: a file is still settling.
    static let stillSettling = ExitCode(5)

    /// The status of a `run --once` pass that finished jobs (`jobFailed`: one was rejected or dead) and left
    /// `conditions`; the lowest applicable status wins, `nil` when all is done.
    static func status(of conditions: [PassReport.Condition], jobFailed: Bool) -> ExitCode? {
        if jobFailed { return .failure }
        let statuses = conditions.map { condition in
            switch condition {
            case .needsOperator: sourceNeedsOperator
            case .unreachable, .stagingFailed: intakeFailed
            case .settling: stillSettling
            }
        }
        return statuses.min { $0.rawValue < $1.rawValue }
    }

    var description: String { message }

    /// The message and exit status for any error a command can throw.
    ///
    /// - Parameter error: A domain error (``GatewayError``, ``DefinitionError``, ``StoreError``,
    ///   ``FileSystemError``), a Foundation or POSIX error, a `ValidationError`, or anything else (its
    ///   description, status 1).
    init(presenting error: any Error) {
        switch error {
        case let error as CLIError:
            self = error
        case let error as ValidationError:
            self.init(error.message, exitCode: .validationFailure)
        case let error as DefinitionError:
            // One issue reads as one line; several are listed one a line, each with its file and line.
            let separator = error.issues.count == 1 ? " " : "\n"
            self.init(
                "refusing to start, the configuration or a mapping is invalid:\(separator)\(error)",
                exitCode: Self.invalidConfiguration)
        case let error as GatewayError:
            self.init(
                error.message, exitCode: error.code == .invalidConfiguration ? Self.invalidConfiguration : .failure)
        case let error as StoreError:
            self.init(error.message)
        case let error as FileSystemError:
            self.init("cannot \(Self.verb(error.operation)) \(error.path): \(Self.reason(errno: error.errno))")
        case let error as CocoaError:
            self.init(Self.sentence(error))
        case let error as POSIXError:
            self.init(Self.reason(errno: error.code.rawValue))
        default:
            self.init(String(describing: error))
        }
    }

    /// Writes the message for `error` to standard error and exits with its status.
    ///
    /// An `ExitCode` passes through unchanged: the command has already said what it had to. So do the
    /// requests argument-parser answers with a clean exit (`dropgate help`, `CleanExit`): it prints them.
    static func exit(with error: any Error) -> Never {
        if error is ExitCode || DropGate.exitCode(for: error) == .success { DropGate.exit(withError: error) }
        let failure = CLIError(presenting: error)
        printError("dropgate: \(failure.message)")
        DropGate.exit(withError: failure.exitCode)
    }
}

import ArgumentParser
import Console
import Foundation
import Gateway

struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage who may log in to the operator console.",
        discussion: """
            Users live in the users file (paths.users in dropgate.yaml, default dropgate.users beside the \
            database), one a line with a bcrypt hash of the password, written atomically with mode 0600. Roles: \
            admin (everything, the audit trail included), billing (every district, claims, actions), district \
            (only its own district's jobs, receipts and exceptions). Changes take effect at once, even for a \
            running console: a removed user or a changed password ends that user's sessions.
            """,
        subcommands: [UsersAddCommand.self, UsersPasswdCommand.self, UsersRemoveCommand.self, UsersListCommand.self])
}

/// Where `users` subcommands find the users file and the configured sources.
struct UsersFileOptions: ParsableArguments {
    @OptionGroup var options: GlobalOptions

    func config() throws -> GatewayConfig {
        try GatewayConfig.load(path: options.configPath)
    }
}

/// How a password is given: `--password-file`, else a prompt without echo on a terminal, else a line of stdin.
struct PasswordOptions: ParsableArguments {
    @Option(help: "Read the password from the first line of this file instead of the terminal or stdin.")
    var passwordFile: String?

    func read() throws -> String {
        if let passwordFile {
            guard let data = FileManager.default.contents(atPath: passwordFile) else {
                throw CLIError("cannot read password file \(passwordFile)")
            }
            return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .first.map(String.init) ?? ""
        }
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true) else { throw CLIError("no password on standard input") }
            return line
        }
        let first = try Self.prompt("Password: ")
        guard try Self.prompt("Again: ") == first else { throw CLIError("the two passwords differ") }
        return first
    }

    /// Reads a line from the terminal with echo off.
    private static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else { throw CLIError("no password given") }
        return line
    }
}

struct UsersAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a console user (password from --password-file, a prompt or stdin).")

    @OptionGroup var file: UsersFileOptions
    @Argument(help: "The login name (letters, digits, '.', '_', '-').") var name: String
    @Option(help: "admin, billing or district.") var role: String
    @Option(help: "For a district user: the source (district) whose jobs they see.") var district: String?
    @OptionGroup var password: PasswordOptions

    func validate() throws {
        guard Role(rawValue: role) != nil else { throw ValidationError("--role must be admin, billing or district") }
    }

    func run() throws {
        let config = try file.config()
        if let district, config.source(district) == nil {
            let known = config.sources.map(\.id).joined(separator: ", ")
            throw CLIError("unknown district '\(district)'; configured sources: \(known)")
        }
        let users = UserFile(path: config.paths.usersFile)
        try users.add(
            name: name, role: Role(rawValue: role) ?? .district, district: district, password: password.read())
        print("added \(name) (\(role)) to \(users.path)")
    }
}

struct UsersPasswdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "passwd", abstract: "Set a console user's password.")

    @OptionGroup var file: UsersFileOptions
    @Argument(help: "The login name.") var name: String
    @OptionGroup var password: PasswordOptions

    func run() throws {
        let users = UserFile(path: try file.config().paths.usersFile)
        try users.setPassword(name: name, password: password.read())
        print("password of \(name) changed")
    }
}

struct UsersRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a console user.")

    @OptionGroup var file: UsersFileOptions
    @Argument(help: "The login name.") var name: String

    func run() throws {
        let users = UserFile(path: try file.config().paths.usersFile)
        try users.remove(name: name)
        print("removed \(name)")
    }
}

struct UsersListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List console users and roles.")

    @OptionGroup var file: UsersFileOptions

    func run() throws {
        let users = try UserFile(path: try file.config().paths.usersFile).load()
        guard !users.isEmpty else {
            print("no users")
            return
        }
        print(
            TextTable.render(
                header: ["NAME", "ROLE", "DISTRICT"],
                rows: users.map { [$0.name, $0.role.rawValue, $0.district ?? "-"] }))
    }
}

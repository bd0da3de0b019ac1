import Foundation

/// Runs the PostgreSQL command-line tools with `posix_spawn` and `waitpid`, their output going to a file.
///
/// Foundation's `Process` is avoided (on Linux its child monitor can miss children exiting), and so are pipes:
/// `pg_ctl start` leaves a server running, and a server that inherited a pipe's write end from a concurrent test
/// would keep that pipe open until it stops. Children get no descriptor above 2 where glibc allows it.
enum Subprocess {
    /// Runs `arguments` to completion in `directory` and returns its exit status and output (standard output and
    /// error together).
    ///
    /// - Parameters:
    ///   - arguments: The absolute path of the program, then its arguments.
    ///   - environment: Variables added to this process's environment.
    ///   - directory: The working directory (a folder the `postgres` user can read, when running as it).
    ///   - output: A file to collect output in; removed afterwards.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], directory: String, output: String
    ) throws -> (status: Int32, output: String) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        #if os(Linux)
            Self.closeFrom(3, &actions)
            Self.changeDirectory(directory, &actions)
        #endif
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { _, new in new }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw PostgresServerError("posix_spawn \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: output)
        let signal = status & 0x7f
        return (signal == 0 ? (status >> 8) & 0xff : 128 + signal, text)
    }

    #if os(Linux)
        private typealias AddCloseFrom =
            @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        private typealias AddChangeDirectory =
            @convention(c) (
                UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
            ) -> Int32

        /// glibc 2.34's `posix_spawn_file_actions_addclosefrom_np`, which Swift's Glibc module does not import.
        private static func closeFrom(_ descriptor: Int32, _ actions: inout posix_spawn_file_actions_t) {
            guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return }
            _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, descriptor)
        }

        /// glibc 2.29's `posix_spawn_file_actions_addchdir_np`, which Swift's Glibc module does not import.
        private static func changeDirectory(_ directory: String, _ actions: inout posix_spawn_file_actions_t) {
            guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else { return }
            _ = unsafeBitCast(symbol, to: AddChangeDirectory.self)(&actions, directory)
        }
    #endif
}

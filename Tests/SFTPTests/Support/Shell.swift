import Foundation

/// Runs commands with `posix_spawn` and `waitpid`. Foundation's `Process` is avoided: on Linux its child monitor
/// can block in `waitpid` on a long-running child (sshd) and then never reports other children exiting.
enum Shell {
    /// Runs a command to completion and returns its standard output and error; throws when it exits non-zero.
    static func run(_ arguments: String...) throws -> String {
        try run(arguments)
    }

    /// Runs a command to completion and returns its standard output and error; throws when it exits non-zero.
    static func run(_ arguments: [String]) throws -> String {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw TestFailure("pipe: \(errno)") }
        let pid = try spawn(arguments, output: pipeEnds[1], closing: pipeEnds[0])
        close(pipeEnds[1])
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(pipeEnds[0], $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            output += buffer.prefix(count)
        }
        close(pipeEnds[0])
        let status = wait(pid)
        let text = String(decoding: output, as: UTF8.self)
        guard status == 0 else {
            throw TestFailure("\(arguments.joined(separator: " ")) exited with status \(status): \(text)")
        }
        return text
    }

    /// Starts a command with standard output and error on `output` (default /dev/null) and returns its pid.
    static func spawn(_ arguments: [String], output: Int32? = nil, closing: Int32? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let output {
            posix_spawn_file_actions_adddup2(&actions, output, 1)
            posix_spawn_file_actions_adddup2(&actions, output, 2)
            posix_spawn_file_actions_addclose(&actions, output)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        if let closing { posix_spawn_file_actions_addclose(&actions, closing) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard result == 0 else { throw TestFailure("posix_spawn \(arguments[0]): \(result)") }
        return pid
    }

    /// Waits for a child and returns its exit status (128 + signal when killed).
    @discardableResult
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Whether a child is still running (reaps it when it has exited).
    static func isRunning(_ pid: pid_t) -> Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == 0
    }
}

/// A test precondition that failed, with a message saying what to fix.
struct TestFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

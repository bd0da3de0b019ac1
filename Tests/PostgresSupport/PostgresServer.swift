import Foundation
import LoopbackSupport
import Synchronization

/// A throwaway PostgreSQL server for tests: its own temporary folder, cluster, port and password.
///
/// `initdb` creates a cluster with SCRAM password authentication for the superuser ``user``, which owns the database
/// ``database``; the server listens on 127.0.0.1 only, on a free port kept across ``restart()``, with its Unix socket
/// in the temporary folder and `fsync` off. PostgreSQL refuses to run as root, so as root the server tools run as the
/// `postgres` user (`runuser -u postgres --`), which then owns the folder. ``stop()`` (or deinit) stops the server
/// and removes the folder.
public final class PostgresServer: Sendable {
    /// The superuser's name.
    public let user = "dropgate"
    /// The superuser's password (generated).
    public let password: String
    /// The database created with the server.
    public let database = "dropgate"
    /// The TCP port on 127.0.0.1.
    public let port: Int
    /// The temporary folder holding the cluster (`data/`), the socket and the log (`server.log`).
    public let root: String
    private let tools: PostgresTools
    private let stopped = Mutex(false)

    /// Creates a cluster and starts the server.
    ///
    /// - Throws: ``PostgresServerError`` naming the missing tool, or with `initdb`'s output or the server log's tail.
    public init() throws {
        tools = try PostgresTools.find()
        root = try Self.makeTemporaryFolder()
        password = UUID().uuidString
        do {
            try tools.handOver(root)
            try password.write(toFile: root + "/password", atomically: false, encoding: .utf8)
            try tools.handOver(root + "/password")
            try tools.runAsServerUser(
                [
                    tools.initdb, "-D", root + "/data", "-U", user, "--auth=scram-sha-256",
                    "--pwfile=" + root + "/password",
                    "-E", "UTF8", "--locale=C", "--no-sync",
                ], in: root, what: "initdb")
            try FileManager.default.removeItem(atPath: root + "/password")
            port = try Self.startOnFreePort(tools, root: root)
        } catch {
            try? FileManager.default.removeItem(atPath: root)
            throw error
        }
        do {
            try createDatabase(database)
        } catch {
            stop()
            throw error
        }
    }

    deinit {
        stop()
    }

    /// `postgres://dropgate@127.0.0.1:PORT/dropgate`, without the password.
    public var url: String { url(database: database) }

    /// The URL of `database` on this server, without the password.
    public func url(database: String) -> String {
        "postgres://\(user)@127.0.0.1:\(port)/\(database)"
    }

    /// Creates a fresh, empty database and returns its URL, for tests that must not see each other's tables.
    public func makeDatabase() throws -> String {
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try createDatabase(name)
        return url(database: name)
    }

    /// Stops the server (`pg_ctl stop -m fast`, closing every connection) and starts it again on the same port with
    /// the same data, as a PostgreSQL restart in production would.
    public func restart() throws {
        try shutDown()
        try Self.start(tools, root: root, port: port)
    }

    /// Stops the server and removes its folder; later calls do nothing.
    public func stop() {
        let wasStopped = stopped.withLock { stopped in
            defer { stopped = true }
            return stopped
        }
        guard !wasStopped else { return }
        try? shutDown()
        try? FileManager.default.removeItem(atPath: root)
    }

    /// The server log so far.
    public var log: String {
        (try? String(contentsOfFile: root + "/server.log", encoding: .utf8)) ?? ""
    }

    private func shutDown() throws {
        try tools.runAsServerUser(
            [tools.pgCtl, "-D", root + "/data", "-m", "fast", "-w", "-t", "30", "stop"], in: root, what: "pg_ctl stop")
    }

    private func createDatabase(_ name: String) throws {
        let (status, output) = try Subprocess.run(
            [tools.createdb, "-h", "127.0.0.1", "-p", String(port), "-U", user, name],
            environment: ["PGPASSWORD": password, "PGCONNECT_TIMEOUT": "10"], directory: root,
            output: root + "/createdb-\(name).out")
        guard status == 0 else { throw PostgresServerError("createdb \(name) exited with status \(status): \(output)") }
    }

    /// Starts the new cluster, on another free port if the one picked was taken in the meantime.
    private static func startOnFreePort(_ tools: PostgresTools, root: String) throws -> Int {
        var attempt = 1
        while true {
            let port = try FreePort.pick()
            do {
                try start(tools, root: root, port: port)
                return port
            } catch let error as PostgresServerError where attempt < 3 && error.description.contains("could not bind") {
                attempt += 1
            }
        }
    }

    private static func start(_ tools: PostgresTools, root: String, port: Int) throws {
        let options = [
            "-p \(port)", "-k \(root)", "-c listen_addresses=127.0.0.1", "-c fsync=off", "-c synchronous_commit=off",
            "-c full_page_writes=off",
        ]
        do {
            try tools.runAsServerUser(
                [
                    tools.pgCtl, "-D", root + "/data", "-l", root + "/server.log", "-w", "-t", "30",
                    "-o", options.joined(separator: " "), "start",
                ], in: root, what: "pg_ctl start")
        } catch {
            let log = (try? String(contentsOfFile: root + "/server.log", encoding: .utf8)) ?? ""
            let tail = log.split(separator: "\n").suffix(20).joined(separator: "\n")
            throw PostgresServerError("\(error)\nserver log (\(root)/server.log), last lines:\n\(tail)")
        }
    }

    /// A new folder directly under /tmp: the Unix socket path inside it must stay under 108 bytes.
    private static func makeTemporaryFolder() throws -> String {
        var template = Array("/tmp/dropgate-pg.XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkdtemp($0) != nil } ?? false
        }
        guard made else { throw PostgresServerError("mkdtemp: \(String(cString: strerror(errno)))") }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

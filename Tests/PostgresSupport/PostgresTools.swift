import Foundation

/// The PostgreSQL server tools (`initdb`, `pg_ctl`, `createdb`) and the user they run as.
///
/// The tools come from the newest `/usr/lib/postgresql/<major>/bin` (Debian's layout; `pg_config --bindir` names
/// the client's folder, which need not hold the server), else from `PATH`. `initdb` and `postgres` refuse to run as
/// root: as root they run as the `postgres` user through `runuser`.
struct PostgresTools: Sendable {
    let initdb: String
    let pgCtl: String
    let createdb: String
    /// The `postgres` user's ids when running as root; nil when the tools run as the current user.
    private let serverUser: (uid: uid_t, gid: gid_t)?
    private let runuser: String?

    /// Finds the tools, and the `postgres` user and `runuser` when running as root.
    ///
    /// - Throws: ``PostgresServerError`` naming what is missing and the package that provides it.
    static func find() throws -> PostgresTools {
        guard let folder = binaryFolder() else {
            throw PostgresServerError(
                "initdb and pg_ctl not found in /usr/lib/postgresql/*/bin or PATH: install postgresql (scripts/setup does)"
            )
        }
        var serverUser: (uid_t, gid_t)?
        var runuser: String?
        if geteuid() == 0 {
            guard let entry = getpwnam("postgres") else {
                throw PostgresServerError(
                    "running as root, and initdb refuses root, but there is no postgres user to run it as")
            }
            serverUser = (entry.pointee.pw_uid, entry.pointee.pw_gid)
            runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first {
                FileManager.default.isExecutableFile(atPath: $0)
            }
            guard runuser != nil else {
                throw PostgresServerError(
                    "running as root, and initdb refuses root, but runuser (util-linux) is missing")
            }
        }
        return PostgresTools(
            initdb: folder + "/initdb", pgCtl: folder + "/pg_ctl", createdb: folder + "/createdb",
            serverUser: serverUser, runuser: runuser)
    }

    /// Gives `path` to the user the server runs as (nothing to do when that is the current user).
    func handOver(_ path: String) throws {
        guard let serverUser else { return }
        guard chown(path, serverUser.uid, serverUser.gid) == 0 else {
            throw PostgresServerError("chown \(path) to postgres: \(String(cString: strerror(errno)))")
        }
    }

    /// Runs a server tool as the server's user in `folder`; throws with its output when it fails.
    func runAsServerUser(_ arguments: [String], in folder: String, what: String) throws {
        var command = arguments
        if let runuser { command = [runuser, "-u", "postgres", "--"] + arguments }
        let (status, output) = try Subprocess.run(
            command, directory: folder, output: folder + "/\(what.replacingOccurrences(of: " ", with: "-")).out")
        guard status == 0 else {
            throw PostgresServerError("\(what) exited with status \(status): \(output)")
        }
    }

    /// The newest `/usr/lib/postgresql/<major>/bin` with `initdb`, else the first `PATH` folder with it.
    private static func binaryFolder() -> String? {
        let debian = "/usr/lib/postgresql"
        let majors = (try? FileManager.default.contentsOfDirectory(atPath: debian)) ?? []
        let candidates =
            majors.compactMap { Int($0) }.sorted(by: >).map { "\(debian)/\($0)/bin" }
            + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return candidates.first { folder in
            ["initdb", "pg_ctl", "createdb"].allSatisfy {
                FileManager.default.isExecutableFile(atPath: folder + "/" + $0)
            }
        }
    }
}

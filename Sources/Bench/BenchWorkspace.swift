import Foundation
import Gateway
import Logging
import Store
import Transport

/// A scratch gateway for benchmarks: one source, the given mappings, quiet logs, and a timer.
struct BenchWorkspace {
    static let source = "bench-usd"
    /// The inbox of the generated `bench` payer (when its profile exists).
    static let payerInbox = "bench-payer"
    let gateway: Gateway
    let folder: String

    /// Opens a gateway rooted at `folder` using the mappings at `mappings`, on a scratch SQLite file or on
    /// `database` (a PostgreSQL URL; its password in ``BenchDatabase/passwordVariable``).
    init(folder: String, mappings: String, database: String? = nil) throws {
        var payerInbox = SourceConfig(id: Self.payerInbox, path: folder + "/Inbox/" + Self.payerInbox)
        payerInbox.payer = "bench"
        var config = GatewayConfig(
            root: folder,
            sources: [SourceConfig(id: Self.source, path: folder + "/Inbox/" + Self.source)]
                + (FileManager.default.fileExists(atPath: mappings + "/payers/bench.yaml") ? [payerInbox] : []))
        config.paths.mappings = mappings
        if let database {
            config.paths.database = database
            config.paths.databasePassword = .environment(BenchDatabase.passwordVariable)
        }
        var logger = Logger(label: "dropgate.bench")
        logger.logLevel = .warning
        gateway = try Gateway(config: config, logger: logger)
        self.folder = folder
    }

    /// Writes `dropgate.yaml` describing this workspace (its folders, mappings and sources), so the
    /// `dropgate` commands can run against it as a separate process.
    func writeConfiguration() throws {
        var text = "# A benchmark workspace written by `dropgate bench … --prepare`.\n"
        text += "paths: { mappings: \"\(gateway.config.paths.mappings)\" }\n"
        text += "sources:\n"
        for source in gateway.config.sources {
            text += "  - id: \(source.id)\n    kind: local\n"
            if let payer = source.payer { text += "    payer: \(payer)\n" }
        }
        try AtomicFileWriter.write(text, to: folder + "/dropgate.yaml")
    }

    /// Ingests `path` (from the district, or from `source`) and returns the job with the seconds it took.
    func timedIngest(_ path: String, source: String = Self.source) throws -> (job: JobRecord, seconds: Double) {
        let start = ContinuousClock.now
        let job = try gateway.ingest(path: path, source: source)
        return (job, Self.seconds(since: start))
    }

    /// Seconds since `start`.
    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Peak resident set size of this process so far, MiB.
    static func peakRSSMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

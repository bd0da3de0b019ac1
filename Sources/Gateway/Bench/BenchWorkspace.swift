import Foundation
import Logging
import Store

/// A scratch gateway for benchmarks: one source, the given mappings, quiet logs, and a timer.
struct BenchWorkspace {
    static let source = "bench-usd"
    let gateway: Gateway
    let folder: String

    /// Opens a gateway rooted at `folder` using the mappings at `mappings`.
    init(folder: String, mappings: String) throws {
        var config = GatewayConfig(
            root: folder, sources: [SourceConfig(id: Self.source, path: folder + "/Inbox/" + Self.source)])
        config.paths.mappings = mappings
        var logger = Logger(label: "dropgate.bench")
        logger.logLevel = .warning
        gateway = try Gateway(config: config, logger: logger)
        self.folder = folder
    }

    /// Ingests `path` and returns the job with the seconds it took.
    func timedIngest(_ path: String) throws -> (job: JobRecord, seconds: Double) {
        let start = ContinuousClock.now
        let job = try gateway.ingest(path: path, source: Self.source)
        let elapsed = ContinuousClock.now - start
        return (job, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// Peak resident set size of this process so far, MiB.
    static func peakRSSMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

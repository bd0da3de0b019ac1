import ArgumentParser
import Bench
import Foundation
import Gateway
import Store
import Values

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the gateway's speed on generated data.",
        subcommands: [Ingest.self, Members.self, Claims.self, Remittance.self, Archive.self, Leases.self])

    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate an attendance CSV with invalid rows and time a full ingest with validation.",
            discussion: """
                Writes a roster and an attendance file of --rows rows (every --invalid-every-th row broken in one of
                five ways) into a scratch folder, loads the roster, then times staging, hashing, recognition,
                validation, loading and reporting of the attendance file. Prints rows/s and the process's peak
                RSS. Exit status 1 if the rejected rows differ from the rows made invalid. Build with
                `swift build -c release` for meaningful figures.
                """)

        @OptionGroup var bench: BenchOptions

        @Option(help: "Attendance rows to generate.")
        var rows = 1_000_000

        @Option(help: "Make every n-th row invalid (0: none).")
        var invalidEvery = 100

        @Flag(help: "Generate the 15-column export shape (names, teacher and comments quoted, six periods).")
        var wide = false

        @Flag(help: "Keep the scratch folder and print its path.")
        var keep = false

        @Option(
            help: ArgumentHelp(
                "Load into this empty PostgreSQL database instead of a scratch SQLite file.",
                discussion:
                    "A postgres://user@host:port/database URL; the password is read from $\(BenchDatabase.passwordVariable).",
                valueName: "url"))
        var database: String?

        @OptionGroup var prepare: PrepareOption

        func run() throws {
            if let folder = try prepare.folder() {
                let prepared = try IngestBenchmark.prepare(
                    rows: rows, invalidEvery: invalidEvery, wide: wide, mappings: try bench.absoluteMappings(),
                    workDirectory: folder)
                try PrepareOption.printJSON(
                    file: prepared.attendance, source: "bench-usd", rows: prepared.expectation.rows,
                    rejected: prepared.expectation.invalid)
                return
            }
            let (work, absolute) = try bench.scratch()
            defer { if !keep { try? FileManager.default.removeItem(atPath: work) } }
            let result = try ProgressLine.shown(unless: bench.json) {
                try IngestBenchmark.run(
                    rows: rows, invalidEvery: invalidEvery, wide: wide, mappings: absolute, workDirectory: work,
                    database: database)
            }
            if bench.json {
                try BenchOptions.printJSON(result)
            } else {
                print(String(format: "rows          %d (%.1f MB)", result.rows, Double(result.bytes) / 1e6))
                print(
                    String(
                        format: "loaded        %d, rejected %d (expected %d)", result.loaded, result.rejected,
                        result.expectedRejected))
                print(String(format: "time          %.3f s", result.seconds))
                print(
                    String(
                        format: "throughput    %.0f rows/s, %.1f MB/s", result.rowsPerSecond, result.megabytesPerSecond)
                )
                print(String(format: "peak RSS      %.1f MiB", result.peakRSSMiB))
                if keep { print("work folder   \(work)") }
            }
            if !result.isExact {
                printError(
                    "dropgate bench: rejected rows (\(result.rejected)) differ from the rows made invalid (\(result.expectedRejected))"
                )
                throw ExitCode(1)
            }
        }
    }
}

extension BenchCommand {
    struct Members: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate an XML member batch and time its streaming ingest and reconciliation.",
            discussion: """
                Writes a roster and an XML member batch of at least --megabytes MB into a scratch folder, loads the
                roster, then times the batch: libxml2 streaming parse, validation, load and matching to students.
                Prints MB/s and the process's peak RSS, which stays flat whatever the batch size.
                """)

        @OptionGroup var bench: BenchOptions

        @Option(help: "Size of the batch in megabytes.")
        var megabytes = 100

        @Option(help: "Students on the roster.")
        var students = 20_000

        func run() throws {
            let (work, absolute) = try bench.scratch()
            defer { try? FileManager.default.removeItem(atPath: work) }
            let result = try ProgressLine.shown(unless: bench.json) {
                try MemberBatchBenchmark.run(
                    megabytes: megabytes, students: students, mappings: absolute, workDirectory: work)
            }
            if bench.json {
                try BenchOptions.printJSON(result)
            } else {
                print(
                    String(
                        format: "members       %d (%.1f MB), loaded %d", result.members, Double(result.bytes) / 1e6,
                        result.loaded))
                print(String(format: "time          %.3f s", result.seconds))
                print(String(format: "throughput    %.1f MB/s", result.megabytesPerSecond))
                print(String(format: "peak RSS      %.1f MiB", result.peakRSSMiB))
            }
            if result.loaded != result.members {
                printError("dropgate bench: \(result.members - result.loaded) generated members did not load")
                throw ExitCode(1)
            }
        }
    }
}

extension BenchCommand {
    struct Claims: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate services and time one claim build into an 837P batch.",
            discussion: """
                Writes a roster with addresses, a member batch and --services service-log rows into a scratch
                folder and loads them, then times `claims build` for a generated payer profile: select unbilled
                services, screen, price, group (one claim per student and month), record claims, lines and billed
                services in one transaction, write the 837P and verify it. Prints the time and the process's peak
                RSS before and after the build.
                """)

        @OptionGroup var bench: BenchOptions

        @Option(help: "Services to generate.")
        var services = 100_000

        @OptionGroup var prepare: PrepareOption

        func run() throws {
            if let folder = try prepare.folder() {
                try ClaimsBenchmark.prepare(
                    services: services, mappings: try bench.absoluteMappings(), workDirectory: folder)
                try PrepareOption.printJSON(file: nil, source: nil, rows: services, rejected: 0)
                return
            }
            let (work, absolute) = try bench.scratch()
            defer { try? FileManager.default.removeItem(atPath: work) }
            let result = try ProgressLine.shown(unless: bench.json) {
                try ClaimsBenchmark.run(services: services, mappings: absolute, workDirectory: work)
            }
            if bench.json {
                try BenchOptions.printJSON(result)
            } else {
                print(
                    String(
                        format: "services      %d in %d claims, 837P %.1f MB", result.services, result.claims,
                        Double(result.bytes) / 1e6))
                print(
                    String(format: "time          %.3f s (%.0f services/s)", result.seconds, result.servicesPerSecond))
                print(
                    String(
                        format: "peak RSS      %.1f MiB (%.1f MiB before the build)", result.peakRSSMiB,
                        result.peakRSSBeforeMiB))
            }
            if result.services != services {
                printError("dropgate bench: \(services - result.services) generated services were not billed")
                throw ExitCode(1)
            }
        }
    }
}

extension BenchCommand {
    struct Remittance: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remit",
            abstract: "Build claims, generate a balanced 835 paying them, and time its reconciliation.",
            discussion: """
                Builds --claims claims (one service each) for a generated payer, writes an 835 remitting every one
                (paid, partial, denied, a reversal and its correction, provider adjustments), then times the 835
                job: tokenizing, envelope and balance checks, matching each claim and line, updating them, and the
                reconciliation CSV and summary. Prints the time and the process's peak RSS.
                """)

        @OptionGroup var bench: BenchOptions

        @Option(help: "Claims in the 835.")
        var claims = 100_000

        @Flag(help: "Build no claims first: every claim of the 835 is reported unmatched.")
        var unmatched = false

        @OptionGroup var prepare: PrepareOption

        func run() throws {
            if let folder = try prepare.folder() {
                let path = try RemittanceBenchmark.prepare(
                    claims: claims, matched: !unmatched, mappings: try bench.absoluteMappings(), workDirectory: folder)
                try PrepareOption.printJSON(file: path, source: "bench-payer", rows: claims, rejected: 0)
                return
            }
            let (work, absolute) = try bench.scratch()
            defer { try? FileManager.default.removeItem(atPath: work) }
            let result = try ProgressLine.shown(unless: bench.json) {
                try RemittanceBenchmark.run(
                    claims: claims, matched: !unmatched, mappings: absolute, workDirectory: work)
            }
            if bench.json {
                try BenchOptions.printJSON(result)
            } else {
                print(
                    String(
                        format: "claims        %d in the 835 (%.1f MB), %d matched", result.claims,
                        Double(result.bytes) / 1e6, result.matched))
                print(String(format: "time          %.3f s (%.1f MB/s)", result.seconds, result.megabytesPerSecond))
                print(
                    String(
                        format: "peak RSS      %.1f MiB (%.1f MiB before the 835)", result.peakRSSMiB,
                        result.peakRSSBeforeMiB))
            }
            if result.matched != (unmatched ? 0 : result.claims) {
                printError("dropgate bench: \(result.claims - result.matched) remitted claims did not match")
                throw ExitCode(1)
            }
        }
    }
}

extension BenchCommand {
    struct Archive: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time archive encryption and decryption (AES-256-GCM in 1 MiB chunks) of a generated file.",
            discussion: """
                Writes --megabytes MB of CSV text into a scratch folder, encrypts it into an archive file with a \
                random key exactly as the job runner archives a file (temporary name, fsync, rename), then decrypts \
                it as a requeue or `dropgate archive show` reads it and checks its sha256. Prints MB/s both ways \
                and the process's peak RSS, which stays flat whatever the size. Exit status 1 if the round trip \
                changed a byte. Build with `swift build -c release` for meaningful figures; measure the whole \
                process with /usr/bin/time -v dropgate bench archive --megabytes 1024.
                """)

        @OptionGroup var bench: BenchOptions

        @Option(help: "Size of the generated file, in MB (10^6 bytes).")
        var megabytes = 256

        func validate() throws {
            guard megabytes >= 1 else { throw ValidationError("--megabytes must be at least 1") }
        }

        func run() throws {
            let (work, _) = try bench.scratch()
            defer { try? FileManager.default.removeItem(atPath: work) }
            let result = try ArchiveBenchmark.run(megabytes: megabytes, workDirectory: work)
            if bench.json {
                try BenchOptions.printJSON(result)
            } else {
                print(
                    String(
                        format: "file          %.1f MB, encrypted %.1f MB", Double(result.bytes) / 1e6,
                        Double(result.encryptedBytes) / 1e6))
                print(
                    String(
                        format: "encrypt       %.3f s (%.1f MB/s)", result.encryptSeconds,
                        result.encryptMegabytesPerSecond))
                print(
                    String(
                        format: "decrypt       %.3f s (%.1f MB/s)", result.decryptSeconds,
                        result.decryptMegabytesPerSecond))
                print(String(format: "peak RSS      %.1f MiB", result.peakRSSMiB))
            }
            if !result.roundTrip {
                printError("dropgate bench: the decrypted file differs from the original")
                throw ExitCode(1)
            }
        }
    }
}

/// Options both benchmarks take, and their shared set-up.
struct BenchOptions: ParsableArguments {
    @OptionGroup var options: GlobalOptions

    @Option(help: "Mappings folder (default: the configured one, else ./Mappings).")
    var mappings: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    /// A new scratch folder, and the mappings folder as an absolute path.
    func scratch() throws -> (work: String, mappings: String) {
        try BenchScratch.create(mappings: mappings ?? GatewayConfig.mappingsFolder(configPath: options.configPath))
    }

    /// The mappings folder as an absolute path.
    func absoluteMappings() throws -> String {
        BenchScratch.absolute(mappings ?? GatewayConfig.mappingsFolder(configPath: options.configPath))
    }

    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// `--prepare FOLDER`: generate and load the data, write the workspace's `dropgate.yaml`, and stop, so that a
/// script can time the measured step as a whole `dropgate` process side by side with a peer tool.
struct PrepareOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Only prepare: generate and load into this new (or empty) folder, write its dropgate.yaml, print what to time as JSON, and stop.",
            valueName: "folder"))
    var prepare: String?

    /// The folder to prepare, made absolute and checked empty, or nil when not preparing.
    func folder() throws -> String? {
        guard let prepare else { return nil }
        let folder = BenchScratch.absolute(prepare)
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: folder), !entries.isEmpty {
            throw CLIError("--prepare: \(folder) is not empty")
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Prints what a prepared workspace holds for the timing script.
    static func printJSON(file: String?, source: String?, rows: Int, rejected: Int) throws {
        struct Prepared: Encodable {
            var file: String?
            var source: String?
            var rows: Int
            var rejected: Int
        }
        try BenchOptions.printJSON(Prepared(file: file, source: source, rows: rows, rejected: rejected))
    }
}

extension BenchCommand {
    struct Leases: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time how many job leases gateways sharing a database take per second.",
            discussion: """
                Stages --jobs jobs, then starts --instances workers, each with its own connections (as separate
                gateways have), that walk the queue from their own starting points and lease every job they can,
                as a daemon's pass does. Prints leases per second; exit status 1 unless every job was leased
                exactly once. On a scratch SQLite file unless --database names an empty PostgreSQL database
                (password in $DROPGATE_DATABASE_PASSWORD).
                """)

        @OptionGroup var bench: BenchOptions

        @Option(help: "Jobs to stage and lease.")
        var jobs = 5_000

        @Option(help: "Workers (gateways) leasing at once.")
        var instances = 1

        @Option(
            help: ArgumentHelp("A PostgreSQL database to lease in (postgres://user@host:port/db).", valueName: "url"))
        var database: String?

        func validate() throws {
            guard jobs > 0, instances > 0 else { throw ValidationError("--jobs and --instances must be at least 1") }
        }

        func run() throws {
            let (work, _) = try bench.scratch()
            defer { try? FileManager.default.removeItem(atPath: work) }
            let password = ProcessInfo.processInfo.environment[BenchDatabase.passwordVariable]
            let database = database
            let result: LeaseBenchmark.Result
            do {
                result = try LeaseBenchmark.run(jobs: jobs, instances: instances) {
                    guard let database else { return try Ledger(path: work + "/dropgate.sqlite") }
                    return try Ledger(postgres: database, password: password)
                }
            } catch let error as StoreError where error.code == .invalidTransition {
                printError("dropgate bench: \(error.message)")
                throw ExitCode(1)
            }
            if bench.json {
                try BenchOptions.printJSON(result)
            } else {
                print(String(format: "instances     %d", result.instances))
                print(String(format: "leases        %d in %.3f s", result.leases, result.seconds))
                print(String(format: "throughput    %.0f leases/s", result.leasesPerSecond))
            }
        }
    }
}

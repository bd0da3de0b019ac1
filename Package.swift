// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "dropgate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dropgate", targets: ["dropgate"]),
        .library(name: "Gateway", targets: ["Gateway"]),
        // The pure readers on their own, for the fuzz targets in Fuzz/ (built without the adapters).
        .library(name: "Readers", targets: ["Formats", "XMLRecords", "Mapping", "Claims"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // Pure: streaming readers over bytes handed to them.
        .target(name: "Formats"),
        // Pure: shared values (calendar days, NPIs, fixed-point decimals, byte parsing).
        .target(name: "Values"),
        // libxml2, for the streaming XML record reader only.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // Pure: streaming XML record reader (libxml2's xmlTextReader) over bytes handed to it.
        .target(name: "XMLRecords", dependencies: ["CLibXML2", "Formats"]),
        // Pure: mapping definitions, compiled into record validators.
        .target(
            name: "Mapping",
            dependencies: ["Formats", "Values", .product(name: "Yams", package: "Yams")]
        ),
        // Pure: payer profiles, claims and the 837P writer, 835/999/TA1 readers, balance checks, reconciliation,
        // member matching.
        .target(name: "Claims", dependencies: ["Formats", "Values", "Mapping"]),
        // sqlite3_config is variadic and cannot be called from Swift: a one-function C shim.
        .target(
            name: "CSQLiteTuning",
            dependencies: [.product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        // Adapter: the job ledger and domain tables, on SQLite (embedded) or PostgreSQL (shared).
        .target(
            name: "Store",
            dependencies: [
                "Values", "Mapping", "Claims", "Transport", "CSQLiteTuning", "PostgresClient",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Adapter: where files come from and where outputs go.
        .target(
            name: "Transport",
            dependencies: [.product(name: "Logging", package: "swift-log")]
        ),
        // libssh2, for the SFTP adapter only.
        .systemLibrary(name: "CLibSSH2", pkgConfig: "libssh2", providers: [.apt(["libssh2-1-dev"])]),
        // Adapter: SFTP client (libssh2; blocking calls, run on a dedicated thread).
        .target(
            name: "SFTP",
            dependencies: ["CLibSSH2", "Transport", .product(name: "Logging", package: "swift-log")]
        ),
        // libcurl, for the notification transport only.
        .systemLibrary(name: "CLibCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // Adapter: HTTP POST and SMTP through libcurl (blocking calls, run on the pass's thread).
        .target(name: "Notify", dependencies: ["CLibCurl"]),
        // libpq, for the PostgreSQL client only.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // Adapter: blocking PostgreSQL client over libpq (statements, prepared statements, COPY FROM STDIN).
        .target(name: "PostgresClient", dependencies: ["CLibPQ"]),
        // Wiring: watcher, job runner, outbox, reports.
        .target(
            name: "Gateway",
            dependencies: [
                "Formats", "Values", "Mapping", "Claims", "Store", "Transport", "XMLRecords", "SFTP", "Notify",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The operator console: login, roles, server-rendered pages, health endpoints (Hummingbird).
        .target(
            name: "Console",
            dependencies: [
                "Gateway", "Store", "Claims", "Mapping", "Values",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Test tooling: a payer answering 837P batches (999, TA1, 835), sample 835s. No product module imports it.
        .target(
            name: "PayerSimulator",
            dependencies: ["Formats", "Values", "Mapping", "Claims", "Store", "Transport", "Gateway"]
        ),
        // Measurement tooling: generated data and timed runs for `dropgate bench`. No product module imports it.
        .target(
            name: "Bench",
            dependencies: [
                "Values", "Mapping", "Claims", "Store", "Transport", "Gateway", "PayerSimulator",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "dropgate",
            dependencies: [
                "Gateway", "Console", "Store", "Claims", "Values", "PayerSimulator", "Bench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            plugins: ["RevisionStamp"]
        ),
        // Stamps the git revision into the executable at build time (`dropgate --version`).
        .plugin(name: "RevisionStamp", capability: .buildTool()),
        .testTarget(name: "FormatsTests", dependencies: ["Formats"], resources: [.copy("Fixtures")]),
        .testTarget(name: "XMLRecordsTests", dependencies: ["XMLRecords"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ValuesTests", dependencies: ["Values"]),
        .testTarget(name: "MappingTests", dependencies: ["Mapping", "Formats", "Values"]),
        .testTarget(
            name: "ClaimsTests",
            dependencies: ["TestThreads", "Claims", "Formats", "Values", "Mapping", "PyX12Support"]),
        .testTarget(
            name: "PayerSimulatorTests",
            dependencies: ["TestThreads", "PayerSimulator", "Claims", "Formats", "Values", "Mapping", "PyX12Support"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "TestThreads",
                "Store", "Mapping", "Claims", "Values", "PostgresSupport", "PostgresClient",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "TransportTests", dependencies: ["TestThreads", "Transport"]),
        .testTarget(name: "NotifyTests", dependencies: ["TestThreads", "Notify", "LoopbackSupport"]),
        .testTarget(name: "PostgresClientTests", dependencies: ["TestThreads", "PostgresClient", "PostgresSupport"]),
        .testTarget(
            name: "SFTPTests",
            dependencies: [
                "TestThreads",
                "SFTP", "Transport", "Gateway", "Store", "Mapping", "LoopbackSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "TestThreads",
                "Gateway", "Store", "Values", "Mapping", "Formats", "Transport", "PayerSimulator", "PostgresSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "ConsoleTests",
            dependencies: [
                "Console", "Gateway", "Store", "Values",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "TestThreads",
                "Gateway", "Store", "Claims", "Values", "Mapping", "Bench", "PyX12Support", "LoopbackSupport",
                "PostgresSupport", "PostgresClient",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        // Test support: runs the independent X12 validator (pyx12, installed by scripts/setup).
        .target(name: "PyX12Support", path: "Tests/PyX12Support"),
        // Test support: loopback ports for the servers tests start (and for connections that must be refused).
        .target(name: "LoopbackSupport", path: "Tests/LoopbackSupport"),
        // Test support: runs suites whose tests block (processes, servers, sleeps) outside the cooperative pool.
        .target(name: "TestThreads", path: "Tests/TestThreads"),
        // Test support: throwaway PostgreSQL servers (initdb, pg_ctl; as the postgres user when run as root).
        .target(
            name: "PostgresSupport", dependencies: ["PostgresClient", "LoopbackSupport", "TestThreads"],
            path: "Tests/PostgresSupport"),
    ]
)

for target in package.targets
where target.type != .system && target.type != .plugin && target.name != "CSQLiteTuning" {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    // Warnings are errors in CI (which sets CI=true), not while editing.
    if ProcessInfo.processInfo.environment["CI"] == "true" {
        settings.append(.unsafeFlags(["-warnings-as-errors"]))
    }
    target.swiftSettings = settings
}

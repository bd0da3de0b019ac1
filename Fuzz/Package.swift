// swift-tools-version:6.0
import PackageDescription

// Coverage-guided fuzz targets for DropGate's streaming readers (libFuzzer). Not part of the product or CI:
// build and run through scripts/fuzz, which passes `-sanitize=fuzzer,address`.
// The readers' targets need only the pure modules; the configuration's needs Gateway (and its adapters).
let readerTargets = ["FuzzCSV", "FuzzXMLRecords", "FuzzX12", "FuzzMapping"]

let package = Package(
    name: "DropGateFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "dropgate", path: "..")],
    targets: [
        // libFuzzer's driver, called from each target's entry point.
        .target(name: "FuzzSupport")
    ]
        + readerTargets.map { name in
            .executableTarget(
                name: name, dependencies: ["FuzzSupport", .product(name: "Readers", package: "dropgate")])
        } + [
            .executableTarget(
                name: "FuzzConfiguration",
                dependencies: ["FuzzSupport", .product(name: "Gateway", package: "dropgate")]
            )
        ]
)

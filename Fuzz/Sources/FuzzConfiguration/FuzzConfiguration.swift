import Foundation
import FuzzSupport
import Gateway

/// Configuration YAML: dropgate.yaml decoded and validated as at start-up (paths resolved against a root).
@main
enum FuzzConfiguration {
    static func main() {
        exit(FuzzDriver.run(fuzz))
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? GatewayConfig.decode(yaml: FuzzInput(data, size).text, file: "dropgate.yaml", root: "/srv/dropgate")
    return 0
}

import Foundation

/// Reads files of `Tests/PayerSimulatorTests/Fixtures`.
enum Fixture {
    /// The bytes of a fixture.
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name])
        }
        return Array(try Data(contentsOf: url))
    }
}

import Foundation
import Mapping
import Transport
import Values

extension GatewayConfig {
    /// Reads and decodes a configuration file; relative paths resolve against its folder.
    ///
    /// - Throws: ``GatewayError`` when the file cannot be read, ``DefinitionError`` when it is invalid.
    public static func load(path: String) throws -> GatewayConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GatewayError(.invalidConfiguration, "cannot read configuration file \(path)")
        }
        return try decode(yaml: String(decoding: data, as: UTF8.self), file: path, root: FileSystem.directory(of: path))
    }

    /// The mappings folder a configuration names, or `Mappings` beside it when it cannot be read.
    public static func mappingsFolder(configPath: String) -> String {
        if let config = try? load(path: configPath) { return config.paths.mappings }
        let root = FileSystem.directory(of: configPath)
        return root == "." ? "Mappings" : root + "/Mappings"
    }
}

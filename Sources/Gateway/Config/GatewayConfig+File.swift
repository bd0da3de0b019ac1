import Foundation
import Mapping
import Transport
import Values

extension GatewayConfig {
    /// Reads and decodes a configuration file; relative paths resolve against its folder.
    ///
    /// Every path in the result is absolute and normalised, whatever folder the file was named from, so the
    /// paths stored in the ledger (staged files, receipts) resolve from anywhere.
    ///
    /// - Throws: ``GatewayError`` when the file cannot be read, ``DefinitionError`` when it is invalid.
    public static func load(path: String) throws -> GatewayConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GatewayError(.invalidConfiguration, "cannot read configuration file \(path)")
        }
        let root = absolute(FileSystem.directory(of: path))
        return try decode(yaml: String(decoding: data, as: UTF8.self), file: path, root: root)
    }

    /// `path` made absolute against the current folder, without `.` or `..` components or doubled slashes.
    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var components: [Substring] = []
        for component in full.split(separator: "/") where component != "." {
            if component == ".." {
                _ = components.popLast()
            } else {
                components.append(component)
            }
        }
        return "/" + components.joined(separator: "/")
    }

    /// The mappings folder a configuration names, or `Mappings` beside it when it cannot be read.
    public static func mappingsFolder(configPath: String) -> String {
        if let config = try? load(path: configPath) { return config.paths.mappings }
        let root = FileSystem.directory(of: configPath)
        return root == "." ? "Mappings" : root + "/Mappings"
    }
}

import Foundation
import Mapping

/// Reading a folder of YAML definitions (mappings, payer profiles), collecting every file's issues.
enum DefinitionFiles {
    /// The `*.yaml` / `*.yml` files directly in `folder`, sorted.
    static func yaml(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { folder + "/" + $0 }
    }

    /// Decodes each file with `decode(text, file)`; unreadable files and decoding mistakes become issues.
    static func decode<Definition>(
        _ files: [String], _ decode: (String, String) throws(DefinitionError) -> Definition
    ) -> (definitions: [Definition], issues: [DefinitionIssue]) {
        var definitions: [Definition] = []
        var issues: [DefinitionIssue] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                issues.append(DefinitionIssue(file: file, line: 0, message: "cannot read the file"))
                continue
            }
            do {
                definitions.append(try decode(String(decoding: data, as: UTF8.self), file))
            } catch {
                issues += error.issues
            }
        }
        return (definitions, issues)
    }
}

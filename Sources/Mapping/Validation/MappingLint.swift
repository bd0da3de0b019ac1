/// Checks that span several mapping files (each file's own checks happen while decoding).
public enum MappingLint {
    /// Issues for kinds defined more than once.
    public static func crossFileIssues(_ definitions: [MappingDefinition]) -> [DefinitionIssue] {
        var firstFile: [String: String] = [:]
        var issues: [DefinitionIssue] = []
        for definition in definitions {
            if let other = firstFile[definition.kind] {
                issues.append(
                    DefinitionIssue(
                        file: definition.file, line: 1,
                        message: "kind '\(definition.kind)' is already defined in \(other)"))
            } else {
                firstFile[definition.kind] = definition.file
            }
        }
        return issues
    }
}

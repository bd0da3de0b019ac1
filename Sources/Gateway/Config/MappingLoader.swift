import Foundation
import Mapping
import Store
import XMLRecords

/// Reads every mapping in a folder and checks it against the store's domain tables.
public enum MappingLoader {
    /// Loads `*.yaml` / `*.yml` files of `folder` (not recursive), or one file.
    ///
    /// - Throws: ``DefinitionError`` with every issue of every file: YAML mistakes, unknown keys, invalid
    ///   patterns, kinds defined twice, targets that are not tables, fields that are not columns, keys
    ///   that differ from the table's key.
    public static func load(_ path: String) throws -> MappingSet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DefinitionError(issues: [DefinitionIssue(file: path, line: 0, message: "no such file or folder")])
        }
        let files = isDirectory.boolValue ? try DefinitionFiles.yaml(in: path) : [path]
        var (definitions, issues) = DefinitionFiles.decode(files) { (text, file) throws(DefinitionError) in
            try MappingDefinition.decode(yaml: text, file: file)
        }
        issues += MappingLint.crossFileIssues(definitions)
        let tables = try Ledger.domainTables()
        for definition in definitions {
            issues += targetIssues(definition, tables: tables) + qualificationIssues(definition, tables: tables)
        }
        guard issues.isEmpty else { throw DefinitionError(issues: issues) }
        return MappingSet(definitions.map(CompiledMapping.init))
    }

    /// Issues where a mapping does not fit its target table.
    static func targetIssues(_ definition: MappingDefinition, tables: [String: DomainTable]) -> [DefinitionIssue] {
        guard let table = tables[definition.target] else {
            let known = tables.keys.sorted().joined(separator: ", ")
            return [
                DefinitionIssue(
                    file: definition.file, line: definition.targetLine,
                    message: "target '\(definition.target)' is not a table; known targets: \(known)")
            ]
        }
        var issues: [DefinitionIssue] = []
        if let layout = CompiledMapping(definition).xmlLayout {
            do {
                _ = try XMLRecordLayout(recordPath: layout.recordPath, fieldPaths: layout.fieldPaths)
            } catch {
                issues.append(DefinitionIssue(file: definition.file, line: 0, message: "invalid XML paths: \(error)"))
            }
        }
        let columns = Set(table.columns).subtracting(DomainTable.managedColumns)
        if let sequence = definition.sequence, !columns.contains(sequence.field) {
            issues.append(
                DefinitionIssue(
                    file: definition.file, line: definition.targetLine,
                    message: "sequence field '\(sequence.field)' is not a column of table \(table.name)"))
        }
        if let growth = definition.growth {
            let fieldNames = Set(definition.fields.map(\.name))
            for column in growth.columns where !columns.contains(column) || fieldNames.contains(column) {
                let reason =
                    fieldNames.contains(column)
                    ? "is also a field of this mapping; growth fills it" : "is not a column of table \(table.name)"
                issues.append(
                    DefinitionIssue(
                        file: definition.file, line: growth.line, message: "growth column '\(column)' \(reason)"))
            }
        }
        for field in definition.fields where field.store && !columns.contains(field.name) {
            issues.append(
                DefinitionIssue(
                    file: definition.file, line: field.line,
                    message:
                        "field '\(field.name)' is not a column of table \(table.name) (set 'store: false' to validate without storing); columns: \(columns.sorted().joined(separator: ", "))"
                ))
        }
        let tableKey = table.key.filter { $0 != "district" }
        if Set(definition.key) != Set(tableKey) {
            issues.append(
                DefinitionIssue(
                    file: definition.file, line: definition.targetLine,
                    message:
                        "key [\(definition.key.joined(separator: ", "))] must be the key of table \(table.name): [\(tableKey.joined(separator: ", "))]"
                ))
        }
        let stored = Set(definition.fields.filter(\.store).map(\.name))
        for name in definition.key where !stored.contains(name) {
            issues.append(
                DefinitionIssue(
                    file: definition.file, line: definition.targetLine, message: "key field '\(name)' must be stored"))
        }
        return issues
    }

    /// Issues where a `qualification` rule's roster is not a practitioner roster table.
    static func qualificationIssues(_ definition: MappingDefinition, tables: [String: DomainTable])
        -> [DefinitionIssue]
    {
        guard let rule = definition.qualification else { return [] }
        guard let table = tables[rule.roster] else {
            return [
                DefinitionIssue(
                    file: definition.file, line: rule.line,
                    message: "qualification roster '\(rule.roster)' is not a table")
            ]
        }
        let missing = QualificationRule.rosterColumns.filter { !table.columns.contains($0) }
        guard !missing.isEmpty else { return [] }
        return [
            DefinitionIssue(
                file: definition.file, line: rule.line,
                message:
                    "qualification roster '\(rule.roster)' has no column \(missing.joined(separator: ", ")): a practitioner roster has \(QualificationRule.rosterColumns.joined(separator: ", "))"
            )
        ]
    }
}

import Testing

@testable import Mapping

@Suite struct MappingDefinitionTests {
    static let valid = """
        kind: demo
        format: csv
        match:
          filename: "*demo*.csv"
        target: things
        key: [id]
        fields:
          id: { column: ["ID", "Thing ID"], type: string, required: true, pattern: "^[0-9]+$" }
          when: { column: "When", type: date, format: "MM/dd/yyyy", min: "2020-01-01", max: "today+30d" }
          pct: { column: "Pct", type: decimal, min: 0, max: 100 }
          code: { column: "Code", type: enum, values_from: codes }
        rules:
          - id: code-needs-pct
            when: { code: [A] }
            require: [pct]
        code_tables:
          codes:
            default: [A, B]
            north: { C: "Cold" }
        """

    @Test func decodesAValidDefinition() throws {
        let definition = try MappingDefinition.decode(yaml: Self.valid, file: "demo.yaml")
        #expect(definition.kind == "demo")
        #expect(definition.fields.map(\.name) == ["id", "when", "pct", "code"])
        #expect(definition.fields[0].columns == ["ID", "Thing ID"])
        #expect(definition.fields[1].line == 9)
        #expect(definition.match.headerFields == ["id"], "headers default to the required fields")
        #expect(definition.codeTables["codes"]?.codes(for: "north") == ["C": "Cold"])
        #expect(definition.codeTables["codes"]?.codes(for: "south")?.keys.sorted() == ["A", "B"])
    }

    @Test(arguments: [
        ("  id: { colum: \"ID\" }", 8, "unknown key 'colum'"),
        ("  id: { column: \"ID\", type: text }", 8, "unknown type 'text'"),
        ("  id: { column: \"ID\", pattern: \"([0-9]\" }", 8, "invalid pattern '([0-9]'"),
        ("  id: { column: \"ID\", type: int, format: \"MM/dd\" }", 8, "'format' applies to date fields only"),
        ("  id: { column: \"ID\", type: date, max: \"tomorrow\" }", 8, "invalid date limit 'tomorrow'"),
        ("  id: { column: \"ID\", type: enum, values_from: nope }", 8, "code table 'nope'"),
        ("  id: { column: \"ID\", type: enum }", 8, "needs 'values' or 'values_from'"),
        ("  id: { column: \"ID\", type: int, min: abc }", 8, "expected a number, found 'abc'"),
        ("  id: { column: \"ID\", required: maybe }", 8, "expected true or false"),
    ])
    func reportsEachMistakeWithItsLine(field: String, line: Int, message: String) throws {
        let text = """
            kind: demo
            match:
              filename: "*.csv"
            target: things
            key: [id]
            fields:
              other: { column: "Other" }
            \(field)
            """
        let error = try #require(throws: DefinitionError.self) {
            try MappingDefinition.decode(yaml: text, file: "m.yaml")
        }
        let issue = try #require(error.issues.first { $0.message.contains(message) }, "\(error.issues)")
        #expect(issue.file == "m.yaml")
        #expect(issue.line == line)
    }

    @Test func reportsReferencesToUndefinedFieldsAndMissingKeys() throws {
        let text = """
            kind: demo
            match: { filename: "*.csv", headers: [ghost] }
            key: [nobody]
            fields:
              id: { column: "ID" }
            rules:
              - id: r1
                when: { phantom: [x] }
                require: [spectre]
            """
        let error = try #require(throws: DefinitionError.self) {
            try MappingDefinition.decode(yaml: text, file: "m.yaml")
        }
        let messages = error.issues.map(\.description)
        #expect(messages.contains { $0.contains("missing required key 'target'") })
        #expect(messages.contains { $0.hasPrefix("m.yaml:2:") && $0.contains("'ghost'") })
        #expect(messages.contains { $0.hasPrefix("m.yaml:3:") && $0.contains("'nobody'") })
        #expect(messages.contains { $0.hasPrefix("m.yaml:8:") && $0.contains("'phantom'") })
        #expect(messages.contains { $0.hasPrefix("m.yaml:9:") && $0.contains("'spectre'") })
    }

    @Test func reportsYAMLSyntaxErrorsWithLine() throws {
        let error = try #require(throws: DefinitionError.self) {
            try MappingDefinition.decode(yaml: "kind: demo\nfields: [a, b\nkey: x\n", file: "bad.yaml")
        }
        #expect(error.issues.first?.line ?? 0 >= 2)
        #expect(error.issues.first?.message.contains("YAML syntax error") == true)
    }

    @Test func duplicateKindsAcrossFilesAreReported() throws {
        let one = try MappingDefinition.decode(yaml: Self.valid, file: "a.yaml")
        let two = try MappingDefinition.decode(yaml: Self.valid, file: "b.yaml")
        let issues = MappingLint.crossFileIssues([one, two])
        #expect(issues.map(\.description) == ["b.yaml:1: kind 'demo' is already defined in a.yaml"])
    }
}

import Formats
import Foundation
import Testing

@testable import Mapping

/// Recognition is a pure step: mappings, a file name and header rows in, a mapping or the rejection out.
@Suite struct RecognitionTests {
    static let semicolon = """
        kind: semi
        format: csv
        delimiter: ";"
        match:
          filename: "*semi*.csv"
        target: things
        key: [id]
        fields:
          id: { column: "Key", type: string, required: true }
        """
    static let xml = """
        kind: members
        format: xml
        record: "//Member"
        match:
          filename: "*members*.xml"
        target: things
        key: [id]
        fields:
          id: { path: "ID", type: string, required: true }
        """

    static func set(_ yamls: String...) throws -> MappingSet {
        MappingSet(try yamls.map { CompiledMapping(try MappingDefinition.decode(yaml: $0, file: "test.yaml")) })
    }

    @Test func matchesByNameAndHeaderReadWithTheMappingsDelimiter() throws {
        let mappings = try Self.set(MappingDefinitionTests.valid, Self.semicolon)
        var asked: [UInt8] = []
        let recognition = mappings.recognise(
            filename: "north_demo.csv", isXML: false, allowedKinds: nil, kindForced: false
        ) { delimiter in
            asked.append(delimiter)
            let names = delimiter == UInt8(ascii: ",") ? ["ID", "When", "Extra"] : ["ID,When,Extra"]
            return HeaderRow(names: names, line: 1)
        }
        guard case .matched(let mapping, let binding) = recognition else {
            Issue.record("expected a match, got \(recognition)")
            return
        }
        #expect(mapping.kind == "demo")
        #expect(binding.ignoredColumns == ["Extra"])
        #expect(asked == [UInt8(ascii: ","), UInt8(ascii: ";")].sorted())
    }

    @Test func rejectsAnUnknownFileWithEachMappingsReason() throws {
        let mappings = try Self.set(MappingDefinitionTests.valid)
        let recognition = mappings.recognise(
            filename: "weekly_export.csv", isXML: false, allowedKinds: nil, kindForced: false
        ) { _ in HeaderRow(names: ["Nothing"], line: 1) }
        guard case .rejected(let issues) = recognition else {
            Issue.record("expected a rejection, got \(recognition)")
            return
        }
        #expect(issues.map(\.rule) == [RuleID.noMappingMatch, RuleID.noMappingMatch])
        #expect(issues[0].message == "no mapping recognises this file; tried 1 mapping of 1")
        #expect(issues[1].message.hasPrefix("demo: file name does not match"))
    }

    @Test func anUnknownNameIsRecognisedByItsHeadersWhenExactlyOneMappingFits() throws {
        let mappings = try Self.set(MappingDefinitionTests.valid, Self.semicolon, Self.xml)
        let recognition = mappings.recognise(
            filename: "weekly_export.csv", isXML: false, allowedKinds: nil, kindForced: false
        ) { delimiter in
            HeaderRow(names: delimiter == UInt8(ascii: ",") ? ["ID", "When"] : ["ID,When"], line: 1)
        }
        guard case .matchedByHeaders(let mapping, let binding) = recognition else {
            Issue.record("expected a match by headers, got \(recognition)")
            return
        }
        #expect(mapping.kind == "demo")
        #expect(binding.ignoredColumns.isEmpty)
    }

    @Test func headersThatFitSeveralMappingsAreNotGuessed() throws {
        let other = MappingDefinitionTests.valid.replacingOccurrences(of: "kind: demo", with: "kind: other")
            .replacingOccurrences(of: "*demo*.csv", with: "*other*.csv")
        let mappings = try Self.set(MappingDefinitionTests.valid, other)
        let recognition = mappings.recognise(
            filename: "weekly_export.csv", isXML: false, allowedKinds: nil, kindForced: false
        ) { _ in HeaderRow(names: ["ID", "When"], line: 1) }
        guard case .rejected(let issues) = recognition else {
            Issue.record("expected a rejection, got \(recognition)")
            return
        }
        #expect(issues[0].rule == RuleID.noMappingMatch)
        #expect(issues.contains { $0.message.contains("headers fit several mappings: demo, other") }, "\(issues)")
    }

    @Test func theCountSaysHowManyOfTheLoadedMappingsWereTried() throws {
        let mappings = try Self.set(MappingDefinitionTests.valid, Self.semicolon, Self.xml)
        let recognition = mappings.recognise(
            filename: "weekly_export.csv", isXML: false, allowedKinds: nil, kindForced: false
        ) { _ in HeaderRow(names: ["Nothing"], line: 1) }
        guard case .rejected(let issues) = recognition else {
            Issue.record("expected a rejection, got \(recognition)")
            return
        }
        #expect(
            issues[0].message
                == "no mapping recognises this file; tried 2 mappings of 3 (1 reads XML documents only)")
        #expect(issues.count == 3, "one line per mapping tried: \(issues)")
    }

    @Test func aForcedKindIgnoresTheFileName() throws {
        let mappings = try Self.set(MappingDefinitionTests.valid, Self.semicolon)
        let recognition = mappings.recognise(
            filename: "weekly_export.csv", isXML: false, allowedKinds: ["demo"], kindForced: true
        ) { _ in HeaderRow(names: ["ID"], line: 1) }
        guard case .matched(let mapping, _) = recognition else {
            Issue.record("expected a match, got \(recognition)")
            return
        }
        #expect(mapping.kind == "demo")
    }

    @Test func aMalformedOrMissingHeaderRejectsTheFile() throws {
        let mappings = try Self.set(MappingDefinitionTests.valid)
        let malformed = mappings.recognise(filename: "demo.csv", isXML: false, allowedKinds: nil, kindForced: false) {
            _ in HeaderRow(names: ["ID"], line: 1, problem: .unterminatedQuote)
        }
        guard case .rejected(let issues) = malformed else {
            Issue.record("expected a rejection, got \(malformed)")
            return
        }
        #expect(issues.map(\.rule) == [RuleID.badHeader])
        let empty = mappings.recognise(filename: "demo.csv", isXML: false, allowedKinds: nil, kindForced: false) {
            _ in nil
        }
        guard case .rejected(let emptyIssues) = empty else {
            Issue.record("expected a rejection, got \(empty)")
            return
        }
        #expect(emptyIssues.map(\.rule) == [RuleID.fileEmpty])
    }

    @Test func aSingleColumnHeaderHintsAtTheLikelyDelimiter() throws {
        let mappings = try Self.set(MappingDefinitionTests.valid)
        let recognition = mappings.recognise(
            filename: "demo.csv", isXML: false, allowedKinds: nil, kindForced: false
        ) { _ in HeaderRow(names: ["ID;When;Pct"], line: 1) }
        guard case .rejected(let issues) = recognition else {
            Issue.record("expected a rejection, got \(recognition)")
            return
        }
        #expect(issues.contains { $0.message.contains("looks ';'-delimited") })
    }

    @Test func xmlKindsAreToldApartByNameAndNeverReadAHeader() throws {
        let mappings = try Self.set(MappingDefinitionTests.valid, Self.xml)
        let recognition = mappings.recognise(
            filename: "lea_members_2025.xml", isXML: true, allowedKinds: nil, kindForced: false
        ) { _ in
            Issue.record("an XML file has no header row to read")
            return nil
        }
        guard case .matched(let mapping, _) = recognition else {
            Issue.record("expected a match, got \(recognition)")
            return
        }
        #expect(mapping.kind == "members")
        let unnamed = mappings.recognise(filename: "data.xml", isXML: true, allowedKinds: nil, kindForced: false) {
            _ in nil
        }
        guard case .rejected(let issues) = unnamed else {
            Issue.record("expected a rejection, got \(unnamed)")
            return
        }
        #expect(issues.first?.message == "no XML mapping recognises this file; tried 1")
    }

    @Test func aKindNoMappingDefinesIsRejected() throws {
        let mappings = try Self.set(MappingDefinitionTests.valid)
        let recognition = mappings.recognise(
            filename: "demo.csv", isXML: false, allowedKinds: ["nothing"], kindForced: false
        ) { _ in nil }
        guard case .rejected(let issues) = recognition else {
            Issue.record("expected a rejection, got \(recognition)")
            return
        }
        #expect(issues.map(\.message) == ["no mapping defines kind nothing"])
    }
}

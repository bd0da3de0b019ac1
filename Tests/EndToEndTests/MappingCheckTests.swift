import Foundation
import TestThreads
import Testing

@Suite(.serialized, .blocking) struct MappingCheckTests {
    @Test func shippedMappingsAreClean() throws {
        let scratch = try Scratch()
        let result = try Binary.run(["mappings", "check"], in: scratch.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("aeries-attendance, aeries-students"))
    }

    @Test func brokenMappingIsReportedWithFileAndLineAndTheDaemonRefusesToStart() throws {
        let scratch = try Scratch()
        try scratch.write(
            "Mappings/broken.yaml",
            """
            kind: broken
            match: { filename: "*.txt" }
            target: students
            key: [student_id]
            fields:
              student_id: { column: "ID", pattern: "[0-9" }
              grade: { column: "Grade", type: integer }

            """)
        let check = try Binary.run(["mappings", "check"], in: scratch.root)
        #expect(check.status == 1)
        #expect(check.stderr.contains("Mappings/broken.yaml:6:"), "\(check.stderr)")
        #expect(check.stderr.contains("invalid pattern '[0-9'"))
        #expect(check.stderr.contains("Mappings/broken.yaml:7:"))
        #expect(check.stderr.contains("unknown type 'integer'"))
        let daemon = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(daemon.status == 2)
        #expect(daemon.stderr.contains("refusing to start"))
        #expect(daemon.stderr.contains("Mappings/broken.yaml:6:"))
    }

    @Test func mappingThatDoesNotFitItsTableIsReported() throws {
        let scratch = try Scratch()
        try scratch.write(
            "Mappings/odd.yaml",
            """
            kind: odd
            match: { filename: "*.odd" }
            target: students
            key: [student_id]
            fields:
              student_id: { column: "ID" }
              shoe_size: { column: "Shoe", type: int }

            """)
        let check = try Binary.run(["mappings", "check", "Mappings/odd.yaml"], in: scratch.root)
        #expect(check.status == 1)
        #expect(check.stderr.contains("Mappings/odd.yaml:7: field 'shoe_size' is not a column of table students"))
    }

    @Test func misusedDatedRatesAndReviewAreReportedWithTheProfilesLine() throws {
        let scratch = try Scratch()
        let path = scratch.path("Mappings/payers/cybhi.yaml")
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let rates = try #require(lines.firstIndex { $0.hasPrefix("    rates: [") })
        lines[rates] = "    rates: [{ from: 2026-10-12, rate: \"104.00\" }, { from: 2026-01-01, rate: \"100.005\" }]"
        lines.append("review: maybe")
        try scratch.write("Mappings/payers/cybhi.yaml", lines.joined(separator: "\n"))
        let check = try Binary.run(["mappings", "check"], in: scratch.root)
        #expect(check.status == 1)
        #expect(check.stderr.contains("Mappings/payers/cybhi.yaml:\(rates + 1):"), "\(check.stderr)")
        #expect(check.stderr.contains("list the periods oldest first"), "\(check.stderr)")
        #expect(check.stderr.contains("rate '100.005' must be an amount ≥ 0 with at most two decimals"))
        #expect(check.stderr.contains("Mappings/payers/cybhi.yaml:\(lines.count):"), "\(check.stderr)")
        #expect(check.stderr.contains("unknown review 'maybe'"))
    }

    @Test func misusedQualificationAndQualifiedAreReportedWithTheirLines() throws {
        let scratch = try Scratch()
        let services = scratch.path("Mappings/spi-services.yaml")
        var lines = try String(contentsOfFile: services, encoding: .utf8).components(separatedBy: "\n")
        let date = try #require(lines.firstIndex { $0 == "  date: service_date" })
        lines[date] = "  date: start_time"
        let roster = try #require(lines.firstIndex { $0 == "  roster: practitioners" })
        lines[roster] = "  roster: students"
        try scratch.write("Mappings/spi-services.yaml", lines.joined(separator: "\n"))
        let profile = scratch.path("Mappings/payers/lea-bop.yaml")
        var profileLines = try String(contentsOfFile: profile, encoding: .utf8).components(separatedBy: "\n")
        let code = try #require(profileLines.firstIndex { $0.hasPrefix("  \"92508\":") })
        profileLines[code] = profileLines[code].replacingOccurrences(of: "[SLP, SLPA]", with: "[SLP, SLP]")
        try scratch.write("Mappings/payers/lea-bop.yaml", profileLines.joined(separator: "\n"))

        let check = try Binary.run(["mappings", "check"], in: scratch.root)
        #expect(check.status == 1)
        #expect(check.stderr.contains("Mappings/spi-services.yaml:\(date + 1):"), "\(check.stderr)")
        #expect(check.stderr.contains("qualification date field 'start_time' must be a date field"), "\(check.stderr)")
        #expect(check.stderr.contains("Mappings/payers/lea-bop.yaml:\(code + 1):"), "\(check.stderr)")
        #expect(check.stderr.contains("practitioner type 'SLP' is listed twice"), "\(check.stderr)")

        lines[date] = "  date: service_date"
        try scratch.write("Mappings/spi-services.yaml", lines.joined(separator: "\n"))
        profileLines[code] = profileLines[code].replacingOccurrences(of: "[SLP, SLP]", with: "[SLP, SLPA]")
        try scratch.write("Mappings/payers/lea-bop.yaml", profileLines.joined(separator: "\n"))
        let rosterCheck = try Binary.run(["mappings", "check"], in: scratch.root)
        #expect(rosterCheck.status == 1)
        let first = try #require(lines.firstIndex { $0 == "qualification:" })
        #expect(
            rosterCheck.stderr.contains(
                "Mappings/spi-services.yaml:\(first + 2): qualification roster 'students' has no column npi, practitioner_type, valid_from, valid_to"
            ), "\(rosterCheck.stderr)")
    }

    @Test func aQualifiedTypeTheRosterDoesNotAcceptIsReportedWithTheProfilesLine() throws {
        let scratch = try Scratch()
        let profile = scratch.path("Mappings/payers/lea-bop.yaml")
        var lines = try String(contentsOfFile: profile, encoding: .utf8).components(separatedBy: "\n")
        let code = try #require(lines.firstIndex { $0.hasPrefix("  \"92507\":") })
        lines[code] = lines[code].replacingOccurrences(of: "[SLP, SLPA]", with: "[SLP, SPL]")
        try scratch.write("Mappings/payers/lea-bop.yaml", lines.joined(separator: "\n"))
        let check = try Binary.run(["mappings", "check"], in: scratch.root)
        #expect(check.status == 1)
        #expect(
            check.stderr.contains(
                "Mappings/payers/lea-bop.yaml:\(code + 1): 92507 qualifies practitioner type 'SPL', which the practitioner roster does not accept"
            ), "\(check.stderr)")
        let run = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(run.status != 0, "the gateway refuses to start on the same mistake")
        #expect(run.stderr.contains("'SPL'"), "\(run.stderr)")

        try scratch.write(
            "Mappings/payers/lea-bop.yaml", lines.joined(separator: "\n").replacingOccurrences(of: "SPL", with: "SLPA"))
        try FileManager.default.removeItem(atPath: scratch.path("Mappings/practitioner-roster.yaml"))
        let without = try Binary.run(["mappings", "check"], in: scratch.root)
        #expect(without.status == 1)
        #expect(
            without.stderr.contains(
                "Mappings/payers/lea-bop.yaml:\(code + 1): 92507 names qualified practitioner types, but no mapping loads the practitioners table"
            ), "\(without.stderr)")
    }
}

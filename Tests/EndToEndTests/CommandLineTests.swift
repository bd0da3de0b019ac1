import Foundation
import TestThreads
import Testing

/// The command line's edge: global options, error messages and exit statuses, option validation, help
/// text and table output, through the real binary.
@Suite(.serialized, .blocking) struct CommandLineTests {
    @Test func globalOptionsGoBeforeOrAfterTheSubcommand() throws {
        let scratch = try Scratch()
        try FileManager.default.moveItem(atPath: scratch.path("dropgate.yaml"), toPath: scratch.path("site.yaml"))
        let before = try Binary.run(["--config", "site.yaml", "--log-level", "error", "jobs"], in: scratch.root)
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout.contains("no jobs"))
        let after = try Binary.run(["jobs", "--config", "site.yaml"], in: scratch.root)
        #expect(after.status == 0, "\(after.stderr)")
        let nested = try Binary.run(["--config", "site.yaml", "claims", "batches"], in: scratch.root)
        #expect(nested.status == 0, "\(nested.stderr)")
        let both = try Binary.run(["--config", "missing.yaml", "jobs", "--config", "site.yaml"], in: scratch.root)
        #expect(both.status == 0, "the option after the subcommand wins: \(both.stderr)")
        let missing = try Binary.run(["--config", "missing.yaml", "jobs"], in: scratch.root)
        #expect(missing.status == 2)
        #expect(missing.stderr == "dropgate: cannot read configuration file missing.yaml\n")
    }

    @Test func missingMappingsFolderIsOnePlainSentenceNamingThePath() throws {
        let scratch = try Scratch()
        try FileManager.default.removeItem(atPath: scratch.path("Mappings"))
        let result = try Binary.run(["bench", "claims", "--services", "10"], in: scratch.root)
        #expect(result.status == 1)
        #expect(!result.stderr.contains("NSCocoaErrorDomain"), "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(
            lines.first?.hasPrefix("dropgate: cannot read ") == true
                && lines.first?.hasSuffix("/Mappings: no such file or directory") == true,
            "\(result.stderr)")
    }

    @Test func controlCharactersInFileNamesAreEscapedInTables() throws {
        let scratch = try Scratch()
        let name = "notes\nsecond line\u{1b}[31mred\u{7f}\u{9b}.csv"
        try scratch.write(name, "Note\nhello\n")
        let ingest = try Binary.run(["ingest", name, "--source", "lincoln-usd"], in: scratch.root)
        #expect(ingest.status == 1, "an unknown kind is rejected: \(ingest.stderr)")
        #expect(!ingest.stdout.contains("\u{1b}"))
        let jobs = try Binary.run(["jobs"], in: scratch.root)
        #expect(jobs.status == 0, "\(jobs.stderr)")
        let lines = jobs.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3, "a header, one row and the final newline: \(jobs.stdout)")
        #expect(jobs.stdout.contains(#"notes\nsecond line\x1b[31mred\x7f\u{9b}.csv"#), "\(jobs.stdout)")
        #expect(!jobs.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func invalidOptionValuesAreUsageErrors() throws {
        let scratch = try Scratch()
        let limit = try Binary.run(["jobs", "--limit", "0"], in: scratch.root)
        #expect(limit.status == 64)
        #expect(limit.stderr.contains("--limit must be at least 1, found 0"), "\(limit.stderr)")
        let days = try Binary.run(["claims", "aging", "--payment-days=-1"], in: scratch.root)
        #expect(days.status == 64)
        #expect(days.stderr.contains("--payment-days must be 0 or more, found -1"), "\(days.stderr)")
        let date = try Binary.run(
            ["claims", "build", "--payer", "lea-bop", "--through", "2026-02-30"], in: scratch.root)
        #expect(date.status == 64)
        #expect(date.stderr.contains("2026-02-30"), "\(date.stderr)")
    }

    @Test func unknownIdsAreOnePlainSentence() throws {
        let scratch = try Scratch()
        let job = try Binary.run(["job", "42"], in: scratch.root)
        #expect(job.status == 1)
        #expect(job.stderr == "dropgate: no job 42\n")
    }

    @Test(arguments: [
        ["dropgate"], ["run"], ["ingest"], ["jobs"], ["requeue"], ["replay"], ["sources"], ["alerts"],
        ["mappings", "check"],
        ["claims"],
        ["claims", "discard"], ["claims", "release"], ["claims", "batches"], ["remit"],
    ])
    func helpDiscussionsAreNotHardWrapped(command: [String]) throws {
        let scratch = try Scratch()
        let arguments = command == ["dropgate"] ? ["--help"] : command + ["--help"]
        let help = try Binary.run(arguments, in: scratch.root, environment: ["COLUMNS": "1000"])
        #expect(help.status == 0)
        let overview = help.stdout.components(separatedBy: "USAGE:")[0]
        for line in overview.split(separator: "\n") {
            #expect([".", ":", ")", "`"].contains(line.last.map(String.init) ?? ""), "\(command): \(line)")
        }
    }
}

import Foundation
import TestThreads
import Testing

/// `dropgate replay` through the real binary: a fixed mapping, the archived file loaded again, both receipts.
@Suite(.serialized, .blocking) struct ReplayEndToEndTests {
    static let students = """
        Student ID,School,Last Name,First Name,Birthdate,Grade,Sex
        1,1,Able,Ann,01/02/2012,5,F
        2,1,Baker,Bo,01/02/2012,25,M

        """

    static func receipt(_ scratch: Scratch, job: Int) throws -> [String: Any] {
        let name = try #require(
            scratch.files(under: "Outbox/lincoln-usd/reports").first {
                $0.hasPrefix("\(job)-") && $0.hasSuffix(".receipt.json")
            })
        return try scratch.json("Outbox/lincoln-usd/reports/\(name)")
    }

    @Test func aDoneJobIsReplayedAfterItsMappingIsFixedAndBothReceiptsSaySo() throws {
        let scratch = try Scratch()
        try scratch.write("Inbox/lincoln-usd/students.csv", Self.students)
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        #expect(try Self.receipt(scratch, job: 1)["rejected"] as? Int == 1, "grade 25 is above the shipped max 18")

        let unchanged = try Binary.run(["replay", "1"], in: scratch.root)
        #expect(unchanged.status == 1)
        #expect(unchanged.stderr.contains("nothing to replay"), "\(unchanged.stderr)")

        // The fix: grades up to 30, and the mapping's version bumped.
        let path = scratch.path("Mappings/aeries-students.yaml")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try scratch.write(
            "Mappings/aeries-students.yaml",
            text.replacingOccurrences(of: "version: 1\n", with: "version: 2\n")
                .replacingOccurrences(of: "min: -2, max: 18", with: "min: -2, max: 30"))
        let replay = try Binary.run(["replay", "1", "--by", "ops"], in: scratch.root)
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.contains("replays") && replay.stdout.contains("job 1 (generation 1)"), "\(replay.stdout)")

        let new = try Self.receipt(scratch, job: 2)
        #expect(new["supersedes"] as? Int == 1)
        #expect(new["removed"] as? Int == 0)
        #expect(new["inserted"] as? Int == 1 && new["unchanged"] as? Int == 1 && new["rejected"] as? Int == 0)
        #expect(try Self.receipt(scratch, job: 1)["superseded_by"] as? Int == 2)
        let shown = try Binary.run(["job", "1"], in: scratch.root)
        #expect(shown.stdout.contains("superseded by") && shown.stdout.contains("job 2"), "\(shown.stdout)")

        // The same bytes dropped again are still a duplicate; a second replay of job 1 is refused.
        try scratch.write("Inbox/lincoln-usd/students_again.csv", Self.students)
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        let jobs =
            try JSONSerialization.jsonObject(
                with: Data(try Binary.run(["jobs", "--json"], in: scratch.root).stdout.utf8)) as? [[String: Any]] ?? []
        #expect(jobs.first { $0["id"] as? Int == 3 }?["duplicate_of"] as? Int == 2, "\(jobs)")
        let again = try Binary.run(["replay", "1"], in: scratch.root)
        #expect(again.status == 1)
        #expect(again.stderr.contains("superseded by job 2"), "\(again.stderr)")

        let usage = try Binary.run(["replay", "--kind", "aeries-students"], in: scratch.root)
        #expect(usage.status == 64, "\(usage.stderr)")
        let byKind = try Binary.run(
            ["replay", "--kind", "aeries-students", "--from", "2000-01-01", "--to", "2099-12-31"], in: scratch.root)
        #expect(byKind.status == 0, "\(byKind.stderr)")
        #expect(byKind.stdout.contains("0 job(s) replayed, 1 skipped"), "\(byKind.stdout)")
    }
}

import Foundation
import TestThreads
import Testing

/// `dropgate bench … --prepare FOLDER` leaves a workspace the `dropgate` commands run against as a separate
/// process (what `scripts/bench-peers` times side by side with sqlite3 and pyx12), through the real binary.
@Suite(.serialized, .blocking) struct BenchPrepareTests {
    struct Prepared: Decodable {
        var file: String?
        var source: String?
        var rows: Int
        var rejected: Int
    }

    struct Job: Decodable {
        var state: String
        var rowsRead: Int
        var inserted: Int
        var rejected: Int
    }

    func prepare(_ arguments: [String], in scratch: Scratch) throws -> (folder: String, prepared: Prepared) {
        let folder = scratch.path("prepared")
        let result = try Binary.run(
            ["bench"] + arguments + ["--mappings", scratch.path("Mappings"), "--prepare", folder], in: scratch.root)
        #expect(result.status == 0, "\(result.stderr)")
        return (folder, try JSONDecoder().decode(Prepared.self, from: Data(result.stdout.utf8)))
    }

    func ingest(_ prepared: Prepared, in folder: String, scratch: Scratch) throws -> Job {
        let result = try Binary.run(
            [
                "--config", folder + "/dropgate.yaml", "ingest", prepared.file ?? "", "--source", prepared.source ?? "",
                "--json",
            ], in: scratch.root)
        #expect(result.status == 0, "\(result.stderr)")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let jobs = try decoder.decode([Job].self, from: Data(result.stdout.utf8))
        return try #require(jobs.first)
    }

    @Test func aWideAttendanceFileRejectsExactlyTheRowsMadeInvalid() throws {
        let scratch = try Scratch()
        let (folder, prepared) = try prepare(["ingest", "--rows", "3000", "--wide"], in: scratch)
        #expect(prepared.rows == 3000)
        #expect(prepared.rejected == 30)
        let header = try String(contentsOfFile: try #require(prepared.file), encoding: .utf8).prefix { !$0.isNewline }
        #expect(header.split(separator: ",").count == 15)
        let job = try ingest(prepared, in: folder, scratch: scratch)
        #expect(job.state == "done")
        #expect(job.rowsRead == 3000)
        #expect(job.rejected == 30)
        #expect(job.inserted == 2970)
    }

    /// More unmatched claims than the exception spool keeps in memory: every one is on the report, in order.
    @Test func everyUnmatchedClaimOfALargeRemittanceIsReportedInOrder() throws {
        let scratch = try Scratch()
        let claims = 6_000
        let (folder, prepared) = try prepare(["remit", "--claims", "\(claims)", "--unmatched"], in: scratch)
        let job = try ingest(prepared, in: folder, scratch: scratch)
        #expect(job.state == "done")
        #expect(job.rowsRead == claims)
        #expect(job.inserted == 0)
        let reports = folder + "/Outbox/bench-payer/reports"
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: reports).first { $0.hasSuffix("exceptions.csv") })
        let rows = try String(contentsOfFile: reports + "/" + name, encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst().filter { $0.contains("835-unmatched-claim") }
        #expect(rows.count == claims)
        let numbers = rows.compactMap { row in
            row.split(separator: ",").first { $0.hasPrefix("DG") }.map(String.init)
        }
        // One row per CLP of the file, in the file's order (the generated payer reverses and corrects some claims,
        // so a claim number can come twice).
        let expected = try String(contentsOfFile: try #require(prepared.file), encoding: .utf8)
            .split(separator: "~").compactMap { segment in
                segment.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("CLP*")
                    ? String(segment.split(separator: "*")[1]) : nil
            }
        #expect(expected.count == claims)
        #expect(numbers.count == claims)
        let first = numbers.indices.first { numbers[$0] != expected[$0] }
        #expect(first == nil, "row \(first ?? 0): \(first.map { numbers[$0] } ?? "")")
        // The spool's scratch file has no name: nothing is left beside the staged copies.
        let staging = try FileManager.default.subpathsOfDirectory(atPath: folder + "/Staging")
        #expect(!staging.contains { $0.contains("scratch") || $0.hasSuffix(".tmp") }, "\(staging)")
    }
}

import Foundation
import TestThreads
import Testing

/// The guides' code lists through the real binary: a payer file with a claim status the 835 guide does not
/// have is rejected with the rule, the segment position and the element; well-formed answers raise nothing.
@Suite(.serialized, .blocking) struct RemittanceElementRulesTests {
    @Test func an835WithAnUnknownClaimStatusIsRejectedWithTheRuleSegmentAndElement() throws {
        let scratch = try ClaimsEndToEndTests.loadedScratch()
        #expect(try Binary.run(["claims", "build", "--payer", "lea-bop"], in: scratch.root).status == 0)
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        let simulate = try Binary.run(["simulate", "payer", "--payer", "lea-bop"], in: scratch.root)
        #expect(simulate.status == 0, "\(simulate.stderr)")
        let inbox = "Inbox/lea-bop-inbox"
        let name = try #require(
            scratch.files(under: inbox).first { $0.contains("835") }, "\(scratch.files(under: inbox))")
        // Turn the first claim's status (CLP02) into 9, a code 005010X221A1 does not have.
        let text = try String(contentsOfFile: scratch.path("\(inbox)/\(name)"), encoding: .utf8)
        var segments = text.components(separatedBy: "~")
        let index = try #require(
            segments.firstIndex { $0.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("CLP*") })
        var elements = segments[index].components(separatedBy: "*")
        elements[2] = "9"
        segments[index] = elements.joined(separator: "*")
        try scratch.write("\(inbox)/\(name)", segments.joined(separator: "~"))

        let pass = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(pass.status == 1, "a rejected payer file makes --once fail: \(pass.stdout)")
        let jobs = try Binary.run(["jobs", "--json"], in: scratch.root)
        let list = try JSONSerialization.jsonObject(with: Data(jobs.stdout.utf8)) as? [[String: Any]] ?? []
        let payerJobs = list.filter { ($0["source"] as? String) == "lea-bop-inbox" }
        let rejected = try #require(
            payerJobs.first { ($0["name"] as? String ?? $0["original_name"] as? String) == name }
                ?? payerJobs.first { $0["state"] as? String == "rejected" }, "\(payerJobs)")
        #expect(rejected["state"] as? String == "rejected")
        let id = try #require(rejected["id"] as? Int)
        let csv = try Binary.run(["exceptions", String(id), "--format", "csv"], in: scratch.root)
        let rows = csv.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        #expect(rows.count == 1, "\(csv.stdout)")
        let row = try #require(rows.first)
        // row = the segment's position in the interchange (ISA = 1).
        #expect(row.hasPrefix("\(index + 1),,,835-code-invalid,error,"), "\(row)")
        #expect(
            row.contains(
                "segment \(index + 1) (CLP): CLP02 '9' is not in its code list: 1, 2, 3, 4, 19, 20, 21, 22, 23, 25"),
            "\(row)")

        // The 999 of the same answer was applied and broke no code list or length.
        for job in payerJobs where job["state"] as? String == "done" {
            let exceptions = try Binary.run(
                ["exceptions", String(try #require(job["id"] as? Int)), "--format", "csv"], in: scratch.root)
            #expect(!exceptions.stdout.contains("-invalid,"), "\(exceptions.stdout)")
        }
        #expect(payerJobs.contains { $0["state"] as? String == "done" })
    }
}

import Foundation
import PyX12Support
import TestThreads
import Testing

/// The whole loop through the real binary, as the demo runs it: samples in → services → 837P delivered →
/// simulated 999 and 835 in the payer inbox → claims updated → reconciliation report in the outbox.
@Suite(.serialized, .blocking) struct BillingLoopTests {
    @Test func samplesToReconciliation() throws {
        let scratch = try ClaimsEndToEndTests.loadedScratch()
        for payer in ["lea-bop", "cybhi"] {
            let build = try Binary.run(["claims", "build", "--payer", payer], in: scratch.root)
            #expect(build.status == 0, "\(build.stderr)")
        }
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        let lea = try Binary.run(["simulate", "payer", "--payer", "lea-bop"], in: scratch.root)
        #expect(lea.status == 0, "\(lea.stderr)")
        let cybhi = try Binary.run(["simulate", "payer", "--payer", "cybhi", "--reject-set", "0001"], in: scratch.root)
        #expect(cybhi.status == 0, "\(cybhi.stderr)")
        for answer in scratch.files(under: "Inbox/lea-bop-inbox") {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path("Inbox/lea-bop-inbox/\(answer)"))))
            let verdict = try PyX12.validate(bytes, name: answer)
            #expect(verdict.isOK && verdict.errors.isEmpty, "\(answer): \(verdict)")
        }
        let applied = try Binary.run(["run", "--once", "--json"], in: scratch.root)
        #expect(applied.status == 0, "\(applied.stderr)")

        let jobs = try Binary.run(["jobs", "--json"], in: scratch.root)
        let list = try JSONSerialization.jsonObject(with: Data(jobs.stdout.utf8)) as? [[String: Any]] ?? []
        let payerJobs = list.filter { ($0["source"] as? String)?.hasSuffix("-inbox") == true }
        #expect(Set(payerJobs.compactMap { $0["kind"] as? String }) == ["x12-835", "x12-999"])
        #expect(payerJobs.allSatisfy { $0["state"] as? String == "done" })

        let batches = try Binary.run(["claims", "batches", "--json"], in: scratch.root)
        let states = try JSONSerialization.jsonObject(with: Data(batches.stdout.utf8)) as? [[String: Any]] ?? []
        let byPayer = Dictionary(
            uniqueKeysWithValues: states.compactMap { batch in
                (batch["payer"] as? String).map { ($0, batch["state"] as? String ?? "") }
            })
        #expect(byPayer == ["lea-bop": "accepted", "cybhi": "rejected"])

        let summaries = scratch.files(under: "Outbox/lea-bop/reconciliation").filter { $0.hasSuffix(".summary.json") }
        #expect(summaries.count == 1)
        let summary = try scratch.json("Outbox/lea-bop/reconciliation/\(try #require(summaries.first))")
        #expect(summary["balance_check"] as? String == "balanced")
        let counts = summary["counts_by_status"] as? [String: Int] ?? [:]
        #expect(
            counts["paid"] ?? 0 > 0 && counts["denied"] ?? 0 > 0 && counts["reversed"] == 1 && counts["corrected"] == 1)
        #expect(summary["unmatched_claims"] as? Int == 0)

        let remit = try Binary.run(["remit", "list"], in: scratch.root)
        #expect(remit.stdout.contains("lea-bop"))
        let show = try Binary.run(["claims", "show", "DG000000001"], in: scratch.root)
        #expect(show.stdout.contains("payer claim number SIM"), "\(show.stdout)")
        // A rejected claim shows the payer's 999 with the segment and element in error; so does the 999's job.
        // Claims are numbered in build order: lea-bop's first, then cybhi's.
        let leaClaims = try #require(states.first { $0["payer"] as? String == "lea-bop" }?["claims"] as? Int)
        let cybhiClaim = String(leaClaims + 1)
        let cybhiShow = try Binary.run(["claims", "show", cybhiClaim], in: scratch.root)
        #expect(cybhiShow.stdout.contains("payer's answers:"), "\(cybhiShow.stdout)")
        #expect(cybhiShow.stdout.contains("IK3 SV1"), "\(cybhiShow.stdout)")
        let ackJob = try #require(
            payerJobs.first { $0["kind"] as? String == "x12-999" && ($0["source"] as? String) == "cybhi-inbox" }?["id"]
                as? Int)
        let exceptions = try Binary.run(["exceptions", String(ackJob)], in: scratch.root)
        #expect(exceptions.stdout.contains("999-set-rejected"), "\(exceptions.stdout)")
        // Rejected claims are billable again.
        let rebuild = try Binary.run(["claims", "build", "--payer", "cybhi", "--json"], in: scratch.root)
        let rebuilt = try JSONSerialization.jsonObject(with: Data(rebuild.stdout.utf8)) as? [String: Any] ?? [:]
        #expect((rebuilt["services_billed"] as? Int ?? 0) > 0)
        #expect(rebuilt["control_number"] as? Int == 2)
    }

    @Test func anUnbalanced835IsHeldUntilAnOperatorReleasesIt() throws {
        let scratch = try ClaimsEndToEndTests.loadedScratch()
        #expect(try Binary.run(["claims", "build", "--payer", "lea-bop"], in: scratch.root).status == 0)
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        #expect(try Binary.run(["simulate", "payer", "--payer", "lea-bop"], in: scratch.root).status == 0)
        let name = try #require(scratch.files(under: "Inbox/lea-bop-inbox").first { $0.hasSuffix(".835.x12") })
        // One cent more in BPR02 than the claims pay: the set no longer balances.
        let path = scratch.path("Inbox/lea-bop-inbox/" + name)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let bpr = try #require(text.range(of: #"BPR\*[A-Z]\*[0-9.]+"#, options: .regularExpression))
        let amount = try #require(Double(text[bpr].split(separator: "*")[2]))
        let tampered = text.replacingCharacters(
            in: bpr,
            with: text[bpr].split(separator: "*")[0...1].joined(separator: "*") + String(format: "*%.2f", amount + 0.01)
        )
        try tampered.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)

        let jobs =
            try JSONSerialization.jsonObject(
                with: Data(try Binary.run(["jobs", "--json"], in: scratch.root).stdout.utf8)) as? [[String: Any]] ?? []
        let job = try #require(jobs.first { $0["kind"] as? String == "x12-835" }?["id"] as? Int)
        let held = try Binary.run(["remit", "show", String(job)], in: scratch.root)
        #expect(held.stdout.contains("held") && held.stdout.contains("remit release \(job) --set N"), "\(held.stdout)")
        func paid() throws -> Any? {
            let show = try Binary.run(["claims", "show", "DG000000001", "--json"], in: scratch.root).stdout
            return (try JSONSerialization.jsonObject(with: Data(show.utf8)) as? [String: Any])?["paid_cents"]
        }
        #expect(try paid() == nil, "nothing of a held set is applied")
        let history = try Binary.run(["claims", "show", "DG000000001"], in: scratch.root).stdout
        #expect(history.contains("835   held"), "the held payment is in the claim's history: \(history)")

        let release = try Binary.run(["remit", "release", String(job), "--set", "1"], in: scratch.root)
        #expect(release.status == 0, "\(release.stderr)")
        #expect(release.stdout.contains("released set 1 of job \(job)"), "\(release.stdout)")
        #expect(try Binary.run(["remit", "show", String(job)], in: scratch.root).stdout.contains("released"))
        #expect(try paid() as? Int == 4_160, "the released set's payment is applied")
        let again = try Binary.run(["remit", "release", String(job), "--set", "1"], in: scratch.root)
        #expect(again.status != 0 && again.stderr.contains("not held"), "\(again.stderr)")
    }
}

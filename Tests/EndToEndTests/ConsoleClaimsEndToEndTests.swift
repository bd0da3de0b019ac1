import Foundation
import TestThreads
import Testing

/// The console's claim pages over the real billing loop (samples → 837P → simulated 999 and 835 → applied),
/// served by the real binary: batch, claim timeline with every CARC described, denial queue, void with CSRF and
/// audit, remittance summary; a district user sees none of it.
@Suite(.serialized, .blocking) struct ConsoleClaimsEndToEndTests {
    @Test func claimTimelineDenialQueueAndRemittancePages() throws {
        let scratch = try ClaimsEndToEndTests.loadedScratch()
        #expect(try Binary.run(["claims", "build", "--payer", "lea-bop"], in: scratch.root).status == 0)
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        let simulate = try Binary.run(["simulate", "payer", "--payer", "lea-bop"], in: scratch.root)
        #expect(simulate.status == 0, "\(simulate.stderr)")
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        // A second payer's batch stays unanswered: the oldest wait for a 999.
        #expect(try Binary.run(["claims", "build", "--payer", "cybhi"], in: scratch.root).status == 0)
        try scratch.write("password", "correct-horse-battery\n")
        for (name, role) in [
            ("bill", ["--role", "billing"]), ("dana", ["--role", "district", "--district", "lincoln-usd"]),
        ] {
            let add = try Binary.run(
                ["users", "add", name] + role + ["--password-file", "password"], in: scratch.root)
            #expect(add.status == 0, "\(add.stderr)")
        }

        let server = try ServedConsole(scratch: scratch)
        defer { server.stop() }
        let bill = try login("bill", server: server, scratch: scratch)

        let dashboard = try bill.get("/")
        #expect(
            dashboard.body.contains("<tr><td>delivery:lea-bop-outbox</td><td>ok</td><td>0</td>"),
            "the delivery that sent the batch is healthy on the dashboard")
        let batches = try bill.get("/claims")
        #expect(batches.body.contains("href=\"/claims/batches/1\""))
        let batch = try bill.get("/claims/batches/1")
        #expect(batch.status == 200)
        let shown = try Binary.run(["claims", "batch", "1", "--json"], in: scratch.root)
        let claims = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(!claims.isEmpty)
        for claim in claims {
            #expect(batch.body.contains(">\(claim["pcn"] as? String ?? "?")</a>"), "batch page lists every claim")
        }

        // The denial queue: the simulator denies at least one claim, with a CO reason the page describes.
        let queue = try bill.get("/claims/denials")
        #expect(queue.status == 200)
        let denied = claims.filter { $0["status"] as? String == "denied" }
        #expect(!denied.isEmpty)
        let deniedID = try #require(denied.first?["id"] as? Int)
        #expect(queue.body.contains("href=\"/claims/\(deniedID)\""))
        let reasonDescriptions = [
            "50": "medical necessity", "96": "Non-covered charge", "197": "authorization or pre-treatment absent",
            "29": "time limit for filing", "109": "not covered by this payer",
        ]
        let deniedPage = try bill.get("/claims/\(deniedID)")
        #expect(deniedPage.status == 200)
        #expect(deniedPage.body.contains("<b>999</b> in <a href=\"/jobs/"), "the 999 is on the timeline")
        #expect(deniedPage.body.contains("<b>835</b> in <a href=\"/remittances/"), "the 835 is on the timeline")
        let code = try #require(reasonDescriptions.keys.first { deniedPage.body.contains("<code>CO-\($0)</code>") })
        #expect(deniedPage.body.contains(reasonDescriptions[code] ?? "?"), "CO-\(code) is described")
        #expect(queue.body.contains("<code>CO-\(code)</code>"), "the queue shows the reason")
        // The simulator sends a remark code (LQ*HE) with each denial but a late filing's.
        let remarks = [
            "50": ("N130", "benefit documents"), "96": ("N130", "benefit documents"),
            "197": ("M62", "treatment authorization code"), "109": ("N418", "Misrouted claim"), "29": nil,
        ]
        if let (remark, described) = try #require(remarks[code]) {
            #expect(deniedPage.body.contains("<li><code>\(remark)</code> "), "the remark \(remark) is on the timeline")
            #expect(deniedPage.body.contains(described), "\(remark) is described")
        }

        // Void from the queue's claim: refused without the form's token, then done, audited.
        let forged = try bill.post("/claims/\(deniedID)/void", ["csrf": "forged"])
        #expect(forged.status == 403)
        let token = try #require(Curl.csrf(in: deniedPage.body))
        let void = try bill.post("/claims/\(deniedID)/void", ["csrf": token])
        #expect(void.status == 303, "\(void.body)")
        #expect(try bill.get("/claims/\(deniedID)").body.contains("data-fact=\"correction requested\">void<"))
        #expect(!(try bill.get("/claims/denials").body.contains("href=\"/claims/\(deniedID)\"")), "left the queue")
        let show = try Binary.run(["claims", "show", String(deniedID), "--json"], in: scratch.root)
        #expect(show.stdout.contains("\"correction\" : \"void\""), "\(show.stdout)")

        // The 835's page: its payment, the outcomes the claims got, the denial rate.
        let remittances = try bill.get("/remittances")
        let job = try #require(
            remittances.body.range(of: "href=\"/remittances/").map { range in
                remittances.body[range.upperBound...].prefix { $0.isNumber }
            })
        let remittance = try bill.get("/remittances/\(job)")
        #expect(remittance.status == 200)
        let remitted = claims.filter { ["paid", "partial", "denied"].contains($0["status"] as? String ?? "") }
        #expect(remittance.body.contains("data-outcome=\"denied\">denied <b>\(denied.count)</b>"))
        let rate = String(format: "%.1f", Double(denied.count) / Double(remitted.count) * 100)
        #expect(remittance.body.contains("id=\"denial-rate\">\(rate) %</b> of \(remitted.count) claims"))
        // The simulator pays two weeks after the batch (payment date = build day + 14).
        #expect(remittance.body.contains("id=\"days-to-payment\">14.0</b>"), "days to payment")

        let metrics = try bill.get("/metrics").body
        let age = metrics.split(separator: "\n").first {
            $0.hasPrefix("dropgate_oldest_unacknowledged_batch_age_seconds ")
        }
        .flatMap { Double($0.split(separator: " ").last ?? "") }
        #expect(age.map { $0 > 0 && $0 < 3600 } == true, "the cybhi batch waits: \(String(describing: age))")
        let promtool = try Promtool.check(metrics)
        #expect(promtool.status == 0, "\(promtool.output)")

        let dana = try login("dana", server: server, scratch: scratch)
        #expect(try dana.get("/claims/\(deniedID)").status == 403)
        #expect(try dana.get("/claims/denials").status == 403)
        #expect(try dana.get("/remittances/\(job)").status == 403)
        #expect(!(try dana.get("/").body.contains("delivery:")), "deliveries are billing's business")
        #expect(server.stop() == 0)
    }

    private func login(_ name: String, server: ServedConsole, scratch: Scratch) throws -> Curl {
        let client = Curl(base: "http://127.0.0.1:\(server.port)", jar: scratch.path("cookies-" + name))
        let form = try client.get("/login")
        let token = try #require(Curl.csrf(in: form.body))
        let login = try client.post("/login", ["csrf": token, "name": name, "password": "correct-horse-battery"])
        #expect(login.status == 303)
        return client
    }
}

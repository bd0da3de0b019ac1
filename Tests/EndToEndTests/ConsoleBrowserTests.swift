import Foundation
import TestThreads
import Testing

/// The console as operators use it: `dropgate serve` (the real binary) driven by a real headless Chromium through
/// chromedriver. Logging in, following a dashboard counter to its list, acting on a job, the audit trail, what
/// a district user may see, and a forged form refused.
@Suite(.serialized, .blocking) struct ConsoleBrowserTests {
    let scratch: Scratch
    let server: ServedConsole
    let browser: WebDriver
    let base: String

    /// The bundled Samples loaded, plus one file no mapping fits (a rejected job to act on), and three users.
    init() throws {
        scratch = try Scratch()
        try scratch.dropSamples()
        try scratch.write("Inbox/lincoln-usd/notes.csv", "Topic,Note\nlunch,menu changes\n")
        _ = try Binary.run(["run", "--once"], in: scratch.root)
        try scratch.write("password", "correct-horse-battery\n")
        for (name, role) in [
            ("alice", ["--role", "admin"]), ("dana", ["--role", "district", "--district", "riverside-usd"]),
        ] {
            let add = try Binary.run(
                ["users", "add", name] + role + ["--password-file", "password"], in: scratch.root)
            try #require(add.status == 0, "\(add.stderr)")
        }
        server = try ServedConsole(scratch: scratch)
        base = "http://127.0.0.1:\(server.port)"
        browser = try WebDriver()
    }

    /// Logs in through the form as a person would: type, click.
    func logIn(_ name: String) throws {
        try browser.open(base + "/login")
        try browser.element("input[name=name]").type(name)
        try browser.element("input[name=password]").type("correct-horse-battery")
        try browser.element("form[action='/login'] button").click()
    }

    /// The value a job page shows for one fact.
    func fact(_ name: String) throws -> String { try browser.element("td[data-fact='\(name)']").text() }

    @Test func anOperatorLogsInFollowsACounterRequeuesAJobAndFindsItInTheAudit() throws {
        try browser.open(base + "/jobs")
        #expect(try browser.url() == base + "/login", "an anonymous visitor is sent to the login form")
        try logIn("alice")
        #expect(try browser.title() == "Dashboard · DropGate")
        let session = try #require(try browser.cookies().first { $0["name"] as? String == "dropgate_session" })
        #expect(session["httpOnly"] as? Bool == true)
        #expect(session["sameSite"] as? String == "Strict")
        let visible = try browser.run("return document.cookie") as? String
        #expect(visible?.contains(session["value"] as? String ?? "-") == false, "scripts never see the session")
        let png = try browser.screenshot()
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000, "a rendered dashboard")
        try png.write(to: URL(fileURLWithPath: scratch.path("dashboard.png")))

        let counter = try browser.element("#today-rejected b").text()
        #expect(Int(counter) == 1, "the unrecognised notes.csv is today's one rejected job")
        try browser.element("#today-rejected").click()
        #expect(try browser.url().contains("state=rejected"))
        let rows = try browser.elements("#jobs tr td:nth-child(4)")
        #expect(try rows.map { try $0.text() } == ["rejected"], "the list the counter counts")

        try browser.element("#jobs tr td a").click()
        let title = try browser.title()
        let id = try #require(Int(title.dropFirst("Job ".count).prefix { $0.isNumber }), "\(title)")
        #expect(try fact("file") == "notes.csv")
        let reason = try fact("reason")
        #expect(reason.hasPrefix("no mapping recognises this file"), "\(reason)")
        try browser.element("form[action='/jobs/\(id)/requeue'] button").click()
        #expect(try browser.title() == "Job \(id) · DropGate")
        // Requeued (staged, reason cleared) and run again at once: the same file is rejected for the same reason.
        #expect(try fact("state") == "rejected")
        #expect(try fact("reason") == reason)

        try browser.element("nav a[href='/audit']").click()
        // Columns: when, who, what, job, target, detail.
        let entries = try #require(
            try browser.run(
                "return [...document.querySelectorAll('#audit tr')].slice(1).map(r => [...r.cells].map(c => c.innerText))"
            )
                as? [[String]])
        #expect(entries.contains { $0[1] == "alice" && $0[2] == "requeued" && $0[3] == String(id) }, "\(entries)")
        #expect(entries.contains { $0[1] == "alice" && $0[2] == "console-login" }, "\(entries)")

        try browser.element("form.logout button").click()
        #expect(try browser.url() == base + "/login")
        try browser.open(base + "/jobs/\(id)")
        #expect(try browser.url() == base + "/login", "the session ended with the logout")
    }

    @Test func aDistrictUserSeesOnlyTheirDistrictAndNoClaims() throws {
        try logIn("dana")
        #expect(try browser.title() == "Dashboard · DropGate")
        #expect(try browser.elements("nav a[href='/claims']").isEmpty)
        #expect(try browser.elements("nav a[href='/audit']").isEmpty)
        let sources = try browser.elements("table tr td:first-child").map { try $0.text() }
        #expect(sources == ["riverside-usd"], "the dashboard's sources")

        try browser.element("nav a[href='/jobs']").click()
        let listed = try browser.elements("#jobs tr td:nth-child(2)").map { try $0.text() }
        #expect(!listed.isEmpty)
        #expect(Set(listed) == ["riverside-usd"])

        let jobs = try Binary.run(["jobs", "--json", "--limit", "1000"], in: scratch.root)
        let all = try JSONSerialization.jsonObject(with: Data(jobs.stdout.utf8)) as? [[String: Any]] ?? []
        let lincoln = try #require(all.first { $0["source"] as? String == "lincoln-usd" }?["id"] as? Int)
        try browser.open(base + "/jobs/\(lincoln)")
        #expect(try browser.title() == "Not found · DropGate", "another district's job does not exist for her")
        try browser.open(base + "/claims")
        #expect(try browser.title() == "Forbidden · DropGate", "typing the address does not show claims either")
    }

    @Test func aForgedFormIsRefusedAndChangesNothing() throws {
        try logIn("alice")
        try browser.open(base + "/jobs?state=rejected")
        try browser.element("#jobs tr td a").click()
        let title = try browser.title()
        let id = try #require(Int(title.dropFirst("Job ".count).prefix { $0.isNumber }), "\(title)")
        // What a page on another site would send: the action's fields without the session's token.
        _ = try browser.run(
            "document.querySelector(\"form[action='/jobs/\(id)/requeue'] input[name=csrf]\").value = 'forged'")
        try browser.element("form[action='/jobs/\(id)/requeue'] button").click()
        #expect(try browser.title() == "Forbidden · DropGate")
        try browser.open(base + "/jobs/\(id)")
        #expect(try fact("attempts") == "1", "the forged requeue did nothing")
    }

    /// Every page, as a billing operator reaches it after a billing loop, rendered by the browser: its title, and a
    /// screenshot kept in `.build/console-screenshots/` for review.
    @Test func everyPageRendersAndIsKeptAsAScreenshot() throws {
        #expect(try Binary.run(["claims", "build", "--payer", "lea-bop"], in: scratch.root).status == 0)
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        #expect(try Binary.run(["simulate", "payer", "--payer", "lea-bop"], in: scratch.root).status == 0)
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        let folder = Binary.repositoryRoot + "/.build/console-screenshots"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try logIn("alice")
        let remittance =
            try Binary.run(["remit", "list"], in: scratch.root).stdout.split(separator: "\n")
            .dropFirst().first?.prefix { $0.isNumber } ?? "0"
        let pages: [(name: String, path: String, title: String)] = [
            ("dashboard", "/", "Dashboard"), ("jobs", "/jobs", "Jobs"), ("job", "/jobs/1", "Job 1"),
            ("alerts", "/alerts", "Alerts"), ("claims", "/claims", "Claim batches"),
            ("batch", "/claims/batches/1", "Batch 1"), ("claim", "/claims/DG000000002", "Claim DG000000002"),
            ("denials", "/claims/denials", "Denial queue"), ("remittances", "/remittances", "Remittances"),
            ("remittance", "/remittances/\(remittance)", "835 job \(remittance)"), ("audit", "/audit", "Audit"),
        ]
        for page in pages {
            try browser.open(base + page.path)
            #expect(try browser.title() == page.title + " · DropGate", "\(page.path)")
            let png = try browser.screenshot()
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 5_000, "\(page.path) rendered")
            try png.write(to: URL(fileURLWithPath: folder + "/" + page.name + ".png"))
            if page.name == "claim" {
                let acknowledgments = try browser.elements("#timeline li.ack").map { try $0.text() }
                #expect(acknowledgments.contains { $0.hasPrefix("999 in job") }, "\(acknowledgments)")
                let payments = try browser.elements("#timeline li.payment").map { try $0.text() }
                #expect(payments.contains { $0.hasPrefix("835 in job") && $0.contains("CO-") }, "\(payments)")
            }
        }
    }
}

import Console
import Foundation
import Gateway
import Hummingbird
import Store
import Testing

@Suite struct PageTests {
    @Test func theDashboardCountsTodaysJobsAndLinksEachCounterToItsList() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.test { browser in
            try await browser.login("alice")
            let dashboard = try await browser.get("/")
            let done = try #require(Self.counter("today-done", in: dashboard.text))
            #expect(done.count == 3)
            #expect(Self.counter("today-rejected", in: dashboard.text)?.count == 1)
            let list = try await browser.get(done.link.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(Self.jobRows(list.text).count == 3)
            #expect(list.text.contains("page 1 of 1 (3 in all)"))
        }
    }

    @Test func aDistrictUserSeesOnlyTheirDistrict() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.test { browser in
            try await browser.login("dana")
            let jobs = try await browser.get("/jobs")
            #expect(Self.jobRows(jobs.text) == [fixture.riversideJob])
            #expect(try await browser.get("/jobs/\(fixture.riversideJob)").status == .ok)
            // Another district's job is "not found", its exceptions too; claims and the audit are forbidden.
            let other = try await browser.get("/jobs/\(fixture.lincolnJob)")
            #expect(other.status == .notFound)
            #expect(!other.text.contains("students.csv"))
            #expect(try await browser.get("/jobs/\(fixture.rejectedJob)/exceptions.csv").status == .notFound)
            #expect(try await browser.get("/claims").status == .forbidden)
            #expect(try await browser.get("/claims?state=built").status == .forbidden)
            #expect(try await browser.get("/audit").status == .forbidden)
            let dashboard = try await browser.get("/")
            #expect(Self.counter("today-done", in: dashboard.text)?.count == 1)
            #expect(!dashboard.text.contains("lincoln-usd"))
            #expect(!dashboard.text.contains("/claims"))
        }
    }

    @Test func aDistrictUserCannotRequeueAnotherDistrictsJob() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.test { browser in
            try await browser.login("dana")
            let page = try await browser.get("/jobs")
            let answer = try await browser.post("/jobs/\(fixture.rejectedJob)/requeue", [("csrf", page.csrf ?? "")])
            #expect(answer.status == .notFound)
            #expect(try fixture.gateway.job(id: fixture.rejectedJob)?.attempts == 1)
        }
    }

    @Test func billingSeesEveryDistrictAndClaimsButNotTheAudit() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.test { browser in
            try await browser.login("bill")
            #expect(Self.jobRows(try await browser.get("/jobs").text).count == 4)
            #expect(try await browser.get("/claims").status == .ok)
            #expect(try await browser.get("/audit").status == .forbidden)
        }
    }

    @Test func aHostileFileNameIsShownAsText() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.test { browser in
            try await browser.login("alice")
            for path in ["/jobs", "/jobs/\(fixture.hostileJob)", "/jobs?name=%3Cscript%3E"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok)
                #expect(page.text.contains("&lt;script&gt;alert(1)&lt;script&gt;.csv"), "\(path)")
                #expect(!page.text.contains("<script"), "\(path)")
            }
            // The filter's own value comes back escaped in its input.
            let filtered = try await browser.get("/jobs?name=%22%3E%3Cb%3E")
            #expect(filtered.text.contains("value=\"&quot;&gt;&lt;b&gt;\""))
            #expect(!filtered.text.contains("\"><b>"))
        }
    }

    @Test func listsArePagedWithNoCap() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.test { browser in
            try await browser.login("alice")
            var seen: [Int64] = []
            for page in 1...4 {
                let list = try await browser.get("/jobs?per=1&page=\(page)")
                #expect(list.text.contains("page \(page) of 4 (4 in all)"))
                seen += Self.jobRows(list.text)
            }
            #expect(seen == [fixture.hostileJob, fixture.rejectedJob, fixture.riversideJob, fixture.lincolnJob])
            #expect(Self.jobRows(try await browser.get("/jobs?per=1&page=5").text).isEmpty)
            // Pages past the end, however far, are empty pages, not a crash.
            let far = try await browser.get("/jobs?per=500&page=\(Int.max)&since=inf")
            #expect(far.status == .ok)
            #expect(Self.jobRows(far.text).isEmpty)
            #expect(Self.jobRows(try await browser.get("/jobs?name=STUDENTS").text).count == 2)
        }
    }

    @Test func aJobPageShowsItsExceptionsFilteredAndDownloadable() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.test { browser in
            try await browser.login("alice")
            let id = fixture.rejectedJob
            let all = try fixture.gateway.exceptions(jobID: id)
            let rule = try #require(all.first?.ruleId)
            let page = try await browser.get("/jobs/\(id)?rule=\(rule)")
            #expect(page.text.contains("data-fact=\"state\">rejected<"))
            let sha256 = try #require(try fixture.gateway.job(id: id)).sha256
            #expect(page.text.contains("data-fact=\"sha256\">\(sha256)<"))
            let count = all.filter { $0.ruleId == rule }.count
            #expect(page.text.contains("(\(count) in all)"))
            let csv = try await browser.get("/jobs/\(id)/exceptions.csv?rule=\(rule)")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text == ExceptionListing.csv(all.filter { $0.ruleId == rule }))
            let json = try await browser.get("/jobs/\(id)/exceptions.json")
            #expect(json.text == (try ExceptionListing.json(all)))
            let none = try await browser.get("/jobs/\(id)?rule=no-such-rule")
            #expect(none.text.contains("(0 in all)"))
        }
    }

    @Test func requeueNeedsTheCSRFTokenAndIsAuditedWithTheUser() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.test { browser in
            try await browser.login("bill")
            let id = fixture.rejectedJob
            let page = try await browser.get("/jobs/\(id)")
            #expect(page.text.contains("action=\"/jobs/\(id)/requeue\""))
            let refused = try await browser.post("/jobs/\(id)/requeue", [])
            #expect(refused.status == .forbidden)
            let wrong = try await browser.post("/jobs/\(id)/requeue", [("csrf", String(repeating: "0", count: 64))])
            #expect(wrong.status == .forbidden)
            let requeued = { try fixture.gateway.auditEntries(offset: 0, limit: 50).filter { $0.action == "requeued" } }
            #expect(try requeued().isEmpty)
            let done = try await browser.post("/jobs/\(id)/requeue", [("csrf", page.csrf ?? "")])
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/jobs/\(id)")
            #expect(try requeued().map { [$0.actor, $0.jobId.map(String.init)] } == [["bill", String(id)]])
        }
    }

    /// The counter with `id` on a page: its count and link.
    static func counter(_ id: String, in text: String) -> (count: Int, link: String)? {
        guard let range = text.range(of: "id=\"\(id)\">") else { return nil }
        let before = text[..<range.lowerBound]
        guard let href = before.range(of: "href=\"", options: .backwards) else { return nil }
        let link = String(before[href.upperBound...].prefix { $0 != "\"" })
        let after = text[range.upperBound...]
        guard let bold = after.range(of: "<b>") else { return nil }
        return Int(after[bold.upperBound...].prefix { $0.isNumber }).map { ($0, link) }
    }

    /// The job ids listed in a jobs table, in order.
    static func jobRows(_ text: String) -> [Int64] {
        text.components(separatedBy: "<tr><td><a href=\"/jobs/").dropFirst().compactMap {
            Int64($0.prefix { $0.isNumber })
        }
    }
}

/// Searching jobs by a business key.
@Suite struct JobKeySearchTests {
    @Test func aKeyFindsTheJobsThatLoadedItOrReportedItAndOnlyTheVisitorsOwn() async throws {
        let fixture = try ConsoleFixture()
        let folder = fixture.root + "/drops/bad-ids"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("Student ID,School,Last Name,First Name,Birthdate,Grade,Sex\n12A45,1,Kim,Lena,01/02/2012,5,F\n".utf8)
            .write(to: URL(fileURLWithPath: folder + "/students.csv"))
        let reported = try #require(
            try fixture.gateway.ingest(path: folder + "/students.csv", source: "riverside-usd", kind: "aeries-students")
                .id)
        try await fixture.test { browser in
            try await browser.login("alice")
            // 1001 is on both districts' rosters; in lincoln-usd the hostile-named file wrote it last.
            let both = try await browser.get("/jobs?key=1001")
            #expect(Set(PageTests.jobRows(both.text)) == [fixture.riversideJob, fixture.hostileJob])
            #expect(PageTests.jobRows(try await browser.get("/jobs?key=1002").text) == [fixture.hostileJob])
            #expect(PageTests.jobRows(try await browser.get("/jobs?key=12A45").text) == [reported])
            #expect(PageTests.jobRows(try await browser.get("/jobs?key=999999").text).isEmpty)
            let paged = try await browser.get("/jobs?key=1001&per=1")
            #expect(paged.text.contains("page 1 of 2 (2 in all)"))
            #expect(paged.text.contains("key=1001"), "paging keeps the key")
        }
        try await fixture.test { browser in
            try await browser.login("dana")
            let own = try await browser.get("/jobs?key=1001")
            #expect(PageTests.jobRows(own.text) == [fixture.riversideJob], "another district's job stays hidden")
        }
    }
}

/// Alerts on the console: a district user sees its own district's file and source alerts, never a delivery's or a
/// payer's, even one whose id is the district's.
@Suite struct AlertPageTests {
    @Test func aDistrictUserSeesOnlyItsDistrictsFileAlerts() async throws {
        let fixture = try ConsoleFixture()
        let ledger = try Ledger(path: fixture.gateway.config.paths.database)
        try ledger.alerts.reconcile(
            [
                AlertCandidate(
                    condition: "job-rejected", source: "riverside-usd", subject: "41", detail: "job 41 rejected"),
                AlertCandidate(
                    condition: "job-rejected", source: "lincoln-usd", subject: "42", detail: "job 42 rejected"),
                AlertCandidate(
                    condition: "delivery-needs-operator", source: "riverside-usd", subject: "riverside-usd",
                    detail: "delivery riverside-usd needs-operator"),
                AlertCandidate(
                    condition: "payment-overdue", source: "riverside-usd", subject: "7", detail: "batch 7 unpaid"),
            ], channels: { _ in [] })
        try await fixture.test { browser in
            try await browser.login("dana")
            let page = try await browser.get("/alerts")
            #expect(page.text.contains("<a href=\"/jobs/41\">job 41</a>"))
            for hidden in ["job 42", "delivery riverside-usd", "batch 7"] {
                #expect(!page.text.contains(hidden), "\(hidden) is not the district's business")
            }
            #expect(try await browser.get("/").text.contains("alerts open <b>1</b>"))
        }
        try await fixture.test { browser in
            try await browser.login("bill")
            let page = try await browser.get("/alerts?state=open")
            for shown in ["job 41", "job 42", "delivery riverside-usd", "batch 7"] {
                #expect(page.text.contains(shown), "\(shown)")
            }
        }
    }
}

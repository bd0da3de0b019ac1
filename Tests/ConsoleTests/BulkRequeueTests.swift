import Console
import Foundation
import Gateway
import Hummingbird
import Store
import Testing

/// Requeueing several jobs at once from the jobs list, with a progress page, within the visitor's rights.
@Suite struct BulkRequeueTests {
    /// Two more rejected lincoln-usd jobs and one riverside-usd job beside the fixture's rejected one.
    static func rejectedJobs(_ fixture: ConsoleFixture) throws -> (lincoln: [Int64], riverside: Int64) {
        func reject(_ text: String, source: String) throws -> Int64 {
            let folder = fixture.root + "/drops/\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/broken.csv"))
            return try #require(
                try fixture.gateway.ingest(path: folder + "/broken.csv", source: source, kind: "aeries-students").id)
        }
        let lincoln = [
            fixture.rejectedJob, try reject("a,b\n1,2\n", source: "lincoln-usd"),
            try reject("c\n3\n", source: "lincoln-usd"),
        ]
        return (lincoln, try reject("d\n4\n", source: "riverside-usd"))
    }

    /// The jobs an operator requeued, by the audit trail.
    static func requeued(_ fixture: ConsoleFixture) throws -> [Int64] {
        try fixture.gateway.auditEntries(offset: 0, limit: 1000).filter { $0.action == "requeued" }
            .compactMap(\.jobId).sorted()
    }

    /// Reads the progress page until it says every job has run (at most 30 s).
    static func finished(_ browser: Browser, _ location: String) async throws -> String {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let page = try await browser.get(location)
            if page.text.contains("; finished.") {
                #expect(!page.text.contains("http-equiv=\"refresh\""), "a finished run stops reloading")
                return page.text
            }
            #expect(page.text.contains("http-equiv=\"refresh\" content=\"1\""), "a running one reloads itself")
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the bulk requeue did not finish")
        return ""
    }

    @Test func tickedJobsRunAgainWithProgressAndAreAudited() async throws {
        let fixture = try ConsoleFixture()
        let (lincoln, _) = try Self.rejectedJobs(fixture)
        try await fixture.test { browser in
            try await browser.login("bill")
            let list = try await browser.get("/jobs?state=rejected")
            #expect(list.text.contains("Requeue all 4 rejected jobs listed"))
            for id in lincoln { #expect(list.text.contains("name=\"job-\(id)\"")) }
            let answer = try await browser.post(
                "/jobs/requeue", [("csrf", list.csrf ?? ""), ("job-\(lincoln[1])", "on"), ("job-\(lincoln[2])", "on")])
            #expect(answer.status == .seeOther)
            let location = try #require(answer.headers[.location])
            #expect(location.hasPrefix("/requeues/"))
            let progress = try await Self.finished(browser, location)
            #expect(progress.contains("data-done=\"2\" data-total=\"2\""))
            for id in lincoln.dropFirst() {
                #expect(progress.contains("<a href=\"/jobs/\(id)\">\(id)</a></td><td>rejected</td>"))
            }
            #expect(try Self.requeued(fixture) == Array(lincoln.dropFirst()), "the ticked jobs only")
            let audit = try fixture.gateway.auditEntries(offset: 0, limit: 100)
            #expect(audit.filter { $0.action == "requeued" }.allSatisfy { $0.actor == "bill" })
        }
    }

    @Test func requeueAllTakesEveryJobTheFilterMatchesWithinTheDistrict() async throws {
        let fixture = try ConsoleFixture()
        let (lincoln, riverside) = try Self.rejectedJobs(fixture)
        try await fixture.test { browser in
            try await browser.login("alice")
            let list = try await browser.get("/jobs?state=rejected&source=lincoln-usd")
            let answer = try await browser.post(
                "/jobs/requeue",
                [("csrf", list.csrf ?? ""), ("all", "1"), ("state", "rejected"), ("source", "lincoln-usd")])
            let progress = try await Self.finished(browser, try #require(answer.headers[.location]))
            #expect(progress.contains("data-done=\"3\" data-total=\"3\""))
            #expect(try Self.requeued(fixture) == lincoln.sorted(), "lincoln-usd's, not riverside-usd's \(riverside)")
            let unfiltered = try await browser.post("/jobs/requeue", [("csrf", list.csrf ?? ""), ("all", "1")])
            #expect(unfiltered.status == .forbidden, "all=1 needs a rejected or dead filter")
        }
    }

    @Test func aDistrictUserMayNotRequeueAndAForgedFormIsRefused() async throws {
        let fixture = try ConsoleFixture()
        let (lincoln, riverside) = try Self.rejectedJobs(fixture)
        try await fixture.test { browser in
            try await browser.login("bill")
            let forged = try await browser.post("/jobs/requeue", [("csrf", "forged"), ("job-\(lincoln[1])", "on")])
            #expect(forged.status == .forbidden)
        }
        try await fixture.test { browser in
            try await browser.login("dana")
            let list = try await browser.get("/jobs?state=rejected")
            #expect(!list.text.contains("type=\"checkbox\""), "a district user gets no tick boxes")
            let answer = try await browser.post(
                "/jobs/requeue", [("csrf", list.csrf ?? ""), ("job-\(riverside)", "on")])
            #expect(answer.status == .forbidden)
        }
        #expect(try Self.requeued(fixture).isEmpty, "nothing was requeued")
    }
}

import Console
import Foundation
import Gateway
import Hummingbird
import Store
import Testing

@Suite struct MetricsTests {
    @Test func metricsCountJobsAndRowsFromTheDatabaseWithoutLogin() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.test { browser in
            let page = try await browser.get("/metrics")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let lines = Set(page.text.split(separator: "\n").map(String.init))
            let lincoln = "source=\"lincoln-usd\",kind=\"aeries-students\""
            #expect(lines.contains("dropgate_jobs{\(lincoln),state=\"done\"} 2.0"))
            #expect(lines.contains("dropgate_jobs{\(lincoln),state=\"rejected\"} 1.0"))
            #expect(lines.contains("dropgate_rows{\(lincoln),state=\"done\",outcome=\"inserted\"} 2.0"))
            #expect(lines.contains("dropgate_rows{\(lincoln),state=\"done\",outcome=\"unchanged\"} 1.0"))
            #expect(lines.contains("dropgate_source_state{source=\"riverside-usd\",state=\"ok\"} 1.0"))
            #expect(lines.contains("dropgate_claim_batches{state=\"built\"} 0.0"))
            #expect(!page.text.contains("Garcia") && !page.text.contains("1001"))
        }
    }

    @Test func jobDurationsAreAHistogramAndAlertsAndWaitsAreGauges() async throws {
        let fixture = try ConsoleFixture()
        fixture.gateway.runPass()  // opens the rejected job's alert
        let finished = try fixture.gateway.jobs(limit: 100).filter {
            $0.kind == "aeries-students" && ($0.state == .done || $0.state == .rejected) && $0.durationMs != nil
        }
        try #require(!finished.isEmpty)
        try await fixture.test { browser in
            let text = try await browser.get("/metrics").text
            let lines = text.split(separator: "\n").map(String.init)
            let name = "dropgate_job_duration_seconds"
            #expect(lines.contains("# TYPE \(name) histogram"))
            let buckets = lines.filter { $0.hasPrefix("\(name)_bucket{kind=\"aeries-students\"") }
            #expect(buckets.count == 12)
            let counts = buckets.compactMap { Int($0.split(separator: " ").last ?? "") }
            #expect(counts == counts.sorted(), "buckets are cumulative")
            #expect(buckets.last == "\(name)_bucket{kind=\"aeries-students\",le=\"+Inf\"} \(finished.count)")
            #expect(lines.contains("\(name)_count{kind=\"aeries-students\"} \(finished.count)"))
            let sum = Double(finished.compactMap(\.durationMs).reduce(0, +)) / 1000
            #expect(lines.contains("\(name)_sum{kind=\"aeries-students\"} \(sum)"))
            #expect(lines.contains("dropgate_alerts_open{condition=\"job-rejected\"} 1.0"))
            #expect(lines.contains("dropgate_alerts_open{condition=\"job-dead\"} 0.0"))
            #expect(lines.contains("dropgate_oldest_unacknowledged_batch_age_seconds 0.0"), "no batch waits")
        }
    }
}

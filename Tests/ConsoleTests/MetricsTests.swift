import Console
import Foundation
import Gateway
import Hummingbird
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
}

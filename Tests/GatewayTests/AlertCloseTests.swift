import Foundation
import TestThreads
import Testing

@testable import Gateway
@testable import Store

/// `dropgate alerts close`: an operator closes an alert; it stays closed while its condition holds.
@Suite(.blocking) struct AlertCloseTests {
    @Test func aClosedAlertStaysClosedWhileItsConditionHoldsAndOpensAgainAfterItClears() throws {
        let workspace = try Workspace()
        AlertTests.routed(workspace, routes: [AlertsConfig.Route(conditions: [], sources: [], channel: "ops")])
        let gateway = try workspace.gateway()
        let job = try gateway.ingest(path: workspace.write("a.csv", "Colour\nred\n"), source: "lincoln-usd")
        let jobID = try #require(job.id)
        let channels = AlertTests.FakeChannels()
        let alerter = AlertTests.alerter(gateway, channels)
        alerter.run()
        let alert = try #require(try gateway.ledger.alerts.alerts(openOnly: true).first)
        let id = try #require(alert.id)

        let closed = try gateway.closeAlert(id: id, reason: "known bad export", actor: "ops-user")
        #expect(closed.state == .closed)
        #expect(closed.closedBy == "ops-user")
        #expect(closed.closeReason == "known bad export")
        let table = AlertListing.table(try gateway.alerts(), empty: "none")
        #expect(table.contains("Z by ops-user "), "\(table)")
        for _ in 0..<3 { alerter.run() }
        let key = "job-rejected:\(jobID)"
        #expect(
            channels.events == ["ops opened \(key)", "ops closed \(key)"], "no new alert while the job is rejected")
        #expect(try gateway.ledger.alerts.alerts().count == 1)
        let audit = try #require(try gateway.ledger.audit.entries(offset: 0, limit: 10).first)
        #expect(audit.action == "alert-closed-by-hand")
        #expect(audit.actor == "ops-user")
        #expect(audit.target == "alert \(id)")
        #expect(audit.detail == "\(key): known bad export")

        // The condition clears (requeued), then comes back (rejected again): a new alert opens.
        _ = try gateway.ledger.jobs.requeue(jobID: jobID)
        alerter.run()
        #expect(try gateway.ledger.alerts.alerts().first?.held == false, "the hold is released once it cleared")
        gateway.runPass()  // runs the job again (rejected), then the gateway's own alerter
        #expect(try gateway.jobs().first?.state == .rejected)
        let alerts = try gateway.ledger.alerts.alerts()
        #expect(alerts.map(\.key) == [key, key])
        #expect(alerts.map(\.state) == [.open, .closed], "a new alert, newest first")
    }

    @Test func onlyAnOpenAlertCanBeClosed() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        _ = try gateway.ingest(path: workspace.write("a.csv", "Colour\nred\n"), source: "lincoln-usd")
        AlertTests.alerter(gateway, AlertTests.FakeChannels()).run()
        let id = try #require(try gateway.ledger.alerts.alerts().first?.id)
        try gateway.closeAlert(id: id, reason: nil, actor: "ops-user")
        #expect(throws: StoreError.self) { try gateway.closeAlert(id: id, reason: nil, actor: "ops-user") }
        #expect(throws: StoreError.self) { try gateway.closeAlert(id: id + 100, reason: nil, actor: "ops-user") }
    }
}

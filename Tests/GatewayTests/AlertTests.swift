import Foundation
import GRDB
import Logging
import Mapping
import PostgresSupport
import Synchronization
import TestThreads
import Testing
import Values

@testable import Gateway
@testable import Store

/// Alerts open once and close once, go where the routes say, and survive a channel that is down.
@Suite(.blocking) struct AlertTests {
    /// A channel that records what it is sent, or fails while `down` is set.
    final class FakeChannels: Sendable {
        let sent = Mutex<[(channel: String, event: AlertNotification.Event, key: String)]>([])
        let down = Mutex(false)

        func send(_ channel: AlertsConfig.Channel, _ message: AlertMessage) throws {
            if down.withLock({ $0 }) { throw GatewayError(.invalidInput, "fake channel down") }
            sent.withLock { $0.append((channel.name, message.event, message.alert.key)) }
        }

        var events: [String] {
            sent.withLock { $0.map { "\($0.channel) \($0.event.rawValue) \($0.key)" } }
        }
    }

    static func alerter(_ gateway: Gateway, _ channels: FakeChannels) -> Alerter {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return Alerter(
            config: gateway.config, ledger: gateway.ledger, logger: logger, send: channels.send, jitter: { 0 })
    }

    static func routed(_ workspace: Workspace, routes: [AlertsConfig.Route]) {
        let webhook = AlertsConfig.Webhook(url: "http://127.0.0.1:9/hook", secret: .environment("S"))
        workspace.config.alerts.channels = ["billing", "lincoln", "ops"].map {
            AlertsConfig.Channel(name: $0, kind: .webhook(webhook))
        }
        workspace.config.alerts.routes = routes
    }

    @Test func aRejectedJobOpensOneAlertOverManyPassesAndARequeueClosesIt() throws {
        let workspace = try Workspace()
        Self.routed(workspace, routes: [AlertsConfig.Route(conditions: [], sources: [], channel: "ops")])
        let gateway = try workspace.gateway()
        let job = try gateway.ingest(
            path: workspace.write("Garcia-Ana-notes.csv", "Colour,Size\nred,1\n"), source: "lincoln-usd")
        #expect(job.state == .rejected)
        let channels = FakeChannels()
        let alerter = Self.alerter(gateway, channels)
        for _ in 0..<3 { alerter.run() }
        let id = try #require(job.id)
        #expect(channels.events == ["ops opened job-rejected:\(id)"])
        let alerts = try gateway.ledger.alerts.alerts()
        #expect(alerts.count == 1)
        #expect(alerts.first?.state == .open)
        #expect(alerts.first?.lastNotifiedAt != nil)
        let detail = try #require(alerts.first?.detail)
        #expect(detail.contains("job \(id) rejected") && detail.contains(String(job.sha256.prefix(12))), "\(detail)")
        #expect(!detail.contains("Garcia") && !detail.contains(".csv"), "no file name: \(detail)")

        _ = try gateway.ledger.jobs.requeue(jobID: id)
        for _ in 0..<2 { alerter.run() }
        #expect(channels.events == ["ops opened job-rejected:\(id)", "ops closed job-rejected:\(id)"])
        #expect(try gateway.ledger.alerts.alerts(openOnly: true).isEmpty)
    }

    @Test(.disabled(if: TestStore.isPostgres, "backups are the SQLite store's"))
    func aFailedDailyBackupOpensOneAlertAndTheNextBackupTakenClosesIt() throws {
        let workspace = try Workspace()
        Self.routed(workspace, routes: [AlertsConfig.Route(conditions: ["backup-failed"], sources: [], channel: "ops")])
        // The backup folder's name is taken by a file: every backup fails until it is a folder.
        let folder = try workspace.write("Backups", "not a folder")
        workspace.config.backup = BackupConfig(folder: folder, keep: 3)
        let gateway = try workspace.gateway()
        for _ in 0..<2 { _ = gateway.runPass() }
        let open = try gateway.ledger.alerts.alerts(openOnly: true)
        #expect(open.map(\.key) == ["backup-failed:database"])
        #expect(open.first?.detail.contains("the daily database backup into \(folder) failed") == true)

        try FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        _ = gateway.runPass()
        #expect(try DatabaseBackup.list(in: folder).count == 1)
        #expect(try gateway.ledger.alerts.alerts(openOnly: true).isEmpty)
        #expect(try gateway.ledger.alerts.alerts().map(\.state) == [.closed])
    }

    @Test func aSourceCircuitOpensOnceClosesOnceAndOpensAgainAsANewAlert() throws {
        let workspace = try Workspace()
        Self.routed(workspace, routes: [AlertsConfig.Route(conditions: [], sources: [], channel: "ops")])
        let gateway = try workspace.gateway()
        let channels = FakeChannels()
        let alerter = Self.alerter(gateway, channels)
        var health = SourceHealth(source: "riverside-usd")
        health.state = .open
        health.consecutiveFailures = 5
        try gateway.ledger.sources.save(health)
        alerter.run()
        alerter.run()
        health.state = .ok
        try gateway.ledger.sources.save(health)
        alerter.run()
        alerter.run()
        health.state = .needsOperator
        try gateway.ledger.sources.save(health)
        alerter.run()
        #expect(
            channels.events == [
                "ops opened source-circuit-open:riverside-usd", "ops closed source-circuit-open:riverside-usd",
                "ops opened source-needs-operator:riverside-usd",
            ])
        let alerts = try gateway.ledger.alerts.alerts()
        #expect(alerts.map(\.state) == [.open, .closed])
        #expect(alerts.last?.detail == "source riverside-usd open after 5 failures; see `dropgate sources`")
    }

    @Test func routesPickChannelsByConditionAndSource() throws {
        let workspace = try Workspace()
        Self.routed(
            workspace,
            routes: [
                AlertsConfig.Route(
                    conditions: ["job-rejected", "job-dead"], sources: ["lincoln-usd"], channel: "lincoln"),
                AlertsConfig.Route(conditions: ["acknowledgment-overdue"], sources: [], channel: "billing"),
                AlertsConfig.Route(conditions: [], sources: [], channel: "ops"),
                AlertsConfig.Route(conditions: ["job-rejected"], sources: [], channel: "ops"),
            ])
        let alerts = workspace.config.alerts
        #expect(alerts.channels(condition: "job-rejected", source: "lincoln-usd") == ["lincoln", "ops"])
        #expect(alerts.channels(condition: "job-rejected", source: "riverside-usd") == ["ops"])
        #expect(alerts.channels(condition: "acknowledgment-overdue", source: "lea-bop") == ["billing", "ops"])
        let gateway = try workspace.gateway()
        let channels = FakeChannels()
        let other = try gateway.ingest(path: workspace.write("a.csv", "Colour\nred\n"), source: "riverside-usd")
        let job = try gateway.ingest(path: workspace.write("b.csv", "Size\n1\n"), source: "lincoln-usd")
        Self.alerter(gateway, channels).run()
        let (id, otherID) = (try #require(job.id), try #require(other.id))
        #expect(
            channels.events.sorted() == [
                "lincoln opened job-rejected:\(id)", "ops opened job-rejected:\(otherID)",
                "ops opened job-rejected:\(id)",
            ])
    }

    @Test func aChannelDownLeavesTheAlertAsItIsAndTheNotificationIsSentOnceLater() throws {
        let workspace = try Workspace()
        Self.routed(workspace, routes: [AlertsConfig.Route(conditions: [], sources: [], channel: "ops")])
        let gateway = try workspace.gateway()
        let channels = FakeChannels()
        channels.down.withLock { $0 = true }
        let job = try gateway.ingest(path: workspace.write("a.csv", "Colour\nred\n"), source: "lincoln-usd")
        let alerter = Self.alerter(gateway, channels)
        alerter.run()
        alerter.run()
        let alert = try #require(try gateway.ledger.alerts.alerts().first)
        #expect(alert.state == .open)
        #expect(alert.lastNotifiedAt == nil)
        let pending = try gateway.ledger.alerts.notifications(alert: try #require(alert.id))
        #expect(pending.count == 1)
        #expect(pending.first?.attempts == 2)
        #expect(pending.first?.lastError == "fake channel down")
        #expect(pending.first?.sentAt == nil)

        channels.down.withLock { $0 = false }
        alerter.run()
        alerter.run()
        #expect(channels.events == ["ops opened job-rejected:\(try #require(job.id))"])
        let sent = try gateway.ledger.alerts.notifications(alert: try #require(alert.id))
        #expect(sent.count == 1)
        #expect(sent.first?.sentAt != nil)
        #expect(try gateway.ledger.alerts.alerts().first?.state == .open)
    }

    @Test func aFailedNotificationWaitsForItsBackoff() throws {
        let workspace = try Workspace()
        Self.routed(workspace, routes: [AlertsConfig.Route(conditions: [], sources: [], channel: "ops")])
        workspace.config.retry = RetryPolicy(base: 60, factor: 2, cap: 600)
        let gateway = try workspace.gateway()
        let channels = FakeChannels()
        channels.down.withLock { $0 = true }
        _ = try gateway.ingest(path: workspace.write("a.csv", "Colour\nred\n"), source: "lincoln-usd")
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let alerter = Alerter(
            config: gateway.config, ledger: gateway.ledger, logger: logger, send: channels.send, jitter: { 0.5 })
        let now = Date()
        alerter.run(now: now)
        channels.down.withLock { $0 = false }
        alerter.run(now: now.addingTimeInterval(29))
        #expect(channels.events.isEmpty, "not due before base × jitter = 30 s")
        alerter.run(now: now.addingTimeInterval(31))
        #expect(channels.events.count == 1)
    }

    @Test func anOpenAlertIsRemindedOncePerInterval() throws {
        let workspace = try Workspace()
        Self.routed(workspace, routes: [AlertsConfig.Route(conditions: [], sources: [], channel: "ops")])
        workspace.config.alerts.remindEvery = 3600
        let gateway = try workspace.gateway()
        let channels = FakeChannels()
        _ = try gateway.ingest(path: workspace.write("a.csv", "Colour\nred\n"), source: "lincoln-usd")
        let alerter = Self.alerter(gateway, channels)
        let now = Date()
        for minutes in [0, 30, 59, 61, 90, 119, 122] {
            alerter.run(now: now.addingTimeInterval(Double(minutes) * 60))
        }
        #expect(channels.events.map { $0.split(separator: " ")[1] } == ["opened", "reminder", "reminder"])
    }

    @Test func theWebhookSignatureIsHMACSHA256OfTheBody() {
        // RFC 4231-style known answer (the widely published "quick brown fox" HMAC-SHA256 vector).
        #expect(
            AlertSender.signature(Array("The quick brown fox jumps over the lazy dog".utf8), secret: "key")
                == "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")
    }

    @Test func aMissingSecretIsAClearErrorNamingTheVariable() throws {
        let sender = AlertSender(environment: [:], timeout: 1)
        let channel = AlertsConfig.Channel(
            name: "ops",
            kind: .webhook(AlertsConfig.Webhook(url: "http://127.0.0.1:9/x", secret: .environment("DROPGATE_HOOK"))))
        let alert = AlertRecord(
            key: "k", condition: "job-dead", source: "s", subject: "1", state: .open, openedAt: Date(), detail: "d")
        let error = try #require(throws: GatewayError.self) {
            try sender.send(channel, AlertMessage(event: .opened, alert: alert, delivery: 1))
        }
        #expect(error.message == "alert channel ops: environment variable DROPGATE_HOOK is not set")
    }

    @Test func acceptedClaimsUnpaidPastPaymentDaysOpenOneAlertPerBatchUntilPaid() throws {
        let workspace = try Workspace()
        Self.routed(workspace, routes: [AlertsConfig.Route(conditions: [], sources: [], channel: "billing")])
        let gateway = try workspace.gateway()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        func stamp(_ daysAgo: Double) -> String { Ledger.timestamp(now.addingTimeInterval(-daysAgo * 86_400)) }
        try gateway.ledger.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO claim_batches (id, payer, format, interchange_control, file, state, claims, lines,
                        total_cents, created_at) VALUES (7, 'lea-bop', '837P', 7, 'b7.x12', 'accepted', 3, 3, 300, ?)
                    """, arguments: [stamp(45)])
            for (id, status, daysAgo, paid) in [
                (1, "accepted", 40.0, nil), (2, "accepted-by-payer", 31, nil), (3, "accepted", 10, nil),
                (4, "accepted", 50, 100 as Int64?),
            ] {
                try db.execute(
                    sql: """
                        INSERT INTO claims (id, batch_id, payer, pcn, set_control, frequency, district, student_id,
                            member_id, last_name, first_name, sex, rendering_npi, rendering_name, place_of_service,
                            diagnoses, period_start, period_end, total_cents, status, paid_cents, status_at)
                        VALUES (?, 7, 'lea-bop', ?, '0001', '1', 'lincoln-usd', ?, 'M1', 'Garcia', 'Ana', 'F',
                            '1234567893', 'Lee', '03', 'F80.0', '2026-01-05', '2026-01-05', 100, ?, ?, ?)
                        """,
                    arguments: [id, "DG00000000\(id)", "4010\(id)", status, paid, stamp(daysAgo)])
            }
        }
        let channels = FakeChannels()
        let alerter = Self.alerter(gateway, channels)
        for _ in 0..<3 { alerter.run(now: now) }
        #expect(channels.events == ["billing opened payment-overdue:7"])
        let alert = try #require(try gateway.ledger.alerts.alerts(openOnly: true).first)
        #expect(alert.source == "lea-bop")
        #expect(alert.detail.hasPrefix("batch 7 to lea-bop: 2 accepted claims without payment, the oldest for 40 days"))
        #expect(!alert.detail.contains("Garcia") && !alert.detail.contains("4010"), "no personal data")

        try gateway.ledger.database.write { db in
            try db.execute(sql: "UPDATE claims SET status = 'paid', paid_cents = 100 WHERE id IN (1, 2)")
        }
        alerter.run(now: now)
        #expect(channels.events == ["billing opened payment-overdue:7", "billing closed payment-overdue:7"])
    }
}

import Foundation
import Logging
import Mapping
import Store
import TestThreads
import Testing

@testable import Gateway

/// SFTP sources through the gateway against a real OpenSSH server on 127.0.0.1.
@Suite(.serialized, .blocking) struct SFTPSourceTests {
    static let roster = "Student ID,School,Last Name,First Name,Birthdate,Grade\n1001,1,Garcia,Ana,04/12/2012,5\n"

    final class Setup {
        let server: SSHServer
        let root: String
        var remote: RemoteSourceConfig
        var stableAfter: Double = 0

        init(marker: String? = nil, afterFetch: RemoteSourceConfig.AfterFetch = .move(to: "processed")) throws {
            server = try SSHServer()
            root = FileManager.default.temporaryDirectory.appendingPathComponent("sftp-gw-\(UUID().uuidString)").path
            remote = RemoteSourceConfig(
                host: "127.0.0.1", port: server.port, user: NSUserName(), directory: server.data, marker: marker,
                afterFetch: afterFetch, hostKey: .fingerprint(server.hostFingerprint),
                credentials: .privateKey(path: server.userKey, passphraseEnvironment: nil), circuitAfter: 3)
            remote.pollInterval = 0
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        func gateway(deliveries: [DeliveryConfig] = []) throws -> Gateway {
            var config = GatewayConfig(
                root: root,
                sources: [
                    SourceConfig(id: "lincoln-usd", path: root + "/unused", stableAfter: stableAfter, remote: remote)
                ])
            config.deliveries = deliveries
            config.paths.mappings =
                URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().path + "/Mappings"
            config.retry = RetryPolicy(base: 0.05, factor: 2, cap: 0.2, maxAttempts: 3)
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            return try Gateway(config: config, logger: logger)
        }

        func put(_ name: String, _ text: String) throws {
            try text.write(toFile: server.data + "/" + name, atomically: false, encoding: .utf8)
        }
    }

    @Test func fetchesLoadsAndMovesTheRemoteFileOnlyAfterTheJobExists() throws {
        let setup = try Setup()
        try setup.put("students.csv", Self.roster)
        let gateway = try setup.gateway()
        let finished = gateway.runPass(waitForSettling: true)
        #expect(finished.map(\.state) == [.done])
        #expect(finished.first?.inserted == 1)
        #expect(finished.first?.origin.hasPrefix("sftp://127.0.0.1:") == true)
        let remaining = try FileManager.default.contentsOfDirectory(atPath: setup.server.data)
        #expect(remaining == ["processed"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: setup.server.data + "/processed") == ["students.csv"])
        #expect(try gateway.ledger.sources.health(of: "lincoln-usd").state == .ok)
        // The same bytes dropped again are a duplicate: nothing reloads.
        try setup.put("students-again.csv", Self.roster)
        #expect(gateway.runPass(waitForSettling: true).map(\.state) == [])
        #expect(try gateway.ledger.jobs.jobs().map(\.state) == [.duplicate, .done])
    }

    @Test func aGrowingFileIsNotFetchedUntilItHoldsStill() throws {
        let setup = try Setup()
        setup.stableAfter = 1.2
        let gateway = try setup.gateway()
        try setup.put("students.csv", Self.roster)
        #expect(
            try gateway.remoteIntake.collect(gateway.config.sources[0], remote: setup.remote, force: true).settling == 1
        )
        try setup.put("students.csv", Self.roster + "1002,1,Nguyen,Mai,05/13/2013,4\n")
        Thread.sleep(forTimeInterval: 0.6)
        #expect(
            try gateway.remoteIntake.collect(gateway.config.sources[0], remote: setup.remote, force: true).settling == 1
        )
        #expect(try gateway.ledger.jobs.jobs().isEmpty, "still settling: nothing fetched")
        Thread.sleep(forTimeInterval: 1.4)
        #expect(
            try gateway.remoteIntake.collect(gateway.config.sources[0], remote: setup.remote, force: true).settling == 0
        )
        let jobs = try gateway.ledger.jobs.jobs()
        #expect(jobs.count == 1)
        #expect(jobs.first?.size == Int64((Self.roster + "1002,1,Nguyen,Mai,05/13/2013,4\n").utf8.count))
    }

    @Test func aMarkerFileDeclaresTheUploadComplete() throws {
        let setup = try Setup(marker: "done", afterFetch: .delete)
        setup.stableAfter = 3600
        let gateway = try setup.gateway()
        try setup.put("students.csv", Self.roster)
        #expect(gateway.runPass().isEmpty, "no marker yet")
        try setup.put("students.csv.done", "")
        #expect(gateway.runPass().map(\.state) == [.done])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: setup.server.data).isEmpty, "file and marker removed")
    }

    @Test func aChangedHostKeyIsRefusedAndWaitsForAnOperator() throws {
        let setup = try Setup()
        setup.remote.hostKey = .fingerprint("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        try setup.put("students.csv", Self.roster)
        let gateway = try setup.gateway()
        #expect(gateway.runPass(waitForSettling: true).isEmpty)
        let health = try gateway.ledger.sources.health(of: "lincoln-usd")
        #expect(health.state == .needsOperator)
        #expect(health.lastError?.contains("hostKeyMismatch") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: setup.server.data) == ["students.csv"])
    }

    @Test func aStoppedServerBacksOffThenOpensTheCircuitAndRecovers() throws {
        let setup = try Setup()
        try setup.put("students.csv", Self.roster)
        setup.server.stop()
        let gateway = try setup.gateway()
        for _ in 0..<3 {
            _ = gateway.runPass()
            Thread.sleep(forTimeInterval: 0.25)
        }
        let open = try gateway.ledger.sources.health(of: "lincoln-usd")
        #expect(open.state == .open)
        #expect(open.consecutiveFailures == 3)
        try setup.server.start()
        Thread.sleep(forTimeInterval: 0.25)
        #expect(gateway.runPass(waitForSettling: true).map(\.state) == [.done])
        #expect(try gateway.ledger.sources.health(of: "lincoln-usd").state == .ok)
    }

    @Test func hostileRemoteNamesAreRefusedAndNeverFetched() throws {
        let setup = try Setup()
        try setup.put("students\nx.csv", Self.roster)
        try setup.put(String(repeating: "s", count: 250) + ".csv", Self.roster)
        let gateway = try setup.gateway()
        let finished = gateway.runPass(waitForSettling: true)
        #expect(finished.map(\.originalName) == [String(repeating: "s", count: 250) + ".csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: setup.server.data).contains("students\nx.csv"))
    }
}

/// Delivery to a real SFTP server: temporary name then rename, recorded once, checked before re-sending.
@Suite(.serialized, .blocking) struct SFTPDeliveryTests {
    @Test func outboxFilesAreUploadedOnceAndACrashBetweenUploadAndRecordIsNotResent() throws {
        let setup = try SFTPSourceTests.Setup()
        let outbox = setup.root + "/Outbox/payer/837P"
        try FileManager.default.createDirectory(atPath: outbox, withIntermediateDirectories: true)
        try "ISA*00*...~".write(toFile: outbox + "/batch-1.x12", atomically: true, encoding: .utf8)
        try "ISA*00*...~\nSECOND".write(toFile: outbox + "/batch-2.x12", atomically: true, encoding: .utf8)
        // batch-2 reached the server before a crash kept it from being recorded.
        try "ISA*00*...~\nSECOND".write(toFile: setup.server.data + "/batch-2.x12", atomically: true, encoding: .utf8)
        let gateway = try setup.gateway(
            deliveries: [
                DeliveryConfig(
                    id: "payer-837", folder: outbox, files: [try Glob("*.x12")], destination: .sftp(setup.remote))
            ])
        let records = gateway.deliverer.run()
        #expect(records.map(\.file) == ["batch-1.x12", "batch-2.x12"])
        #expect(records.map(\.foundOnDestination) == [false, true])
        #expect(try String(contentsOfFile: setup.server.data + "/batch-1.x12", encoding: .utf8) == "ISA*00*...~")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: setup.server.data).sorted() == [
                "batch-1.x12", "batch-2.x12",
            ])
        #expect(gateway.deliverer.run().isEmpty)
        #expect(try gateway.ledger.sources.health(of: "delivery:payer-837").state == .ok)
    }

    @Test func aRefusedLoginStopsDeliveryAndWaitsForAnOperator() throws {
        let setup = try SFTPSourceTests.Setup()
        setup.remote.credentials = .privateKey(path: setup.server.strangerKey, passphraseEnvironment: nil)
        let outbox = setup.root + "/Outbox/payer"
        try FileManager.default.createDirectory(atPath: outbox, withIntermediateDirectories: true)
        try "x".write(toFile: outbox + "/batch.x12", atomically: true, encoding: .utf8)
        let gateway = try setup.gateway(
            deliveries: [DeliveryConfig(id: "payer", folder: outbox, files: [], destination: .sftp(setup.remote))])
        #expect(gateway.deliverer.run().isEmpty)
        let health = try gateway.ledger.sources.health(of: "delivery:payer")
        #expect(health.state == .needsOperator)
        #expect(try gateway.ledger.deliveries.deliveries("payer").isEmpty)
    }
}

import Foundation
import LoopbackSupport
import TestThreads
import Testing

/// `expect:` schedules and `alerts close` through the real binary; the webhook receiver of
/// ``AlertsEndToEndTests`` checks every signature.
@Suite(.blocking) struct ScheduleAlertsEndToEndTests {
    /// A configuration with one source expecting `aeries-students` by `by` (UTC) every day, alerts to a webhook.
    static func configuration(by: String, port: Int) -> String {
        """
        paths: { mappings: Mappings }
        poll_interval: 200ms
        retry: { base: 100ms }
        http: { listen: "127.0.0.1:0" }
        sources:
          - id: lincoln-usd
            stable_after: 0s
            expect:
              - { kinds: [aeries-students], by: "\(by)", days: [sun, mon, tue, wed, thu, fri, sat], timezone: UTC }
        alerts:
          channels:
            - name: ops
              webhook: { url: "http://127.0.0.1:\(port)/hooks", secret_env: DROPGATE_TEST_HOOK_SECRET }
          routes:
            - { conditions: [file-missing], channel: ops }
        """
    }

    @Test func aMissedDeadlineIsSentOnceAndTheLateFileClosesIt() throws {
        let scratch = try Scratch()
        let port = try FreePort.pick()
        // The deadline: the next whole minute in UTC at least 3 s away.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let now = Date()
        var deadline =
            calendar.nextDate(
                after: now, matching: DateComponents(second: 0), matchingPolicy: .nextTime) ?? now
        if deadline.timeIntervalSince(now) < 3 { deadline.addTimeInterval(60) }
        let fields = calendar.dateComponents([.hour, .minute, .year, .month, .day], from: deadline)
        let by = String(format: "%02d:%02d", fields.hour ?? 0, fields.minute ?? 0)
        let day = String(format: "%04d-%02d-%02d", fields.year ?? 0, fields.month ?? 0, fields.day ?? 0)
        try scratch.write("dropgate.yaml", Self.configuration(by: by, port: port))
        let inbox = scratch.path("received")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let receiver = try LoopbackServer.start(
            script: AlertsEndToEndTests.webhookReceiver, arguments: [String(port), inbox], in: scratch,
            environment: ["HOOK_SECRET": AlertsEndToEndTests.secret])
        defer { receiver.stop() }
        let daemon = try Binary.start(
            ["run"], in: scratch.root, environment: ["DROPGATE_TEST_HOOK_SECRET": AlertsEndToEndTests.secret],
            quiet: true)
        defer {
            if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) }
        }

        let opened = try Self.wait(for: "received/000.json", in: scratch, until: deadline.addingTimeInterval(30))
        let sentAt = try #require(
            try FileManager.default.attributesOfItem(atPath: opened)[.modificationDate] as? Date)
        let latency = sentAt.timeIntervalSince(deadline)
        print("file-missing alert latency (deadline to webhook received): \(Int((latency * 1000).rounded())) ms")
        #expect(latency >= 0, "nothing is sent before the deadline")
        // A bound for a machine busy with the rest of the suite; the figure itself is printed above.
        #expect(latency < 30, "sent within some passes of 200 ms: \(latency) s")
        let key = "file-missing:lincoln-usd/aeries-students/\(day)"
        #expect(try Self.event(scratch, "received/000.json") == ["opened", key, "file-missing", "lincoln-usd"])
        Thread.sleep(forTimeInterval: 2)
        #expect(scratch.files(under: "received") == ["000.json"], "one alert over many passes")

        try scratch.write("Inbox/lincoln-usd/students.csv", Self.roster)
        _ = try Self.wait(for: "received/001.json", in: scratch, until: Date().addingTimeInterval(30))
        #expect(try Self.event(scratch, "received/001.json") == ["closed", key, "file-missing", "lincoln-usd"])
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0)
        #expect(scratch.files(under: "received") == ["000.json", "001.json"], "every signature valid, nothing more")
    }

    @Test func anOperatorClosesAnAlertAndItStaysClosedWhileTheJobIsRejected() throws {
        let scratch = try Scratch()
        try AlertsEndToEndTests.dropRejected(scratch)
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 1)
        let id = try #require(try AlertsEndToEndTests.alerts(scratch).first?["id"] as? Int)
        let close = try Binary.run(
            ["alerts", "close", String(id), "--reason", "export fixed upstream"], in: scratch.root)
        #expect(close.status == 0, "\(close.stderr)")
        let user = NSUserName()
        #expect(close.stdout.hasPrefix("closed alert \(id) (job-rejected:"), "\(close.stdout)")
        #expect(close.stdout.hasSuffix(" as \(user)\n"), "\(close.stdout)")
        #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        let alerts = try AlertsEndToEndTests.alerts(scratch)
        #expect(alerts.count == 1, "no new alert for the job still rejected")
        #expect(alerts.first?["state"] as? String == "closed")
        #expect(alerts.first?["closed_by"] as? String == user)
        #expect(alerts.first?["close_reason"] as? String == "export fixed upstream")
        let again = try Binary.run(["alerts", "close", String(id)], in: scratch.root)
        #expect(again.status != 0)
        #expect(again.stderr.contains("alert \(id) is already closed"), "\(again.stderr)")
    }

    @Test func anUnknownExpectedKindIsNamedWithFileAndLine() throws {
        let scratch = try Scratch()
        try scratch.write(
            "dropgate.yaml",
            Self.configuration(by: "07:30", port: 9).replacingOccurrences(
                of: "kinds: [aeries-students]", with: "kinds: [aeries-studnets]"))
        let run = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(run.status == 2)
        #expect(
            run.stderr.contains("dropgate.yaml:9: source lincoln-usd expects unknown kind 'aeries-studnets'"),
            "\(run.stderr)")
    }

    static let roster = "Student ID,School,Last Name,First Name,Birthdate,Grade\n1,1,A,B,01/02/2012,5\n"

    /// Waits for a file to appear; fails after `until`.
    static func wait(for relative: String, in scratch: Scratch, until: Date) throws -> String {
        let path = scratch.path(relative)
        while !FileManager.default.fileExists(atPath: path) {
            guard Date() < until else { throw LoopbackServer.Failure("\(relative) never arrived") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Thread.sleep(forTimeInterval: 0.1)  // the receiver writes the file in one go; let it finish
        return path
    }

    /// The event, key, condition and source of a received webhook body.
    static func event(_ scratch: Scratch, _ relative: String) throws -> [String] {
        let body = try #require(try scratch.json(relative)["body"] as? String)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let alert = try #require(document["alert"] as? [String: Any])
        return [document["event"], alert["key"], alert["condition"], alert["source"]].map { $0 as? String ?? "-" }
    }
}

import Foundation
import GRDB
import Logging
import Mapping
import TestThreads
import Testing
import Values

@testable import Gateway
@testable import Store

/// `expect:` schedules: a kind not received by its deadline opens one `file-missing` alert, which the file closes.
@Suite(.blocking) struct ExpectedFileTests {
    static let losAngeles = TimeZone(identifier: "America/Los_Angeles") ?? .gmt
    static let weekdays: Set<Int> = [2, 3, 4, 5, 6]

    /// `2026-11-30T15:31:00Z` as a date.
    static func at(_ text: String) throws -> Date {
        try #require(try? Date(text, strategy: .iso8601))
    }

    static func gateway(_ workspace: Workspace, weekdays: Set<Int> = weekdays, by: (Int, Int) = (7, 30)) throws
        -> Gateway
    {
        AlertTests.routed(workspace, routes: [AlertsConfig.Route(conditions: [], sources: [], channel: "ops")])
        workspace.config.sources[0].expect = [
            ExpectedArrival(
                kinds: ["aeries-students"], hour: by.0, minute: by.1, weekdays: weekdays, timeZone: losAngeles)
        ]
        workspace.config.sources[0].holidays = [try #require(Day(iso: "2026-11-26"))]
        return try workspace.gateway()
    }

    @Test func aMissedDeadlineOpensOneAlertOverManyPassesAndTheLateFileClosesIt() throws {
        let workspace = try Workspace()
        let gateway = try Self.gateway(workspace)
        let channels = AlertTests.FakeChannels()
        let alerter = AlertTests.alerter(gateway, channels)
        // Monday 2026-11-30, 07:30 in Los Angeles (PST) is 15:30 UTC.
        alerter.run(now: try Self.at("2026-11-30T15:29:00Z"))
        #expect(channels.events.isEmpty, "before the deadline")
        for time in ["2026-11-30T15:30:00Z", "2026-11-30T15:45:00Z", "2026-11-30T23:59:00Z", "2026-12-01T10:00:00Z"] {
            alerter.run(now: try Self.at(time))
        }
        let key = "file-missing:lincoln-usd/aeries-students/2026-11-30"
        #expect(channels.events == ["ops opened \(key)"], "one alert, kept open into the next day")
        let alert = try #require(try gateway.ledger.alerts.alerts(openOnly: true).first)
        #expect(alert.key == key)
        #expect(alert.detail == "no aeries-students file from lincoln-usd by 07:30 America/Los_Angeles on 2026-11-30")

        let job = try gateway.ingest(path: workspace.write("roster.csv", Workspace.roster), source: "lincoln-usd")
        #expect(job.state == .done)
        try gateway.ledger.database.write { db in  // it arrived on the fake clock's Tuesday, a day late
            try db.execute(
                sql: "UPDATE jobs SET created_at = ? WHERE id = ?",
                arguments: [try Self.at("2026-12-01T10:02:00Z"), job.id])
        }
        alerter.run(now: try Self.at("2026-12-01T10:05:00Z"))
        alerter.run(now: try Self.at("2026-12-01T10:10:00Z"))
        #expect(channels.events == ["ops opened \(key)", "ops closed \(key)"])
        #expect(try gateway.ledger.alerts.alerts(openOnly: true).isEmpty)
    }

    @Test func holidaysAndUnscheduledDaysOpenNothing() throws {
        let workspace = try Workspace()
        let gateway = try Self.gateway(workspace)
        let channels = AlertTests.FakeChannels()
        let alerter = AlertTests.alerter(gateway, channels)
        // Thursday 2026-11-26 is a holiday; Saturday 28 and Sunday 29 are not scheduled.
        for time in ["2026-11-26T20:00:00Z", "2026-11-28T20:00:00Z", "2026-11-29T20:00:00Z"] {
            alerter.run(now: try Self.at(time))
        }
        #expect(channels.events.isEmpty)
        #expect(try gateway.ledger.alerts.alerts().isEmpty)
    }

    @Test(arguments: [
        ("2026-11-30T16:00:00Z", 0),  // Monday 08:00 in Los Angeles: late, but on the day
        ("2026-11-30T08:00:00Z", 0),  // Monday 00:00 in Los Angeles: the first moment of the day
        ("2026-11-30T07:59:00Z", 1),  // Sunday 23:59 in Los Angeles: the day before does not count
    ])
    func aFileCountsForTheLocalDayItArrivesOn(createdAt: String, alerts: Int) throws {
        let workspace = try Workspace()
        let gateway = try Self.gateway(workspace)
        let job = try gateway.ingest(path: workspace.write("roster.csv", Workspace.roster), source: "lincoln-usd")
        try gateway.ledger.database.write { db in
            try db.execute(
                sql: "UPDATE jobs SET created_at = ? WHERE id = ?", arguments: [try Self.at(createdAt), job.id])
        }
        let channels = AlertTests.FakeChannels()
        AlertTests.alerter(gateway, channels).run(now: try Self.at("2026-11-30T20:00:00Z"))
        #expect(channels.events.count == alerts, "\(channels.events)")
    }

    @Test func aDuplicateIsNotADelivery() throws {
        let workspace = try Workspace()
        let gateway = try Self.gateway(workspace, weekdays: Set(1...7), by: (0, 0))
        let first = try gateway.ingest(path: workspace.write("roster.csv", Workspace.roster), source: "lincoln-usd")
        // The first copy came two days ago; today only the same bytes again arrive.
        try gateway.ledger.database.write { db in
            try db.execute(
                sql: "UPDATE jobs SET created_at = ? WHERE id = ?",
                arguments: [first.createdAt.addingTimeInterval(-2 * 86_400), first.id])
        }
        let again = try gateway.ingest(path: workspace.write("copy.csv", Workspace.roster), source: "lincoln-usd")
        #expect(again.state == .duplicate)
        let channels = AlertTests.FakeChannels()
        AlertTests.alerter(gateway, channels).run(now: again.createdAt.addingTimeInterval(60))
        #expect(channels.events.count == 1, "\(channels.events)")
        #expect(channels.events.first?.hasPrefix("ops opened file-missing:lincoln-usd/aeries-students/") == true)
    }

    @Test func deadlinesFollowDaylightSavingTimeInTheNamedZone() throws {
        let arrival = ExpectedArrival(
            kinds: ["aeries-students"], hour: 7, minute: 30, weekdays: Set(1...7), timeZone: Self.losAngeles)
        let day = { (text: String) in try #require(Day(iso: text)) }
        // PST (UTC−8) before Sunday 2026-03-08, PDT (UTC−7) from it, PST again from Sunday 2026-11-01.
        #expect(arrival.deadline(on: try day("2026-03-07")) == (try Self.at("2026-03-07T15:30:00Z")))
        #expect(arrival.deadline(on: try day("2026-03-08")) == (try Self.at("2026-03-08T14:30:00Z")))
        #expect(arrival.deadline(on: try day("2026-10-31")) == (try Self.at("2026-10-31T14:30:00Z")))
        #expect(arrival.deadline(on: try day("2026-11-01")) == (try Self.at("2026-11-01T15:30:00Z")))
        #expect(arrival.day(of: try Self.at("2026-03-09T06:59:00Z")) == (try day("2026-03-08")))
        // 02:30 does not exist on 2026-03-08 (moved forward by the gap); 01:30 occurs twice on 2026-11-01 (the first).
        var gap = arrival
        (gap.hour, gap.minute) = (2, 30)
        #expect(gap.deadline(on: try day("2026-03-08")) == (try Self.at("2026-03-08T10:30:00Z")))
        (gap.hour, gap.minute) = (1, 30)
        #expect(gap.deadline(on: try day("2026-11-01")) == (try Self.at("2026-11-01T08:30:00Z")))

        let workspace = try Workspace()
        let gateway = try Self.gateway(workspace)
        let channels = AlertTests.FakeChannels()
        let alerter = AlertTests.alerter(gateway, channels)
        // Monday 2026-03-09 (PDT): the deadline is 14:30 UTC, an hour before the winter one.
        alerter.run(now: try Self.at("2026-03-09T14:29:00Z"))
        #expect(channels.events.isEmpty)
        alerter.run(now: try Self.at("2026-03-09T14:30:00Z"))
        #expect(channels.events == ["ops opened file-missing:lincoln-usd/aeries-students/2026-03-09"])
    }

    @Test func expectAndHolidaysAreRead() throws {
        let yaml = """
            sources:
              - id: lincoln-usd
                expect:
                  - { kinds: [aeries-attendance, aeries-students], by: "07:30", days: [mon, tue, wed, thu, fri], timezone: America/Los_Angeles }
                holidays: [2026-12-25, 2027-01-01]
            """
        let config = try GatewayConfig.decode(yaml: yaml, file: "dropgate.yaml", root: "/tmp")
        let source = try #require(config.source("lincoln-usd"))
        #expect(
            source.expect == [
                ExpectedArrival(
                    kinds: ["aeries-attendance", "aeries-students"], hour: 7, minute: 30, weekdays: [2, 3, 4, 5, 6],
                    timeZone: Self.losAngeles, line: 4)
            ])
        #expect(source.holidays == [try #require(Day(iso: "2026-12-25")), try #require(Day(iso: "2027-01-01"))])
    }

    @Test(arguments: [
        (
            "by: \"7:30\", days: [mon], timezone: UTC", 4,
            "'by' must be a time from 00:00 to 23:59 like \"07:30\", found '7:30'"
        ),
        ("by: \"24:00\", days: [mon], timezone: UTC", 4, "'by' must be a time"),
        (
            "by: \"07:30\", days: [mon, tues], timezone: UTC", 4,
            "unknown day 'tues'; days: sun, mon, tue, wed, thu, fri, sat"
        ),
        ("by: \"07:30\", days: [mon], timezone: America/Springfield", 4, "unknown timezone 'America/Springfield'"),
        ("by: \"07:30\", days: [mon]", 4, "an expect entry needs 'timezone'"),
        ("days: [mon], timezone: UTC", 4, "an expect entry needs 'by'"),
        ("by: \"07:30\", days: [mon], timezone: UTC, within: 1h", 4, "unknown key 'within'"),
    ])
    func badSchedulesAreNamedWithTheirLine(entry: String, line: Int, message: String) {
        let yaml = "sources:\n  - id: lincoln-usd\n    expect:\n      - { kinds: [aeries-students], \(entry) }\n"
        #expect {
            try GatewayConfig.decode(yaml: yaml, file: "dropgate.yaml", root: "/tmp")
        } throws: { error in
            let issues = (error as? DefinitionError)?.issues ?? []
            return issues.contains { $0.line == line && $0.message.contains(message) }
        }
    }

    @Test func aBadHolidayIsNamedWithItsLine() {
        let yaml = "sources:\n  - id: lincoln-usd\n    holidays: [2026-12-25, 2026-13-01]\n"
        #expect {
            try GatewayConfig.decode(yaml: yaml, file: "dropgate.yaml", root: "/tmp")
        } throws: { error in
            (error as? DefinitionError)?.issues.contains {
                $0.line == 3 && $0.message.hasSuffix("holidays must be dates like 2026-12-25, found '2026-13-01'")
            } == true
        }
    }

    @Test func anUnknownExpectedKindStopsTheGatewayWithItsLine() throws {
        let workspace = try Workspace()
        let yaml = """
            sources:
              - id: lincoln-usd
                expect:
                  - kinds: [aeries-attendence]
                    by: "07:30"
                    days: [mon]
                    timezone: UTC
            """
        var config = try GatewayConfig.decode(yaml: yaml, file: "dropgate.yaml", root: workspace.root)
        config.paths.mappings = workspace.config.paths.mappings
        #expect {
            try Gateway(config: config, logger: .init(label: "test"))
        } throws: { error in
            let issue = (error as? DefinitionError)?.issues.first
            return issue?.line == 4
                && issue?.message.hasPrefix("source lincoln-usd expects unknown kind 'aeries-attendence'; kinds: ")
                    == true
        }
    }
}

import Foundation
import Mapping
import Store
import TestThreads
import Testing
import Values

@testable import Gateway

/// SPI service logs through the real gateway: every rule with a passing and a failing case.
@Suite(.blocking) struct ServiceLogTests {
    static let header =
        "Student ID,Service Date,Start Time,End Time,Minutes,Billing Code,Units,Place of Service,Rendering NPI,Rendering Name,Diagnosis Codes,Group or Individual,Parental Consent\n"
    static let today = Day(year: 2026, month: 11, day: 1) ?? Day(daysSinceEpoch: 0)

    struct Service {
        var student = "1001"
        var date = "10/07/2026"
        var start = "09:00"
        var end = "09:30"
        var minutes = "30"
        var code = "92507"
        var units = "1"
        var pos = "03"
        var npi = "1234567893"
        var dx = "F80.2"
        var type = "I"
        var consent = "Y"

        var line: String {
            [student, date, start, end, minutes, code, units, pos, npi, "Rivera, Ana", dx, type, consent]
                .map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",")
        }
    }

    func load(_ services: [Service], workspace: Workspace? = nil, name: String = "spi_services.csv") throws
        -> (Gateway, JobRecord)
    {
        let workspace = try workspace ?? Workspace()
        let gateway = try workspace.gateway(today: Self.today)
        _ = try gateway.ingest(path: workspace.write("students.csv", Workspace.roster), source: "lincoln-usd")
        let text = Self.header + services.map(\.line).joined(separator: "\n") + "\n"
        return (gateway, try gateway.ingest(path: workspace.write(name, text), source: "lincoln-usd"))
    }

    func rules(_ gateway: Gateway, _ job: JobRecord) throws -> [String] {
        try gateway.ledger.jobs.exceptions(jobID: #require(job.id)).map(\.ruleId)
    }

    @Test func aWellFormedServiceLoads() throws {
        var therapy = Service()
        therapy.code = "97110"
        therapy.minutes = "40"
        therapy.end = "09:40"
        therapy.units = "3"
        var byTimes = Service()
        byTimes.minutes = ""
        byTimes.start = "10:00"
        byTimes.end = "10:45"
        byTimes.code = "90834"
        let (gateway, job) = try load([Service(), therapy, byTimes])
        #expect(try rules(gateway, job) == [])
        #expect(job.inserted == 3)
    }

    @Test func aServiceOlderThanAYearLoadsForItsPayerToJudge() throws {
        var old = Service()
        old.date = "10/31/2025"
        let (gateway, job) = try load([old])
        #expect(try rules(gateway, job) == [])
        #expect(job.inserted == 1)
    }

    @Test(
        arguments: [
            (\Service.npi, "1234567894", "invalid-npi"), (\Service.code, "99999", "not-in-values"),
            (\Service.units, "2", "units-match-minutes"), (\Service.date, "11/02/2026", "above-max"),
            (\Service.student, "1009", "unmapped-student"),
            (\Service.dx, "41.1", "pattern"), (\Service.end, "08:30", "units-match-minutes"),
            (\Service.consent, "", "required"), (\Service.type, "X", "not-in-values"), (\Service.pos, "3", "pattern"),
            (\Service.minutes, "20", "units-match-minutes"),
        ] as [(any WritableKeyPath<Service, String> & Sendable, String, String)])
    func eachRuleRejectsItsRow(field: any WritableKeyPath<Service, String> & Sendable, value: String, rule: String)
        throws
    {
        var service = Service()
        service[keyPath: field] = value
        let (gateway, job) = try load([service])
        #expect(job.rejected == 1)
        #expect(try rules(gateway, job) == [rule])
    }

    @Test func midpointRuleCountsAUnitPastHalfOfIt() {
        #expect(UnitRule.expectedUnits(minutes: 7, unit: 15) == 0)
        #expect(UnitRule.expectedUnits(minutes: 8, unit: 15) == 1)
        #expect(UnitRule.expectedUnits(minutes: 22, unit: 15) == 1)
        #expect(UnitRule.expectedUnits(minutes: 23, unit: 15) == 2)
        #expect(UnitRule.expectedUnits(minutes: 15, unit: 30) == 0)
        #expect(UnitRule.expectedUnits(minutes: 16, unit: 30) == 1)
        #expect(UnitRule.expectedUnits(minutes: 90, unit: 0) == 1, "untimed codes bill one unit per session")
    }

    @Test func theSameServiceIsLoggedOnceWithinAndAcrossFiles() throws {
        let workspace = try Workspace()
        var other = Service()
        other.start = "11:00"
        other.end = "11:30"
        let (gateway, first) = try load([Service(), Service(), other], workspace: workspace)
        #expect(first.inserted == 2)
        #expect(try rules(gateway, first) == ["duplicate-key"])
        let resend = try gateway.ingest(
            path: workspace.write("spi_services_resend.csv", Self.header + Service().line + "\n"), source: "lincoln-usd"
        )
        #expect(resend.rejected == 1)
        #expect(resend.inserted + resend.updated + resend.unchanged == 0)
        let exceptions = try gateway.ledger.jobs.exceptions(jobID: #require(resend.id))
        #expect(exceptions.map(\.ruleId) == ["already-loaded"])
        #expect(exceptions.first?.message.contains("job \(first.id ?? 0)") == true)
    }
}

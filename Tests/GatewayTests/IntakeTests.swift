import Foundation
import Store
import Testing
import Transport

@testable import Gateway

/// The one intake path (stability, markers, staging, the (source, sha256) ledger, acknowledgment) over an
/// in-memory source.
@Suite struct IntakeTests {
    let workspace: Workspace
    let gateway: Gateway

    init() throws {
        workspace = try Workspace()
        gateway = try workspace.gateway()
    }

    func config(stableAfter: Double = 0, marker: String? = nil) -> SourceConfig {
        let remote = marker.map {
            RemoteSourceConfig(
                host: "memory", user: "test", directory: ".", marker: $0, hostKey: .insecureAcceptAny,
                credentials: .password(environment: nil, file: nil))
        }
        return SourceConfig(
            id: "lincoln-usd", path: workspace.root + "/unused", stableAfter: stableAfter, remote: remote)
    }

    @Test func aFileIsTakenOnlyOnceItHoldsStill() throws {
        let source = InMemorySource()
        let config = config(stableAfter: 1)
        source.put("students.csv", "Student ID\n1001\n")
        #expect(try gateway.intake.collect(source, source: config).settling == 1)
        Thread.sleep(forTimeInterval: 0.6)
        source.put("students.csv", Workspace.roster)
        #expect(try gateway.intake.collect(source, source: config).settling == 1)
        Thread.sleep(forTimeInterval: 0.6)
        #expect(try gateway.intake.collect(source, source: config).settling == 1, "it changed: the wait started again")
        #expect(try gateway.ledger.jobs().isEmpty)
        Thread.sleep(forTimeInterval: 0.6)
        #expect(try gateway.intake.collect(source, source: config).settling == 0)
        let jobs = try gateway.ledger.jobs()
        #expect(jobs.map(\.origin) == ["memory:/students.csv"])
        #expect(jobs.first?.size == Int64(Workspace.roster.utf8.count))
        #expect(source.acknowledged == ["students.csv"])
    }

    @Test func anOldLocalFileIsTakenAtFirstSight() throws {
        let source = InMemorySource()
        source.modificationTimesAreLocal = true
        source.put("students.csv", Workspace.roster, modified: Date().timeIntervalSince1970 - 60)
        #expect(try gateway.intake.collect(source, source: config(stableAfter: 30)).settling == 0)
        #expect(source.acknowledged == ["students.csv"])
    }

    @Test func aMarkerDeclaresTheUploadCompleteAndGoesWithTheFile() throws {
        let source = InMemorySource()
        let config = config(stableAfter: 3600, marker: "done")
        source.put("students.csv", Workspace.roster)
        #expect(try gateway.intake.collect(source, source: config).settling == 0)
        #expect(try gateway.ledger.jobs().isEmpty, "no marker yet")
        source.put("students.csv.done", "")
        #expect(try gateway.intake.collect(source, source: config).settling == 0)
        #expect(try gateway.ledger.jobs().map(\.originalName) == ["students.csv"])
        #expect(source.files.isEmpty, "file and marker acknowledged")
    }

    @Test func theSameBytesAgainAreADuplicateWithAReceipt() throws {
        let source = InMemorySource()
        source.put("students.csv", Workspace.roster)
        _ = try gateway.intake.collect(source, source: config())
        source.put("students-again.csv", Workspace.roster)
        _ = try gateway.intake.collect(source, source: config())
        let jobs = try gateway.ledger.jobs()
        let duplicate = try #require(jobs.first { $0.originalName == "students-again.csv" })
        #expect(duplicate.state == .duplicate)
        #expect(duplicate.duplicateOf == jobs.first { $0.originalName == "students.csv" }?.id)
        #expect(try workspace.receipt(duplicate).state == "duplicate")
        #expect(source.acknowledged == ["students.csv", "students-again.csv"])
    }

    @Test func aFileIsAcknowledgedOnlyOnceItsJobExists() throws {
        let source = InMemorySource()
        var registered: [String] = []
        source.willAcknowledge = { [gateway] name in
            registered += try gateway.ledger.uncleared(source: "lincoln-usd").map(\.originalName).filter { $0 == name }
        }
        source.put("students.csv", Workspace.roster)
        _ = try gateway.intake.collect(source, source: config())
        #expect(registered == ["students.csv"])
        #expect(try gateway.ledger.uncleared(source: "lincoln-usd").isEmpty, "cleared once acknowledged")
    }

    @Test func anAcknowledgmentACrashInterruptedIsFinishedWithoutADuplicate() throws {
        let source = InMemorySource()
        source.failsAsAWhole = true
        source.willAcknowledge = { _ in throw InMemorySource.Failure() }
        source.put("students.csv", Workspace.roster)
        #expect(throws: InMemorySource.Failure.self) { try gateway.intake.collect(source, source: config()) }
        #expect(try gateway.ledger.uncleared(source: "lincoln-usd").count == 1)
        source.willAcknowledge = { _ in }
        _ = try gateway.intake.collect(source, source: config())
        #expect(source.acknowledged == ["students.csv"])
        #expect(try gateway.ledger.jobs().count == 1)
        #expect(try gateway.ledger.uncleared(source: "lincoln-usd").isEmpty)
    }

    @Test func oneUnreadableFileHoldsUpOnlyItselfUnlessTheSourceFailsAsAWhole() throws {
        let source = InMemorySource()
        source.unreadable = ["a-students.csv"]
        source.put("a-students.csv", Workspace.roster)
        source.put("b-students.csv", Workspace.roster + "1009,1,Lee,Sam,01/02/2012,5,M\n")
        _ = try gateway.intake.collect(source, source: config())
        #expect(source.acknowledged == ["b-students.csv"])
        source.failsAsAWhole = true
        source.put("c-students.csv", Workspace.roster + "1010,1,Lee,Kim,01/02/2012,5,F\n")
        #expect(throws: InMemorySource.Failure.self) { try gateway.intake.collect(source, source: config()) }
        #expect(source.acknowledged == ["b-students.csv"], "the failure ended the poll before c")
    }
}

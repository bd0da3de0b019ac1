import Foundation
import Store
import TestThreads
import Testing
import Transport

@testable import Gateway

/// The one intake path (stability, markers, staging, the (source, sha256) ledger, acknowledgment) over an
/// in-memory source.
@Suite(.blocking) struct IntakeTests {
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
        #expect(try gateway.ledger.jobs.jobs().isEmpty)
        Thread.sleep(forTimeInterval: 0.6)
        #expect(try gateway.intake.collect(source, source: config).settling == 0)
        let jobs = try gateway.ledger.jobs.jobs()
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
        #expect(try gateway.ledger.jobs.jobs().isEmpty, "no marker yet")
        source.put("students.csv.done", "")
        #expect(try gateway.intake.collect(source, source: config).settling == 0)
        #expect(try gateway.ledger.jobs.jobs().map(\.originalName) == ["students.csv"])
        #expect(source.files.isEmpty, "file and marker acknowledged")
    }

    @Test func theSameBytesAgainAreADuplicateWithAReceipt() throws {
        let source = InMemorySource()
        source.put("students.csv", Workspace.roster)
        _ = try gateway.intake.collect(source, source: config())
        source.put("students-again.csv", Workspace.roster)
        _ = try gateway.intake.collect(source, source: config())
        let jobs = try gateway.ledger.jobs.jobs()
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
            registered += try gateway.ledger.jobs.uncleared(source: "lincoln-usd").map(\.originalName).filter {
                $0 == name
            }
        }
        source.put("students.csv", Workspace.roster)
        _ = try gateway.intake.collect(source, source: config())
        #expect(registered == ["students.csv"])
        #expect(try gateway.ledger.jobs.uncleared(source: "lincoln-usd").isEmpty, "cleared once acknowledged")
    }

    @Test func anAcknowledgmentACrashInterruptedIsFinishedWithoutADuplicate() throws {
        let source = InMemorySource()
        source.failsAsAWhole = true
        source.willAcknowledge = { _ in throw InMemorySource.Failure() }
        source.put("students.csv", Workspace.roster)
        #expect(throws: InMemorySource.Failure.self) { try gateway.intake.collect(source, source: config()) }
        #expect(try gateway.ledger.jobs.uncleared(source: "lincoln-usd").count == 1)
        source.willAcknowledge = { _ in }
        _ = try gateway.intake.collect(source, source: config())
        #expect(source.acknowledged == ["students.csv"])
        #expect(try gateway.ledger.jobs.jobs().count == 1)
        #expect(try gateway.ledger.jobs.uncleared(source: "lincoln-usd").isEmpty)
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

/// Entries intake must not read, files that change while copied, and files their source leaves in place.
extension IntakeTests {
    @Test(arguments: [
        (EntryKind.symbolicLink, 1, "symbolic link"), (.fifo, 1, "FIFO"), (.device, 1, "device"),
        (.regular, 2, "hard link"),
    ])
    func anEntryThatIsNotARegularFileOfItsOwnIsRefusedOnceAndNeverRead(kind: EntryKind, links: Int, words: String)
        throws
    {
        let source = InMemorySource()
        source.put("students.csv", Workspace.roster, kind: kind, links: links)
        for _ in 0..<3 { _ = try gateway.intake.collect(source, source: config()) }
        #expect(source.fetched.isEmpty, "never read")
        #expect(source.acknowledged.isEmpty, "left in place")
        let jobs = try gateway.ledger.jobs.jobs()
        #expect(jobs.map(\.state) == [.rejected], "reported once, not on every poll")
        let job = try #require(jobs.first)
        #expect(job.sha256.hasPrefix("not-regular:"))
        #expect(try workspace.receipt(job).reason?.contains(words) == true)
        #expect(try gateway.ledger.jobs.exceptions(jobID: try #require(job.id)).map(\.ruleId) == ["file-not-regular"])

        // Another entry put in its place is reported again.
        source.put(
            "students.csv", Workspace.roster, modified: Date().timeIntervalSince1970 + 5, kind: kind, links: links)
        _ = try gateway.intake.collect(source, source: config())
        #expect(try gateway.ledger.jobs.jobs().count == 2)
    }

    @Test func aFileThatChangesWhileCopiedIsNotAJobUntilItSettles() throws {
        let source = InMemorySource()
        source.put("students.csv", Workspace.roster + "1004,1,Lee,Kim,01/02/2012,5,F\n")
        source.afterCopy = { name in
            source.put(name, Workspace.roster)
            source.afterCopy = { _ in }
        }
        #expect(try gateway.intake.collect(source, source: config()).settling == 1, "waiting to settle")
        #expect(try gateway.ledger.jobs.jobs().isEmpty)
        #expect(source.acknowledged.isEmpty, "the new file is not removed unread")
        _ = try gateway.intake.collect(source, source: config())
        #expect(try gateway.ledger.jobs.jobs().map(\.size) == [Int64(Workspace.roster.utf8.count)])
        #expect(source.acknowledged == ["students.csv"])
    }

    @Test func aFileLeftInPlaceIsTakenOnceWhileItIsUnchanged() throws {
        let source = InMemorySource()
        source.leavesFilesInPlace = true
        source.put("students.csv", Workspace.roster, modified: 1_000)
        for _ in 0..<3 { _ = try gateway.intake.collect(source, source: config()) }
        #expect(source.fetched == ["students.csv"])
        #expect(try gateway.ledger.jobs.jobs().map(\.state) == [.staged])
        source.put("students.csv", Workspace.roster + "1004,1,Lee,Kim,01/02/2012,5,F\n", modified: 2_000)
        _ = try gateway.intake.collect(source, source: config())
        #expect(try gateway.ledger.jobs.jobs().count == 2)
        // Removed, then put back with the same bytes and time: a new drop of the same bytes, a duplicate.
        let bytes = Workspace.roster + "1004,1,Lee,Kim,01/02/2012,5,F\n"
        source.remove("students.csv")
        _ = try gateway.intake.collect(source, source: config())
        source.put("students.csv", bytes, modified: 2_000)
        _ = try gateway.intake.collect(source, source: config())
        #expect(try gateway.ledger.jobs.jobs().map(\.state) == [.duplicate, .staged, .staged])
    }
}

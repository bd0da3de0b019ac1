import Foundation
import Store
import Testing

@testable import Gateway

/// Remote entries that must not become jobs again and again, or at all.
extension SFTPSourceTests {
    @Test func aFileLeftInPlaceIsRegisteredOnceUntilItChanges() throws {
        let setup = try Setup(afterFetch: .leave)
        try setup.put("students.csv", Self.roster)
        let gateway = try setup.gateway()
        for _ in 0..<3 { _ = gateway.runPass(waitForSettling: true) }
        var jobs = try gateway.ledger.jobs.jobs()
        #expect(jobs.map(\.state) == [.done], "no duplicate job per poll: \(jobs.map(\.state))")
        let reports = try FileManager.default.contentsOfDirectory(atPath: setup.root + "/Outbox/lincoln-usd/reports")
        #expect(reports.filter { $0.hasSuffix(".receipt.json") }.count == 1)
        #expect(FileManager.default.fileExists(atPath: setup.server.data + "/students.csv"), "left in place")

        try setup.put("students.csv", Self.roster + "1002,1,Nguyen,Mai,05/13/2013,4\n")
        _ = gateway.runPass(waitForSettling: true)
        _ = gateway.runPass(waitForSettling: true)
        jobs = try gateway.ledger.jobs.jobs()
        #expect(jobs.count == 2, "a changed file is new: \(jobs.map(\.state))")
    }

    @Test func aRemoteSymbolicLinkIsRefusedOnceAndNeverFetched() throws {
        let setup = try Setup()
        try FileManager.default.createDirectory(atPath: setup.root, withIntermediateDirectories: true)
        try Self.roster.write(toFile: setup.root + "/elsewhere.csv", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: setup.server.data + "/students.csv", withDestinationPath: setup.root + "/elsewhere.csv")
        let gateway = try setup.gateway()
        _ = gateway.runPass(waitForSettling: true)
        _ = gateway.runPass(waitForSettling: true)
        let jobs = try gateway.ledger.jobs.jobs()
        #expect(jobs.map(\.state) == [.rejected], "\(jobs.map(\.state))")
        #expect(jobs.first?.inserted == 0)
        let exceptions = try gateway.ledger.jobs.exceptions(jobID: try #require(jobs.first?.id))
        #expect(exceptions.map(\.ruleId) == ["file-not-regular"])
        #expect(
            (try? FileManager.default.destinationOfSymbolicLink(atPath: setup.server.data + "/students.csv"))
                == setup.root + "/elsewhere.csv", "the link is left where it is")
    }
}

import Foundation
import Mapping
import Store
import TestThreads
import Testing

@testable import Gateway

/// Every kind of broken file gets a precise rejection or exception, and nothing already loaded is lost.
@Suite(.blocking) struct BadInputTests {
    func ingest(_ name: String, _ text: String, in workspace: Workspace) throws -> (JobRecord, [ExceptionRecord]) {
        let gateway = try workspace.gateway()
        let job = try gateway.ingest(path: workspace.write(name, text), source: "lincoln-usd")
        return (job, try gateway.ledger.jobs.exceptions(jobID: #require(job.id)))
    }

    @Test func emptyFileIsRejected() throws {
        let (job, exceptions) = try ingest("students.csv", "", in: Workspace())
        #expect(job.state == .rejected)
        #expect(exceptions.map(\.ruleId) == ["file-empty"])
    }

    @Test func blankLinesOnlyIsRejected() throws {
        let (job, exceptions) = try ingest("students.csv", "\r\n\n\n", in: Workspace())
        #expect(job.state == .rejected)
        #expect(exceptions.map(\.ruleId) == ["file-empty"])
    }

    @Test func headerOnlyLoadsNothingAndSaysSo() throws {
        let workspace = try Workspace()
        let (job, exceptions) = try ingest("students.csv", Workspace.rosterHeader, in: workspace)
        #expect(job.state == .done)
        #expect(job.rowsRead == 0)
        #expect(exceptions.map(\.ruleId) == ["no-data-rows"])
        #expect(try workspace.receipt(job).rowsRead == 0)
    }

    @Test func wrongDelimiterIsRejectedWithAHint() throws {
        let text = Workspace.roster.replacingOccurrences(of: ",", with: ";")
        let (job, exceptions) = try ingest("students.csv", text, in: Workspace())
        #expect(job.state == .rejected)
        #expect(exceptions.contains { $0.message.contains("looks ';'-delimited") })
    }

    @Test func duplicateHeaderNamesAreRejected() throws {
        let text = "Student ID,School,Last Name,First Name,Birthdate,Grade,Last Name\n1,1,A,B,01/01/2012,3,C\n"
        let (job, exceptions) = try ingest("students.csv", text, in: Workspace())
        #expect(job.state == .rejected)
        #expect(exceptions.contains { $0.ruleId == "duplicate-header" && $0.message.contains("'Last Name'") })
    }

    @Test func missingRequiredColumnIsRejectedNamingIt() throws {
        let text = "Student ID,School,Last Name,Birthdate,Grade\n1,1,A,01/01/2012,3\n"
        let (job, exceptions) = try ingest("students.csv", text, in: Workspace())
        #expect(job.state == .rejected)
        #expect(
            exceptions.contains {
                $0.message.contains("missing column 'First Name' or 'FN' or 'STU.FN' (field first_name)")
            })
    }

    @Test func extraColumnsAreIgnoredAndListed() throws {
        let workspace = try Workspace()
        let text = "Student ID,School,Last Name,First Name,Birthdate,Grade,Locker\n1,1,A,B,01/01/2012,3,12\n"
        let (job, exceptions) = try ingest("students.csv", text, in: workspace)
        #expect(job.state == .done)
        #expect(job.inserted == 1)
        #expect(exceptions.isEmpty)
        #expect(try workspace.receipt(job).ignoredColumns == ["Locker"])
    }

    @Test func binaryGarbageIsRejected() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) } + [0, 0]
        let job = try gateway.ingest(path: workspace.write("students.csv", bytes: bytes), source: "lincoln-usd")
        #expect(job.state == .rejected)
        #expect(try gateway.ledger.jobs.exceptions(jobID: #require(job.id)).map(\.ruleId) == ["file-binary"])
    }

    @Test func windows1252IsDecodedAndRecordedOnTheReceipt() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        var bytes = Array(Workspace.rosterHeader.utf8)
        bytes +=
            Array("1001,1,Hern".utf8) + [0xE1] + Array("ndez,Jos".utf8) + [0xE9] + Array(",04/12/2012,5,M\r\n".utf8)
        let job = try gateway.ingest(path: workspace.write("students.csv", bytes: bytes), source: "lincoln-usd")
        #expect(job.state == .done)
        #expect(job.encoding == "windows-1252")
        #expect(try workspace.receipt(job).encoding == "windows-1252")
        let names = try gateway.ledger.domain.knownValues(
            table: "students", column: "last_name", district: "lincoln-usd")
        #expect(names == ["Hernández"])
    }

    @Test func aTwoHundredMegabyteLineIsReportedAndTheRestLoads() throws {
        let workspace = try Workspace()
        let path = workspace.root + "/students.csv"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data((Workspace.rosterHeader + "1001,1,Garcia,Ana,04/12/2012,5,F\n").utf8))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<200 { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data("\n1002,1,Nguyen,Mai,05/13/2013,4,F\n".utf8))
        try handle.close()
        let gateway = try workspace.gateway()
        let job = try gateway.ingest(path: path, source: "lincoln-usd")
        #expect(job.state == .done)
        #expect(job.rowsRead == 3)
        #expect(job.inserted == 2)
        let exceptions = try gateway.ledger.jobs.exceptions(jobID: #require(job.id))
        #expect(exceptions.map(\.ruleId) == ["csv-record-too-long"])
        #expect(exceptions.first?.row == 3)
    }

    @Test func rejectedFilesDoNotTouchRowsAlreadyLoaded() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        _ = try gateway.ingest(path: workspace.write("students.csv", Workspace.roster), source: "lincoln-usd")
        _ = try gateway.ingest(path: workspace.write("students-bad.csv", "garbage;only\n1;2\n"), source: "lincoln-usd")
        _ = try gateway.ingest(path: workspace.write("students-empty.csv", ""), source: "lincoln-usd")
        let ids = try gateway.ledger.domain.knownValues(
            table: "students", column: "student_id", district: "lincoln-usd")
        #expect(ids == ["1001", "1002", "1003"])
    }
}

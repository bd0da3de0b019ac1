import Foundation
import TestThreads
import Testing

@Suite(.serialized, .blocking) struct DemoTests {
    @Test func runOnceOnTheSamplesWritesReceiptsAndExceptionReports() throws {
        let scratch = try Scratch()
        try scratch.dropSamples()
        let result = try Binary.run(["run", "--once", "--json"], in: scratch.root)
        #expect(result.status == 0, "\(result.stderr)")
        var rejectedRows = 0
        for district in ["lincoln-usd", "riverside-usd"] {
            let samples = try FileManager.default.contentsOfDirectory(
                atPath: Binary.repositoryRoot + "/Samples/" + district)
            let reports = scratch.files(under: "Outbox/\(district)/reports")
            #expect(reports.filter { $0.hasSuffix(".receipt.json") }.count == samples.count, "\(reports)")
            #expect(reports.filter { $0.hasSuffix(".exceptions.csv") }.count == samples.count, "\(reports)")
            #expect(!reports.contains { $0.hasSuffix(".tmp") })
            for receipt in reports where receipt.hasSuffix(".receipt.json") {
                let json = try scratch.json("Outbox/\(district)/reports/\(receipt)")
                let read = json["rows_read"] as? Int ?? -1
                let sum = ["inserted", "updated", "unchanged", "stale", "rejected"].compactMap { json[$0] as? Int }
                    .reduce(0, +)
                #expect(read == sum, "\(receipt): rows read must equal the outcomes")
                #expect(json["state"] as? String == "done")
                rejectedRows += json["rejected"] as? Int ?? 0
            }
            #expect(scratch.files(under: "Inbox/\(district)").isEmpty, "taken files leave the inbox")
            let archived = scratch.files(under: "Archive/\(district)").filter {
                $0.hasSuffix(".csv") || $0.hasSuffix(".xml")
            }
            #expect(archived.count == samples.count)
        }
        #expect(rejectedRows > 0, "the samples carry bad rows on purpose")
        let jobs = try Binary.run(["jobs", "--json"], in: scratch.root)
        let list = try JSONSerialization.jsonObject(with: Data(jobs.stdout.utf8)) as? [[String: Any]] ?? []
        let kinds = Set(list.compactMap { $0["kind"] as? String })
        #expect(
            kinds == [
                "aeries-students", "aeries-attendance", "iready-reading", "iready-math", "spi-services",
                "member-batch-csv", "member-batch-xml", "practitioner-roster",
            ], "every shipped kind goes through the real binary")
        #expect(scratch.files(under: "Outbox/lincoln-usd/reports").contains { $0.hasSuffix(".members.json") })
        let riverside = scratch.files(under: "Outbox/riverside-usd/reports").first {
            $0.contains("students.csv.receipt")
        }
        let receipt = try scratch.json("Outbox/riverside-usd/reports/\(try #require(riverside))")
        #expect(receipt["encoding"] as? String == "windows-1252")

        let again = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(again.status == 0)
        #expect(again.stdout.contains("no new files"))
    }

    @Test func jobsJobExceptionsAndRequeueCommands() throws {
        let scratch = try Scratch()
        try scratch.write(
            "Inbox/lincoln-usd/students.csv",
            "Student ID,School,Last Name,First Name,Birthdate,Grade\n1,1,A,B,01/02/2012,5\n2,1,C,D,02/30/2012,5\n")
        try scratch.write("Inbox/lincoln-usd/notes.csv", "Note\nhello\n")
        let pass = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(pass.status == 1, "a rejected file makes --once fail")
        let jobs = try Binary.run(["jobs", "--json"], in: scratch.root)
        let list = try JSONSerialization.jsonObject(with: Data(jobs.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(list.count == 2)
        let done = try #require(list.first { $0["state"] as? String == "done" })
        let rejected = try #require(list.first { $0["state"] as? String == "rejected" })
        let doneID = try #require(done["id"] as? Int)
        let detail = try Binary.run(["job", String(doneID)], in: scratch.root)
        #expect(
            detail.stdout.split(separator: "\n").contains { $0.hasPrefix("kind ") && $0.hasSuffix(" aeries-students") })
        let csv = try Binary.run(["exceptions", String(doneID), "--format", "csv"], in: scratch.root)
        #expect(
            csv.stdout
                == "row,column,field,rule_id,severity,message,value\r\n3,Birthdate,birthdate,invalid-date,error,birthdate is not a valid date in the format MM/dd/yyyy or M/d/yyyy or yyyy-MM-dd or yyyyMMdd,02/30/2012\r\n"
        )
        let filtered = try Binary.run(["jobs", "--state", "rejected"], in: scratch.root)
        #expect(filtered.stdout.contains("notes.csv"))
        #expect(!filtered.stdout.contains("students.csv"))
        let requeue = try Binary.run(["requeue", String(try #require(rejected["id"] as? Int))], in: scratch.root)
        #expect(requeue.stdout.contains("state") && requeue.stdout.contains("rejected"))
        let refused = try Binary.run(["requeue", String(doneID)], in: scratch.root)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("only rejected or dead jobs can be requeued"))
    }

    @Test func everyCommandExplainsItselfInHelp() throws {
        let scratch = try Scratch()
        for command in [
            ["run"], ["ingest"], ["jobs"], ["job"], ["exceptions"], ["requeue"], ["sources"], ["alerts"],
            ["mappings", "check"],
            ["bench", "ingest"], ["bench", "members"], ["serve"], ["users", "add"], ["users", "list"],
        ] {
            let help = try Binary.run(command + ["--help"], in: scratch.root)
            #expect(help.status == 0)
            #expect(help.stdout.contains("USAGE: dropgate \(command.joined(separator: " "))"), "\(command)")
            #expect(help.stdout.contains("OVERVIEW:"), "\(command)")
        }
    }
}

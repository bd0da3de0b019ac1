import Claims
import Foundation
import PyX12Support
import TestThreads
import Testing
import Values

/// Claim builds through the real binary: both US payer profiles on the samples, crash safety of batches.
@Suite(.serialized, .blocking) struct ClaimsEndToEndTests {
    /// A scratch gateway with the samples loaded.
    static func loadedScratch() throws -> Scratch {
        let scratch = try Scratch()
        try scratch.dropSamples()
        let run = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(run.status == 0, "\(run.stderr)")
        return scratch
    }

    static func build(_ payer: String, in scratch: Scratch, environment: [String: String] = [:]) throws
        -> Binary.Output
    {
        try Binary.run(["claims", "build", "--payer", payer, "--json"], in: scratch.root, environment: environment)
    }

    @Test func bothPayersGetBatchesThatFollowTheServicesBack() throws {
        let scratch = try Self.loadedScratch()
        for payer in ["lea-bop", "cybhi"] {
            let result = try Self.build(payer, in: scratch)
            #expect(result.status == 0, "\(result.stderr)")
            let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
            let claims = summary["claims"] as? Int ?? 0
            #expect(claims > 0)
            let file = try #require(summary["file"] as? String)
            #expect(file.hasSuffix("Outbox/\(payer)/837P/\(payer)-000000001.x12"))
            let text = try String(contentsOfFile: scratch.path(file), encoding: .utf8)
            #expect(text.components(separatedBy: "CLM*").count - 1 == claims)
            let excluded = (summary["excluded"] as? [String: Int] ?? [:]).values.reduce(0, +)
            let report = try #require(summary["exception_report"] as? String)
            let rows =
                try String(contentsOfFile: scratch.path(report), encoding: .utf8)
                .split(whereSeparator: \.isNewline).count - 1
            #expect(rows == excluded)
            let check = try PyX12.validate(Array(text.utf8), name: "\(payer).x12")
            #expect(check.isOK, "\(payer): \(check)")
            #expect(check.errors == [], "\(payer)")
        }
        let batches = try Binary.run(["claims", "batches"], in: scratch.root)
        #expect(batches.status == 0)
        #expect(batches.stdout.contains("lea-bop") && batches.stdout.contains("cybhi"))
        let show = try Binary.run(["claims", "show", "DG000000001"], in: scratch.root)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("pcn DG000000001"))
        #expect(show.stdout.contains("lea-bop-000000001.x12"))
        #expect(show.stdout.contains("LINE  DATE"))
        let batch = try Binary.run(["claims", "batch", "1"], in: scratch.root)
        #expect(batch.stdout.contains("DG000000001"))

        // The next run delivers the batches to the payers' folders and marks them submitted.
        let deliver = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(deliver.status == 0)
        #expect(FileManager.default.fileExists(atPath: scratch.path("Payers/lea-bop/inbound/lea-bop-000000001.x12")))
        let after = try Binary.run(["claims", "batches", "--json"], in: scratch.root)
        let list = try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(Set(list.compactMap { $0["state"] as? String }) == ["submitted"])

        let again = try Self.build("lea-bop", in: scratch)
        let second = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(second["services_billed"] as? Int == 0, "a service is billed once")
        #expect(second["batch_id"] == nil)
    }

    @Test func agingListsServicesNearingAndPastTheirPayersFilingLimit() throws {
        let scratch = try Self.loadedScratch()
        // lea-bop bills within six months after the month of service: a service in the month six months ago
        // reaches its deadline at the end of this month, one a month earlier is already past it.
        let today = Day.today()
        let firstOfMonth = today.adding(days: 1 - today.day)
        let nearing = firstOfMonth.adding(months: -6)
        let past = firstOfMonth.adding(months: -7)
        func row(_ day: Day, _ id: String) -> String {
            let date = String(format: "%02d/%02d/%04d", day.month, day.day, day.year)
            return "40100,\(date),08:00,08:30,30,92507,GN,1,03,1234567893,\"Rivera, Ana (SLP)\",,F80.2,I,Y,\(id)"
        }
        let header =
            "Student ID,Service Date,Start Time,End Time,Minutes,Billing Code,Modifiers,Units,Place of Service,Rendering NPI,Rendering Name,Supervising NPI,Diagnosis Codes,Group or Individual,Parental Consent,Service ID"
        try scratch.write(
            "Inbox/lincoln-usd/spi_services_late.csv",
            [header, row(nearing, "LATE-1"), row(past, "LATE-2")].joined(separator: "\n") + "\n")
        let run = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(run.status == 0, "\(run.stderr)")

        let aging = try Binary.run(["claims", "aging", "--filing", "--payer", "lea-bop"], in: scratch.root)
        #expect(aging.status == 0, "\(aging.stderr)")
        let lines = aging.stdout.split(separator: "\n").map(String.init)
        let split = try #require(lines.firstIndex { $0.hasPrefix("unbilled services past") }, "\(aging.stdout)")
        let upcoming = lines[..<split].filter { $0.hasPrefix("lea-bop") }
        let passed = lines[split...].filter { $0.hasPrefix("lea-bop") }
        let daysLeft = today.lastOfMonth.daysSinceEpoch - today.daysSinceEpoch
        let expectedUpcoming = "lea-bop  \(today.lastOfMonth)  \(daysLeft)"
        #expect(
            upcoming == upcoming.filter { $0.hasPrefix(expectedUpcoming) } && upcoming.count == 1, "\(aging.stdout)")
        #expect(upcoming.first?.hasSuffix("\(nearing)") == true, "\(aging.stdout)")
        let deadline = firstOfMonth.adding(days: -1)
        // The samples' SPI-90005 (2025-09-02) is late on purpose: its deadline, 2026-03-31, is listed apart too.
        let mine = passed.filter { $0.hasPrefix("lea-bop  \(deadline)") }
        #expect(mine.count == 1 && mine[0].contains("left out (filing-limit-passed)"), "\(aging.stdout)")
        #expect(
            passed.contains { $0.hasPrefix("lea-bop  2026-03-31") } || deadline == Day(year: 2026, month: 3, day: 31))
        #expect(!aging.stdout.contains("40100"), "no student ids on the listing")

        let narrow = try Binary.run(
            ["claims", "aging", "--filing", "--within", "\(max(daysLeft - 1, 0))"], in: scratch.root)
        #expect(narrow.status == 0)
        #expect(narrow.stdout.contains("no unbilled service is within") == (daysLeft > 0), "\(narrow.stdout)")
        let misuse = try Binary.run(["claims", "aging", "--within", "5"], in: scratch.root)
        #expect(misuse.status != 0 && misuse.stderr.contains("--within and --payer go with --filing"))

        let build = try Self.build("lea-bop", in: scratch)
        let summary = try JSONSerialization.jsonObject(with: Data(build.stdout.utf8)) as? [String: Any] ?? [:]
        #expect((summary["excluded"] as? [String: Int])?["filing-limit-passed"] == 2, "\(build.stdout)")
    }

    @Test func theNDISPayerGetsABulkPaymentFileThatReadsBackClean() throws {
        let scratch = try Self.loadedScratch()
        let result = try Self.build("ndis-demo", in: scratch)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(summary["services_billed"] as? Int == 5)
        #expect(summary["excluded"] as? [String: Int] == ["not-eligible": 1, "no-consent": 1])
        let file = try #require(summary["file"] as? String)
        #expect(file.hasSuffix("Outbox/ndis-demo/ndis/BPR000001.csv"))
        let name = (file as NSString).lastPathComponent
        #expect(NDISBulkPaymentFile.fileNameProblems(name) == [])

        // Parse the file back into rows and check them against the file's rules.
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path(file))))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        let header = try #require(lines.first)
        #expect(header == NDISColumn.allCases.map(\.header).joined(separator: ","))
        var requests: [NDISPaymentRequest] = []
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == NDISColumn.allCases.count, "\(line)")
            func day(_ text: String) throws -> Day {
                try #require(Day(iso: text.replacingOccurrences(of: "/", with: "-")), "\(text)")
            }
            #expect(fields[10] + fields[11] + fields[12] == "", "legacy columns stay blank")
            requests.append(
                NDISPaymentRequest(
                    registrationNumber: fields[0], ndisNumber: fields[1], deliveredFrom: try day(fields[2]),
                    deliveredTo: try day(fields[3]), supportNumber: fields[4], claimReference: fields[5],
                    quantity: fields[6], hours: fields[7], unitPrice: try #require(Money(x12: fields[8])),
                    gstCode: try #require(NDISGSTCode(rawValue: fields[9])),
                    claimType: try #require(NDISClaimType(rawValue: fields[13])),
                    cancellationReason: fields[14].isEmpty ? nil : NDISCancellationReason(rawValue: fields[14]),
                    abn: fields[15]))
        }
        #expect(requests.count == 5)
        #expect(NDISBulkPaymentFile.validate(requests) == [])
        #expect(NDISBulkPaymentFile.write(requests) == bytes, "the rows read back write the very same bytes")
        let total = requests.map { $0.unitPrice.cents * (Int64($0.quantity) ?? 0) }.reduce(0, +)
        #expect(total == Int64(summary["total_cents"] as? Int ?? -1), "quantity × unit price adds up to the batch")

        let batches = try Binary.run(["claims", "batches", "--json"], in: scratch.root)
        let list = try JSONSerialization.jsonObject(with: Data(batches.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(list.map { $0["state"] as? String } == ["built"])
        #expect(list.map { $0["format"] as? String } == ["ndis"])
        let again = try Self.build("ndis-demo", in: scratch)
        let second = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(second["services_billed"] as? Int == 0)
    }

    @Test(arguments: ["claims-after-commit", "claims-after-write"])
    func aBuildKilledAroundTheFileWriteIsFinishedWithTheSameNumbers(fault: String) throws {
        let scratch = try Self.loadedScratch()
        let crashed = try Self.build("lea-bop", in: scratch, environment: ["DROPGATE_FAULT": fault])
        #expect(crashed.status != 0, "the fault point aborts the process")
        let file = scratch.path("Outbox/lea-bop/837P/lea-bop-000000001.x12")
        #expect(FileManager.default.fileExists(atPath: file) == (fault == "claims-after-write"))
        let before = try? Data(contentsOf: URL(fileURLWithPath: file))
        #expect(scratch.files(under: "Outbox/lea-bop/837P").allSatisfy { !$0.hasSuffix(".tmp") })

        let writing = try Binary.run(["claims", "batches", "--json"], in: scratch.root)
        let list = try JSONSerialization.jsonObject(with: Data(writing.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(list.map { $0["state"] as? String } == ["writing"])

        let resumed = try Self.build("lea-bop", in: scratch)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(summary["services_billed"] as? Int == 0, "the interrupted batch's services are not billed again")
        let after = try Data(contentsOf: URL(fileURLWithPath: file))
        if let before { #expect(before == after, "the redo writes the very same bytes") }
        let batches = try Binary.run(["claims", "batches", "--json"], in: scratch.root)
        let states = try JSONSerialization.jsonObject(with: Data(batches.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(states.map { $0["state"] as? String } == ["built"])
        #expect(states.map { $0["interchange_control"] as? Int } == [1])
        #expect(String(decoding: after, as: UTF8.self).contains("*000000001*0*T*:~"))
    }
}

import Claims
import Foundation
import TestThreads
import Testing
import Values

@testable import Gateway
@testable import Store

/// Claim builds through the real gateway and SQLite: billing once, exclusions reported, control numbers.
@Suite(.blocking) struct ClaimBuildTests {
    static let today = Day(year: 2026, month: 11, day: 22)!
    static let roster = """
        Student ID,School,Last Name,First Name,Birthdate,Grade,Sex,Address,City,State,Zip Code
        1001,1,Garcia,Ana,04/12/2012,5,F,12 Oak St,Lincoln,CA,95648-1001
        1002,1,Nguyen,Mai,05/13/2013,4,F,,,,
        1003,2,Smith,Sam,06/14/2011,6,M,40 Elm Ave,Lincoln,CA,95648
        1004,2,Diaz,Ben,07/15/2011,6,M,41 Elm Ave,Lincoln,CA,95648

        """
    static let members = """
        MemberId,CIN,LastName,FirstName,DateOfBirth,EligibilityStart,EligibilityEnd,AidCode,PlanCode,CountyCode
        M1,,Garcia,Ana,2012-04-12,2026-07-01,,1X,HPSM01,41
        M2,,Nguyen,Mai,2013-05-13,2026-07-01,,1X,HPSM01,41
        M3,,Smith,Sam,2011-06-14,2026-07-01,2026-10-06,1X,HPSM01,41

        """
    /// The practitioner roster: the speech-language pathologist most services name, and a social worker.
    static let practitioners = """
        NPI,Name,Type,License,Valid From,Valid To
        1234567893,"Rivera, Ana",SLP,SP-20417,08/01/2020,
        1987654328,"Okafor, Ben",LCSW,LCS-88213,01/01/2021,06/30/2027

        """
    static let serviceHeader =
        "Student ID,Service Date,Start Time,End Time,Minutes,Billing Code,Modifiers,Units,Place of Service,Rendering NPI,Rendering Name,Diagnosis Codes,Group or Individual,Parental Consent\n"

    static func service(
        _ student: String, _ date: String, _ start: String = "09:00", code: String = "92507",
        consent: String = "Y", npi: String = "1234567893"
    ) -> String {
        let modifier = code == "92507" ? "GN" : ""
        let (end, minutes) = code == "90834" ? ("09:45", "45") : ("09:30", "30")
        return
            "\(student),\(date),\(start),\(start == "09:00" ? end : ""),\(minutes),\(code),\(modifier),1,03,\(npi),\"Rivera, Ana\",F80.2,I,\(consent)"
    }

    /// A gateway with the roster, the member batch, the practitioner roster and the given services loaded.
    static func loaded(_ services: [String], workspace: Workspace) throws -> Gateway {
        let gateway = try workspace.gateway(today: today)
        for (name, text) in [
            ("students.csv", roster), ("member_batch.csv", members), ("practitioners.csv", practitioners),
        ] {
            let job = try gateway.ingest(path: workspace.write(name, text), source: "lincoln-usd")
            #expect(job.state == .done, "\(name): \(job.lastError ?? "")")
        }
        try ingestServices(services, gateway: gateway, workspace: workspace, name: "spi_services.csv")
        return gateway
    }

    static func ingestServices(_ services: [String], gateway: Gateway, workspace: Workspace, name: String) throws {
        let job = try gateway.ingest(
            path: workspace.write(name, serviceHeader + services.joined(separator: "\n") + "\n"), source: "lincoln-usd")
        let messages = try gateway.ledger.jobs.exceptions(jobID: #require(job.id)).map(\.message)
        #expect(job.state == .done)
        #expect(messages == [])
    }

    @Test func servicesBecomeOneBatchAndAreNeverBilledTwice() throws {
        let workspace = try Workspace()
        let gateway = try Self.loaded(
            [
                Self.service("1001", "10/05/2026"), Self.service("1001", "10/06/2026"),
                Self.service("1001", "10/07/2026", code: "90834", npi: "1987654328"),  // CYBHI's: not lea-bop's concern
                Self.service("1002", "10/05/2026"),  // no address
                Self.service("1003", "10/05/2026"), Self.service("1003", "10/07/2026"),  // eligibility ended 10/06
                Self.service("1004", "10/05/2026"),  // not in the member batch
                Self.service("1001", "10/08/2026", "10:00", consent: "N"),
            ], workspace: workspace)
        let summary = try gateway.buildClaims(payer: "lea-bop")
        #expect(summary.servicesConsidered == 8)
        #expect(summary.servicesBilled == 3)
        #expect(summary.servicesForOtherPayers == 1)
        #expect(summary.excluded == ["subscriber-address-missing": 1, "not-eligible": 2, "no-consent": 1])
        #expect(
            summary.servicesConsidered == summary.servicesBilled + summary.servicesForOtherPayers
                + summary.excluded.values.reduce(0, +))
        #expect(summary.claims == 2)  // 1001's two October services on one claim, 1003's first on another
        #expect(summary.totalCents == 3 * 5200)
        #expect(summary.controlNumber == 1)
        let file = try #require(summary.file)
        #expect(file.hasSuffix("/lea-bop/837P/lea-bop-000000001.x12"))
        let batchID = try #require(summary.batchID)
        let batch = try #require(try gateway.ledger.claims.claimBatch(id: batchID))
        #expect(batch.state == .built)
        #expect(batch.claims == 2 && batch.lines == 3 && batch.totalCents == 15600)
        #expect(batch.sha256 == (try Deliverer.sha256(of: file)))

        let report = try workspace.read(try #require(summary.exceptionReport))
        let rows = report.split(whereSeparator: \.isNewline).dropFirst()
        #expect(rows.count == 4)
        #expect(
            rows.contains {
                $0.hasPrefix("lincoln-usd,1002,2026-10-05,09:00,1234567893,92507,subscriber-address-missing,")
            })
        #expect(rows.contains { $0.contains(",1003,2026-10-07,") && $0.contains(",not-eligible,") })

        let again = try gateway.buildClaims(payer: "lea-bop")
        #expect(again.batchID == nil)
        #expect(again.servicesBilled == 0)
        #expect(again.servicesConsidered == 5)  // only the unbilled ones are looked at again
        let billed = try gateway.ledger.dump(
            sql: "SELECT COUNT(*), COUNT(DISTINCT service_date || student_id || start_time) FROM billed_services")
        #expect(billed == [["3", "3"]])

        try Self.ingestServices(
            [Self.service("1001", "10/20/2026")], gateway: gateway, workspace: workspace, name: "spi_more.csv")
        let third = try gateway.buildClaims(payer: "lea-bop")
        #expect(third.controlNumber == 2)
        #expect(third.claims == 1)
        let pcns = try gateway.ledger.dump(sql: "SELECT pcn FROM claims ORDER BY id").map { $0[0] }
        #expect(pcns == ["DG000000001", "DG000000002", "DG000000003"])
    }

    @Test func theBillingPayersFilingLimitDecidesNotTheServiceLog() throws {
        let workspace = try Workspace()
        // More than a year old: the service log takes it (the one-year rule is the payer's, not the file's).
        let gateway = try Self.loaded(
            [
                Self.service("1001", "10/15/2025"), Self.service("1001", "05/29/2026"),
                Self.service("1001", "05/01/2026", "10:00"), Self.service("1001", "10/05/2026"),
            ], workspace: workspace)
        // lea-bop (Medi-Cal): six months after the month of service; April is past on November 22, May is not.
        let summary = try gateway.buildClaims(payer: "lea-bop")
        #expect(summary.excluded["filing-limit-passed"] == 1)
        let report = try workspace.read(try #require(summary.exceptionReport))
        let late = try #require(report.split(whereSeparator: \.isNewline).first { $0.contains("filing-limit-passed") })
        #expect(late.contains("2025-10-15") && late.contains("2026-04-30"))
        #expect(!late.contains("Garcia"))
    }

    @Test func aDryRunRecordsAndWritesNothing() throws {
        let workspace = try Workspace()
        let gateway = try Self.loaded([Self.service("1001", "10/05/2026")], workspace: workspace)
        let dry = try gateway.buildClaims(payer: "lea-bop", dryRun: true)
        #expect(dry.servicesBilled == 1 && dry.claims == 1 && dry.batchID == nil && dry.exceptionReport == nil)
        #expect(
            try gateway.ledger.dump(sql: "SELECT COUNT(*) FROM claims UNION ALL SELECT COUNT(*) FROM control_numbers")
                == [["0"], ["0"]])
        #expect(!FileManager.default.fileExists(atPath: workspace.root + "/Outbox/lea-bop/837P"))
        let real = try gateway.buildClaims(payer: "lea-bop")
        #expect(real.controlNumber == 1)
    }

    @Test func throughLimitsTheServiceDates() throws {
        let workspace = try Workspace()
        let gateway = try Self.loaded(
            [Self.service("1001", "10/05/2026"), Self.service("1001", "10/20/2026")], workspace: workspace)
        let summary = try gateway.buildClaims(payer: "lea-bop", through: Day(year: 2026, month: 10, day: 10))
        #expect(summary.servicesConsidered == 1)
        #expect(summary.servicesBilled == 1)
    }

    @Test func anUnknownPayerIsAClearError() throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway(today: Self.today)
        #expect {
            try gateway.buildClaims(payer: "nobody")
        } throws: { error in
            (error as? GatewayError)?.message.contains(
                "unknown payer 'nobody'; payer profiles: cybhi, lea-bop, ndis-demo") == true
        }
    }

    @Test func controlNumbersNeverRepeatAcrossAThousandBatchesAndReopenings() throws {
        let workspace = try Workspace()
        var numbers: [Int] = []
        for round in 0..<10 {
            let ledger = try Ledger(path: workspace.root + "/dropgate.sqlite")
            for _ in 0..<100 {
                numbers.append(try ledger.claims.buildClaims { try $0.nextControlNumber(payer: "lea-bop") })
            }
            // A rolled-back build takes no number.
            struct Abort: Error {}
            _ = try? ledger.claims.buildClaims { session -> Int in
                _ = try session.nextControlNumber(payer: "lea-bop")
                throw Abort()
            }
            _ = round
        }
        #expect(numbers == Array(1...1000))
        let other = try Ledger(path: workspace.root + "/dropgate.sqlite")
        #expect(try other.claims.buildClaims { try $0.nextControlNumber(payer: "cybhi") } == 1)
    }
}

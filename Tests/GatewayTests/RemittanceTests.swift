import Claims
import Foundation
import Mapping
import Store
import Testing

@testable import Gateway

/// 835, 999 and TA1 through the real gateway: reconciliation, balance exceptions, acknowledgments.
@Suite struct RemittanceTests {
    /// A workspace with a payer inbox for lea-bop, and optionally every claim in its own transaction set.
    static func workspace(claimsPerSet: Int? = nil) throws -> Workspace {
        var mappings: String?
        if let claimsPerSet {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mappings-\(UUID().uuidString)")
                .path
            try FileManager.default.copyItem(atPath: Workspace.repositoryRoot + "/Mappings", toPath: folder)
            let profile = folder + "/payers/lea-bop.yaml"
            let text = try String(contentsOfFile: profile, encoding: .utf8)
                .replacingOccurrences(
                    of: "max_lines_per_claim: 50", with: "max_lines_per_claim: 50\nmax_claims_per_set: \(claimsPerSet)")
            try text.write(toFile: profile, atomically: true, encoding: .utf8)
            mappings = folder
        }
        let workspace = try Workspace(mappings: mappings)
        var inbox = SourceConfig(id: "lea-bop-inbox", path: workspace.root + "/Inbox/lea-bop-inbox", stableAfter: 0)
        inbox.payer = "lea-bop"
        workspace.config.sources.append(inbox)
        return workspace
    }

    static let services = [
        ClaimBuildTests.service("1001", "10/05/2026"), ClaimBuildTests.service("1001", "10/06/2026"),
        ClaimBuildTests.service("1001", "11/02/2026"), ClaimBuildTests.service("1002", "10/05/2026"),
        ClaimBuildTests.service("1003", "10/05/2026"), ClaimBuildTests.service("1001", "11/03/2026", "10:00"),
    ]

    /// Loads the fixtures with an address for 1002, builds lea-bop's batch and returns it.
    static func built(_ workspace: Workspace) throws -> (Gateway, ClaimBuildSummary) {
        let gateway = try ClaimBuildTests.loaded(Self.services, workspace: workspace)
        let summary = try gateway.buildClaims(payer: "lea-bop")
        return (gateway, summary)
    }

    static func ingest(_ gateway: Gateway, _ workspace: Workspace, _ name: String, _ text: String) throws -> JobRecord {
        try gateway.ingest(path: workspace.write(name, text), source: "lea-bop-inbox")
    }

    @Test func theSimulatedPayersAnswersCloseTheLoop() throws {
        let workspace = try Self.workspace()
        let (gateway, summary) = try Self.built(workspace)
        #expect(summary.claims == 3)
        let files = try gateway.simulatePayer(payer: "lea-bop")
        #expect(
            files.map { ($0 as NSString).lastPathComponent } == [
                "lea-bop-000000001.999.x12", "lea-bop-000000001.835.x12",
            ])
        let finished = gateway.runPass()
        #expect(Set(finished.compactMap(\.kind)) == ["x12-999", "x12-835"])
        #expect(finished.allSatisfy { $0.state == .done })
        let batchID = try #require(summary.batchID)
        #expect(try gateway.ledger.claimBatch(id: batchID)?.state == "accepted")
        let statuses = try gateway.ledger.dump(sql: "SELECT status FROM claims ORDER BY id").map { $0[0] }
        #expect(statuses.allSatisfy { ["paid", "partial", "denied"].contains($0) }, "\(statuses)")
        #expect(Set(statuses).count == 3, "the simulator pays one in full, one partly and denies one")
        let paid = try gateway.ledger.dump(sql: "SELECT COUNT(*) FROM claims WHERE payer_claim_number IS NOT NULL")
        #expect(paid == [["3"]])
        let job = try #require(finished.first { $0.kind == "x12-835" })
        let summaryPath = gateway.layout.reconciliation(
            payer: "lea-bop", jobID: job.id!, name: job.originalName, suffix: "summary.json")
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: summaryPath)))
            as? [String: Any] ?? [:]
        #expect(json["balance_check"] as? String == "balanced")
        #expect((json["counts_by_status"] as? [String: Int])?.values.reduce(0, +) == job.rowsRead)
        #expect(json["denial_rate"] as? Double == (1.0 / 3.0).rounded(toPlaces: 4))
        #expect(json["average_days_to_payment"] as? Double == 14)
        let csv = try workspace.read(
            gateway.layout.reconciliation(
                payer: "lea-bop", jobID: job.id!, name: job.originalName, suffix: "reconciliation.csv"))
        #expect(csv.split(whereSeparator: \.isNewline).count == job.rowsRead + 1)

        // The same 835 again is a duplicate: nothing applied twice.
        let again = try gateway.ingest(path: job.filePath, source: "lea-bop-inbox")
        #expect(again.state == .duplicate)
    }

    @Test func aTA1RejectionRejectsTheBatchAndItsServicesAreBillableAgain() throws {
        let workspace = try Self.workspace()
        let (gateway, _) = try Self.built(workspace)
        let ta1 = X12Text.interchange(control: "900000001", body: ["TA1*000000001*261122*1200*R*024"], groups: 0)
        let job = try Self.ingest(gateway, workspace, "ta1.x12", ta1)
        #expect(job.state == .done, "\(job.lastError ?? "")")
        #expect(job.kind == "x12-ta1")
        #expect(try gateway.ledger.claimBatch(id: 1)?.state == "rejected")
        #expect(try gateway.ledger.claimBatch(id: 1)?.acknowledgment?.contains("TA1 R: 024") == true)
        #expect(try gateway.ledger.dump(sql: "SELECT DISTINCT status FROM claims") == [["rejected"]])
        let rebuilt = try gateway.buildClaims(payer: "lea-bop")
        #expect(rebuilt.servicesBilled == 5)
        #expect(rebuilt.controlNumber == 2)
    }

    @Test func a999RejectingOneSetOfTwoRejectsOnlyThatSetsClaims() throws {
        let workspace = try Self.workspace(claimsPerSet: 2)
        let (gateway, summary) = try Self.built(workspace)
        #expect(summary.claims == 3)
        let ack = X12Text.interchange(
            control: "900000002",
            body: [
                "GS*FA*DHCSLEABOP*LINCOLNUSD*20261122*1200*77*X*005010X231A1", "ST*999*0001*005010X231A1",
                "AK1*HC*1*005010X222A1", "AK2*837*0001*005010X222A1", "IK5*A", "AK2*837*0002*005010X222A1",
                "IK3*CLM*23*2300*8", "IK4*2*782*1", "IK5*R*5", "AK9*P*2*2*1", "SE*10*0001", "GE*1*77",
            ], groups: 1)
        let job = try Self.ingest(gateway, workspace, "ack.999.x12", ack)
        #expect(job.state == .done, "\(job.lastError ?? "")")
        #expect(job.inserted == 1 && job.rejected == 1)
        let bySet = try gateway.ledger.dump(sql: "SELECT set_control, status FROM claims ORDER BY id")
        #expect(bySet == [["0001", "accepted"], ["0001", "accepted"], ["0002", "rejected"]])
        let batch = try #require(try gateway.ledger.claimBatch(id: 1))
        #expect(batch.state == "partially-accepted")
        #expect(batch.acknowledgment?.contains("IK3 CLM at 23 code 8 (IK4 2 code 1)") == true)
        let rebuilt = try gateway.buildClaims(payer: "lea-bop")
        #expect(rebuilt.servicesBilled == 1, "only the rejected set's service is billed again")
    }

    @Test func an835ThatDoesNotBalanceIsReportedAndAnUnknownClaimIsNeverDropped() throws {
        let workspace = try Self.workspace()
        let (gateway, _) = try Self.built(workspace)
        let remit = X12Text.interchange(
            control: "900000003",
            body: [
                "GS*HP*DHCSLEABOP*LINCOLNUSD*20261201*1200*88*X*005010X221A1", "ST*835*0001",
                "BPR*I*95*C*CHK************20261201", "TRN*1*CHK95*1946000001", "N1*PR*MEDI-CAL LEA",
                "PER*BL*SUPPORT*TE*8005551212", "N1*PE*LINCOLN USD*XX*1467389254", "LX*1",
                "CLP*DG000000001*1*104*90**MC*PAY1*03*1", "CAS*CO*45*10", "NM1*QC*1*GARCIA*ANA",
                "CLP*DG999999999*1*10*10**MC*PAY2*03*1", "NM1*QC*1*NOBODY*KNOWN", "SE*13*0001", "GE*1*88",
            ], groups: 1)
        let job = try Self.ingest(gateway, workspace, "remit.835.x12", remit)
        #expect(job.state == .done, "\(job.lastError ?? "")")
        #expect(job.rowsRead == 2 && job.inserted == 1 && job.rejected == 1)
        let rules = try gateway.ledger.exceptions(jobID: #require(job.id)).map(\.ruleId)
        #expect(rules.contains("835-claim-balance"), "104 − 90 ≠ 10")
        #expect(rules.contains("835-unmatched-claim"))
        #expect(rules.contains("835-transaction-balance"), "BPR02 95 ≠ 90 + 10")
        #expect(try gateway.ledger.claimRecord("1")?.status == "partial")
        #expect(try gateway.ledger.claimRecord("1")?.paidCents == 9000)
        #expect(try gateway.ledger.remittedClaims(jobID: job.id!).map { $0[3] } == ["partial", "unmatched"])
    }

    @Test func aBrokenEnvelopeRejectsTheFileAndAppliesNothing() throws {
        let workspace = try Self.workspace()
        let (gateway, _) = try Self.built(workspace)
        let remit = X12Text.interchange(
            control: "900000004",
            body: [
                "GS*HP*DHCSLEABOP*LINCOLNUSD*20261201*1200*89*X*005010X221A1", "ST*835*0001",
                "BPR*I*90*C*CHK************20261201", "TRN*1*CHK90*1946000001", "N1*PR*MEDI-CAL LEA",
                "PER*BL*SUPPORT*TE*8005551212", "N1*PE*LINCOLN USD*XX*1467389254", "LX*1",
                "CLP*DG000000001*1*104*90**MC*PAY1*03*1", "CAS*CO*45*14", "NM1*QC*1*GARCIA*ANA", "SE*99*0001",
                "GE*1*89",
            ], groups: 1)
        let job = try Self.ingest(gateway, workspace, "broken.835.x12", remit)
        #expect(job.state == .rejected)
        let exceptions = try gateway.ledger.exceptions(jobID: #require(job.id))
        #expect(exceptions.contains { $0.ruleId == "x12-envelope" && $0.row == 13 })
        #expect(try gateway.ledger.claimRecord("1")?.status == "built", "nothing of a rejected file is applied")
        #expect(try gateway.ledger.dump(sql: "SELECT COUNT(*) FROM remittance_claims") == [["0"]])
    }

    @Test func anX12FileOutsideAPayerInboxIsRejectedWithTheReason() throws {
        let workspace = try Self.workspace()
        let gateway = try workspace.gateway(today: ClaimBuildTests.today)
        let ta1 = X12Text.interchange(control: "900000005", body: ["TA1*000000001*261122*1200*A*000"], groups: 0)
        let job = try gateway.ingest(path: workspace.write("ta1.x12", ta1), source: "lincoln-usd")
        #expect(job.state == .rejected)
        #expect(job.lastError?.contains("no payer's inbox") == true)
    }
}

/// Hand-written interchanges for the tests (the ISA is fixed width; SE/GE/IEA are written by the test).
enum X12Text {
    static func interchange(control: String, body: [String], groups: Int) -> String {
        let isa =
            "ISA*00*          *00*          *ZZ*DHCSLEABOP     *ZZ*LINCOLNUSD     *261122*1200*^*00501*\(control)*0*T*:~"
        return ([isa] + body.map { $0 + "~" } + ["IEA*\(groups)*\(control)~"]).joined(separator: "\n") + "\n"
    }
}

extension Double {
    fileprivate func rounded(toPlaces places: Int) -> Double {
        let factor = (0..<places).reduce(1.0) { value, _ in value * 10 }
        return (self * factor).rounded() / factor
    }
}

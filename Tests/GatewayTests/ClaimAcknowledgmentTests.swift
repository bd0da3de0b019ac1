import Claims
import Foundation
import Mapping
import PayerSimulator
import TestThreads
import Testing

@testable import Gateway
@testable import Store

/// 277CA claim acknowledgments (005010X214) through the real gateway.
@Suite(.blocking) struct ClaimAcknowledgmentTests {
    /// A 277CA answering one claim (`STC01` as given, `REF*1K` when a payer number is given).
    static func acknowledgment(pcn: String, stc: String, action: String, payerNumber: String?, control: String)
        -> String
    {
        let claim =
            ["HL*4*3*PT", "NM1*QC*1*GARCIA*ANA****MI*M1", "TRN*2*\(pcn)", "STC*\(stc)*20261122*\(action)*104"]
            + (payerNumber.map { ["REF*1K*\($0)"] } ?? []) + ["DTP*472*RD8*20261005-20261006"]
        let body =
            [
                "BHT*0085*08*SIM277*20261122*1200*TH", "HL*1**20*1", "NM1*PR*2*MEDI-CAL LEA*****PI*610442",
                "TRN*1*SIM277", "DTP*050*D8*20261121", "DTP*009*D8*20261122", "HL*2*1*21*1",
                "NM1*41*2*LINCOLN USD*****46*LINCOLNUSD", "TRN*2*1", "STC*A1:19:PR*20261122*WQ*104", "HL*3*2*19*1",
                "NM1*85*2*LINCOLN USD*****XX*1467389254", "TRN*1*0", "STC*A1:19:PR**WQ*104",
            ] + claim
        return X12Text.interchange(
            control: control,
            body: [
                "GS*HN*DHCSLEABOP*LINCOLNUSD*20261122*1200*\(control.suffix(4))*X*005010X214", "ST*277*0001*005010X214",
            ]
                + body + ["SE*\(body.count + 2)*0001", "GE*1*\(control.suffix(4))"], groups: 1)
    }

    static func oneClaim(_ workspace: Workspace) throws -> Gateway {
        let gateway = try ClaimBuildTests.loaded(
            [ClaimBuildTests.service("1001", "10/05/2026"), ClaimBuildTests.service("1001", "10/06/2026")],
            workspace: workspace)
        #expect(try gateway.buildClaims(payer: "lea-bop").claims == 1)
        return gateway
    }

    @Test func theSimulatedPayersClaimAcknowledgmentIsApplied() throws {
        let workspace = try RemittanceTests.workspace()
        let (gateway, summary) = try RemittanceTests.built(workspace)
        #expect(summary.claims == 3)
        let files = try gateway.simulatePayer(payer: "lea-bop", claimAcknowledgment: true)
        #expect(
            files.map { ($0 as NSString).lastPathComponent } == [
                "lea-bop-000000001.999.x12", "lea-bop-000000001.277.x12", "lea-bop-000000001.835.x12",
            ])
        let finished = gateway.runPass()
        #expect(Set(finished.compactMap(\.kind)) == ["x12-999", "x12-277", "x12-835"])
        #expect(finished.allSatisfy { $0.state == .done }, "\(finished.map { $0.lastError ?? "" })")
        let ack = try #require(finished.first { $0.kind == "x12-277" })
        #expect(ack.rowsRead == 3 && ack.updated == 2 && ack.rejected == 1)
        let exceptions = try gateway.ledger.jobs.exceptions(jobID: #require(ack.id))
        #expect(exceptions.map(\.ruleId) == ["277-claim-rejected"])
        let statuses = try gateway.ledger.dump(sql: "SELECT status FROM claims ORDER BY id").map { $0[0] }
        #expect(statuses.filter { $0 == "rejected-by-payer" }.count == 1, "\(statuses)")
        #expect(statuses.filter { ["paid", "partial", "denied"].contains($0) }.count == 2, "\(statuses)")
        let batchID = try #require(summary.batchID)
        #expect(try gateway.ledger.claims.claimBatch(id: batchID)?.state == .partiallyAccepted)
        let rejected = try #require(
            try gateway.ledger.dump(sql: "SELECT id FROM claims WHERE status = 'rejected-by-payer'").first)
        let claimID = try #require(Int64(rejected[0]))
        let codes = try gateway.claimStatuses(claimID: claimID)
        #expect(codes.count == 1 && codes[0].action == "U" && codes[0].information.verdict == .rejected)
        let record = try #require(try gateway.claimRecord(String(claimID)))
        let shown = ClaimListing.claim(
            record, claim: try #require(try gateway.claim(id: claimID)), batch: nil, statuses: codes)
        #expect(shown.contains("rejected-by-payer") && shown.contains("277CA statuses"))
        #expect(shown.contains(ClaimStatusCode.description(status: codes[0].status)))
        // The rejected claim's services are billable again; the others are not billed twice.
        let lines = try gateway.ledger.dump(sql: "SELECT COUNT(*) FROM claim_lines WHERE claim_id = \(claimID)")
        let rebuild = try gateway.buildClaims(payer: "lea-bop")
        #expect(rebuild.claims == 1 && [[String(rebuild.servicesBilled)]] == lines)
    }

    @Test func anAcceptedClaimKeepsThePayersNumberAndCanBeReplaced() throws {
        let workspace = try RemittanceTests.workspace()
        let gateway = try Self.oneClaim(workspace)
        let job = try RemittanceTests.ingest(
            gateway, workspace, "ack.277.x12",
            Self.acknowledgment(
                pcn: "DG000000001", stc: "A2:20:PR", action: "WQ", payerNumber: "PAYER-77", control: "900000030"))
        #expect(job.state == .done && job.kind == "x12-277", "\(job.lastError ?? "")")
        let claim = try #require(try gateway.ledger.claims.claimRecord("1"))
        #expect(claim.status == .acceptedByPayer && claim.payerClaimNumber == "PAYER-77")
        try gateway.ledger.claims.requestCorrection(claimID: 1, void: false)
        let replaced = try gateway.buildClaims(payer: "lea-bop")
        #expect(replaced.corrections == 1)
        #expect(try workspace.read(try #require(replaced.file)).contains("REF*F8*PAYER-77~"))
        // An 835 pays a claim the payer accepted.
        let paid = try RemittanceTests.ingest(
            gateway, workspace, "pay.835.x12",
            RemittanceTests.payment(pcn: "DG000000001", payerNumber: "PAYER-77", control: "900000031"))
        #expect(paid.state == .done && paid.rejected == 0)
        #expect(try gateway.ledger.claims.claimRecord("1")?.status == .paid)
    }

    @Test func a277CAAfterThePaymentKeepsThePaidState() throws {
        let workspace = try RemittanceTests.workspace()
        let gateway = try Self.oneClaim(workspace)
        _ = try RemittanceTests.ingest(
            gateway, workspace, "pay.835.x12",
            RemittanceTests.payment(pcn: "DG000000001", payerNumber: "PAYER-1", control: "900000040"))
        let job = try RemittanceTests.ingest(
            gateway, workspace, "late.277.x12",
            Self.acknowledgment(
                pcn: "DG000000001", stc: "A2:20:PR", action: "WQ", payerNumber: "OTHER", control: "900000041"))
        #expect(job.state == .done && job.unchanged == 1)
        let claim = try #require(try gateway.ledger.claims.claimRecord("1"))
        #expect(claim.status == .paid && claim.payerClaimNumber == "PAYER-1")
        #expect(try gateway.claimStatuses(claimID: 1).map(\.category) == ["A2"], "the acknowledgment is recorded")
    }

    @Test func aRejectionFreesTheServicesAndAnUnknownClaimIsReported() throws {
        let workspace = try RemittanceTests.workspace()
        let gateway = try Self.oneClaim(workspace)
        let job = try RemittanceTests.ingest(
            gateway, workspace, "reject.277.x12",
            Self.acknowledgment(
                pcn: "DG000000001", stc: "A7:164:IL", action: "U", payerNumber: nil, control: "900000050"))
        #expect(job.state == .done && job.rejected == 1)
        #expect(try gateway.ledger.claims.claimRecord("1")?.status == .rejectedByPayer)
        #expect(try gateway.ledger.dump(sql: "SELECT COUNT(*) FROM billed_services") == [["0"]])
        #expect(try gateway.ledger.claims.claimBatch(id: 1)?.state == .rejected)
        #expect(throws: StoreError.self, "a rejected claim cannot be replaced") {
            try gateway.ledger.claims.requestCorrection(claimID: 1, void: false)
        }
        let rebuilt = try gateway.buildClaims(payer: "lea-bop")
        #expect(rebuilt.servicesBilled == 2)

        let unknown = try RemittanceTests.ingest(
            gateway, workspace, "unknown.277.x12",
            Self.acknowledgment(pcn: "DG999999999", stc: "A2:20", action: "WQ", payerNumber: "X", control: "900000051"))
        #expect(unknown.state == .done && unknown.rejected == 1)
        let exceptions = try gateway.ledger.jobs.exceptions(jobID: #require(unknown.id))
        #expect(exceptions.map(\.ruleId) == ["277-unmatched-claim"] && exceptions[0].row == 20)
    }

    @Test func aMalformed277CAIsRejectedWithItsSegment() throws {
        let workspace = try RemittanceTests.workspace()
        let gateway = try Self.oneClaim(workspace)
        let text = Self.acknowledgment(
            pcn: "DG000000001", stc: "A2:20:PR", action: "WQ", payerNumber: nil, control: "900000060"
        )
        .replacingOccurrences(of: "STC*A2:20:PR*20261122*WQ*104~", with: "STC*A2:20:PR*20261122*WQ*1O4~")
        let job = try RemittanceTests.ingest(gateway, workspace, "bad.277.x12", text)
        #expect(job.state == .rejected)
        let exceptions = try gateway.ledger.jobs.exceptions(jobID: #require(job.id))
        #expect(exceptions.contains { $0.ruleId == "x12-malformed" && $0.row == 21 && $0.message.contains("STC04") })
        #expect(try gateway.ledger.claims.claimRecord("1")?.status == .built)
    }
}

import Claims
import Foundation
import Mapping
import PayerSimulator
import TestThreads
import Testing

@testable import Gateway
@testable import Store

/// 835, 999 and TA1 through the real gateway: reconciliation, balance exceptions, acknowledgments.
@Suite(.blocking) struct RemittanceTests {
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

    /// An interchange from lea-bop's payer to us around the given groups (GS..GE), one IEA group count.
    static func interchange(control: String, _ groups: [String]) -> String {
        X12Text.interchange(control: control, body: groups, groups: groups.filter { $0.hasPrefix("GS*") }.count)
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
        #expect(try gateway.ledger.claims.claimBatch(id: batchID)?.state == .accepted)
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
        #expect(try gateway.ledger.claims.claimBatch(id: 1)?.state == .rejected)
        #expect(try gateway.ledger.claims.claimBatch(id: 1)?.acknowledgment?.contains("TA1 R: 024") == true)
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
        let batch = try #require(try gateway.ledger.claims.claimBatch(id: 1))
        #expect(batch.state == .partiallyAccepted)
        #expect(batch.acknowledgment?.contains("IK3 CLM at 23 code 8 (IK4 2 code 1)") == true)
        let rebuilt = try gateway.buildClaims(payer: "lea-bop")
        #expect(rebuilt.servicesBilled == 1, "only the rejected set's service is billed again")
    }

    @Test func an835ThatDoesNotBalanceIsHeldAndAnUnknownClaimIsNeverDropped() throws {
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
        #expect(job.rowsRead == 2 && job.inserted == 0 && job.rejected == 2)
        let rules = try gateway.ledger.jobs.exceptions(jobID: #require(job.id)).map(\.ruleId)
        #expect(rules.contains("835-claim-balance"), "104 − 90 ≠ 10")
        #expect(rules.contains("835-transaction-balance"), "BPR02 95 ≠ 90 + 10")
        #expect(rules.contains("835-set-held"))
        #expect(
            try gateway.ledger.claims.claimRecord("1")?.status == .built, "a set that does not balance applies nothing")
        #expect(try gateway.ledger.claims.claimRecord("1")?.paidCents == nil)
        #expect(
            try gateway.ledger.remittance.remittedClaims(jobID: job.id!).map { $0[0] } == [
                "DG000000001", "DG999999999",
            ])
        #expect(try gateway.ledger.remittance.remittedClaims(jobID: job.id!).map { $0[3] } == ["held", "held"])
    }

    @Test func codesAndLengthsOutsideTheGuideInElementsNotActedOnAreWarningsAndTheFileIsApplied() throws {
        let workspace = try Self.workspace()
        let (gateway, _) = try Self.built(workspace)
        let long = String(repeating: "GARCIA", count: 11)
        let remit = Self.payment(pcn: "DG000000001", payerNumber: "PAY1", control: "900000006")
            .replacingOccurrences(of: "**MC*PAY1*", with: "**QQ*PAY1*")
            .replacingOccurrences(of: "NM1*QC*1*GARCIA*ANA", with: "NM1*QC*1*\(long)*ANA")
        let job = try Self.ingest(gateway, workspace, "codes.835.x12", remit)
        #expect(job.state == .done, "\(job.lastError ?? "")")
        let exceptions = try gateway.ledger.jobs.exceptions(jobID: #require(job.id))
        let code = try #require(exceptions.first { $0.ruleId == "835-code-invalid" }, "\(exceptions)")
        #expect((code.row, code.columnName, code.severity, code.value) == (10, "CLP06", "warning", "QQ"))
        let length = try #require(exceptions.first { $0.ruleId == "835-length-invalid" }, "\(exceptions)")
        #expect((length.row, length.columnName, length.severity, length.value) == (11, "NM103", "warning", nil))
        #expect(length.message.contains("66 characters") && !length.message.contains("GARCIA"))
        #expect(exceptions.count == 2)
        #expect(try gateway.ledger.claims.claimRecord("1")?.status == .paid)
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
        let exceptions = try gateway.ledger.jobs.exceptions(jobID: #require(job.id))
        #expect(exceptions.contains { $0.ruleId == "x12-envelope" && $0.row == 13 })
        #expect(try gateway.ledger.claims.claimRecord("1")?.status == .built, "nothing of a rejected file is applied")
        #expect(try gateway.ledger.dump(sql: "SELECT COUNT(*) FROM remittance_claims") == [["0"]])
    }

    /// A 999 for one batch, accepting or rejecting its only transaction set.
    static func acknowledgment(batch: Int, accept: Bool, control: String) -> String {
        X12Text.interchange(
            control: control,
            body: [
                "GS*FA*DHCSLEABOP*LINCOLNUSD*20261122*1200*\(batch)*X*005010X231A1", "ST*999*0001*005010X231A1",
                "AK1*HC*\(batch)*005010X222A1", "AK2*837*0001*005010X222A1", accept ? "IK5*A" : "IK5*R*5",
                "AK9*\(accept ? "A" : "R")*1*1*\(accept ? 1 : 0)", "SE*6*0001", "GE*1*\(batch)",
            ], groups: 1)
    }

    /// An 835 paying one 104.00 claim in full.
    static func payment(pcn: String, payerNumber: String, control: String, trace: String? = nil) -> String {
        X12Text.interchange(
            control: control,
            body: [
                "GS*HP*DHCSLEABOP*LINCOLNUSD*20261201*1200*\(control.suffix(4))*X*005010X221A1", "ST*835*0001",
                "BPR*I*104*C*CHK************20261201", "TRN*1*\(trace ?? "CHK" + control)*1946000001",
                "N1*PR*MEDI-CAL LEA",
                "PER*BL*SUPPORT*TE*8005551212", "N1*PE*LINCOLN USD*XX*1467389254", "LX*1",
                "CLP*\(pcn)*1*104*104**MC*\(payerNumber)*03*1", "NM1*QC*1*GARCIA*ANA", "SE*10*0001",
                "GE*1*\(control.suffix(4))",
            ], groups: 1)
    }

    @Test func replacementsAndVoidsTakeEffectWhenThePayerAcceptsThem() throws {
        let workspace = try Self.workspace()
        let gateway = try ClaimBuildTests.loaded(
            [ClaimBuildTests.service("1001", "10/05/2026"), ClaimBuildTests.service("1001", "10/06/2026")],
            workspace: workspace)
        #expect(try gateway.buildClaims(payer: "lea-bop").claims == 1)
        #expect(throws: StoreError.self) { try gateway.ledger.claims.requestCorrection(claimID: 1, void: false) }
        let paid = try Self.ingest(
            gateway, workspace, "pay1.835.x12",
            Self.payment(pcn: "DG000000001", payerNumber: "PCN-PAYER-1", control: "900000020"))
        #expect(paid.state == .done && paid.warnings == 0, "\(paid.lastError ?? "")")
        func billedTo() throws -> [[String]] {
            try gateway.ledger.dump(sql: "SELECT DISTINCT claim_id FROM billed_services")
        }

        // Replacement: frequency 7 with REF*F8, carrying the corrected roster; the original stands until the
        // payer accepts it.
        let corrected = ClaimBuildTests.roster.replacingOccurrences(
            of: "1001,1,Garcia,Ana", with: "1001,1,Garcia-Lopez,Ana")
        _ = try gateway.ingest(path: workspace.write("students_fixed.csv", corrected), source: "lincoln-usd")
        try gateway.ledger.claims.requestCorrection(claimID: 1, void: false)
        let replaced = try gateway.buildClaims(payer: "lea-bop")
        #expect(replaced.corrections == 1 && replaced.claims == 1 && replaced.servicesBilled == 0)
        let text = try workspace.read(try #require(replaced.file))
        #expect(text.contains("CLM*DG000000002*104***03:B:7*Y*A*Y*Y~"))
        #expect(text.contains("REF*F8*PCN-PAYER-1~"))
        #expect(text.contains("NM1*IL*1*GARCIA-LOPEZ*ANA****MI*M1~"))
        #expect(try gateway.ledger.claims.claimRecord("1")?.status == .paid)
        #expect(throws: StoreError.self, "one correction at a time") {
            try gateway.ledger.claims.requestCorrection(claimID: 1, void: true)
        }
        #expect(try billedTo() == [["2"]])
        _ = try Self.ingest(
            gateway, workspace, "ack2.999.x12", Self.acknowledgment(batch: 2, accept: true, control: "900000010"))
        #expect(try gateway.ledger.claims.claimRecord("1")?.status == .replaced)
        #expect(try gateway.ledger.claims.claimRecord("2")?.status == .accepted)

        // A rejected void hands the services back to the claim it would have voided.
        _ = try Self.ingest(
            gateway, workspace, "pay2.835.x12",
            Self.payment(pcn: "DG000000002", payerNumber: "PCN-PAYER-2", control: "900000021"))
        try gateway.ledger.claims.requestCorrection(claimID: 2, void: true)
        let void = try gateway.buildClaims(payer: "lea-bop")
        let voidText = try workspace.read(try #require(void.file))
        #expect(voidText.contains("03:B:8*Y*A*Y*Y~") && voidText.contains("REF*F8*PCN-PAYER-2~"))
        #expect(try billedTo() == [["3"]])
        _ = try Self.ingest(
            gateway, workspace, "ack3.999.x12", Self.acknowledgment(batch: 3, accept: false, control: "900000011"))
        #expect(try billedTo() == [["2"]])
        #expect(try gateway.ledger.claims.claimRecord("2")?.status == .paid)
        #expect(try gateway.buildClaims(payer: "lea-bop").servicesBilled == 0, "never billed twice")

        // An accepted void frees the services: the next build bills them as an original.
        try gateway.ledger.claims.requestCorrection(claimID: 2, void: true)
        #expect(try gateway.buildClaims(payer: "lea-bop").corrections == 1)
        _ = try Self.ingest(
            gateway, workspace, "ack4.999.x12", Self.acknowledgment(batch: 4, accept: true, control: "900000012"))
        #expect(try gateway.ledger.claims.claimRecord("2")?.status == .voided)
        #expect(try billedTo() == [])
        let rebill = try gateway.buildClaims(payer: "lea-bop")
        #expect(rebill.servicesBilled == 2 && rebill.controlNumber == 5)
    }

    @Test func agingListsClaimsWaitingForAnAcknowledgmentThenForPayment() throws {
        let workspace = try Self.workspace()
        let (gateway, _) = try Self.built(workspace)
        let later = Date().addingTimeInterval(3 * 86_400)
        #expect(
            try gateway.ledger.claims.agingClaims(acknowledgmentDays: 2, paymentDays: 30).isEmpty, "nothing waits yet")
        let waiting = try gateway.ledger.claims.agingClaims(acknowledgmentDays: 2, paymentDays: 30, now: later)
        #expect(waiting.count == 3)
        #expect(waiting.allSatisfy { $0[7] == "no acknowledgment after 3 days" })
        _ = try Self.ingest(
            gateway, workspace, "ack.999.x12", Self.acknowledgment(batch: 1, accept: true, control: "900000030"))
        #expect(try gateway.ledger.claims.agingClaims(acknowledgmentDays: 2, paymentDays: 30, now: later).isEmpty)
        // Payment is awaited from the acknowledgment, which came after `later` was taken: three days from now.
        let afterAcknowledgment = Date().addingTimeInterval(3 * 86_400)
        let unpaid = try gateway.ledger.claims.agingClaims(
            acknowledgmentDays: 2, paymentDays: 2, now: afterAcknowledgment)
        #expect(unpaid.map { $0[3] } == ["accepted", "accepted", "accepted"])
        #expect(unpaid.allSatisfy { $0[7] == "accepted, no payment after 3 days" })
    }

    @Test func a999RejectingTheGroupWithoutSetsRejectsTheBatch() throws {
        let workspace = try Self.workspace()
        let (gateway, _) = try Self.built(workspace)
        let ack = X12Text.interchange(
            control: "900000040",
            body: [
                "GS*FA*DHCSLEABOP*LINCOLNUSD*20261122*1200*40*X*005010X231A1", "ST*999*0001*005010X231A1",
                "AK1*HC*1*005010X222A1", "AK9*R*1*1*0*4", "SE*4*0001", "GE*1*40",
            ], groups: 1)
        let job = try Self.ingest(gateway, workspace, "group.999.x12", ack)
        #expect(job.state == .done, "\(job.lastError ?? "")")
        #expect(try gateway.ledger.claims.claimBatch(id: 1)?.state == .rejected)
        #expect(
            try gateway.ledger.claims.claimBatch(id: 1)?.acknowledgment?.contains("group rejected (AK905 4)") == true)
        #expect(try gateway.buildClaims(payer: "lea-bop").servicesBilled == 5)
    }

    @Test func a999NamingASetWeNeverSentIsReported() throws {
        let workspace = try Self.workspace()
        let (gateway, _) = try Self.built(workspace)
        let ack = X12Text.interchange(
            control: "900000041",
            body: [
                "GS*FA*DHCSLEABOP*LINCOLNUSD*20261122*1200*41*X*005010X231A1", "ST*999*0001*005010X231A1",
                "AK1*HC*1*005010X222A1", "AK2*837*0009*005010X222A1", "IK5*A", "AK9*A*1*1*1", "SE*6*0001",
                "GE*1*41",
            ], groups: 1)
        let job = try Self.ingest(gateway, workspace, "stray.999.x12", ack)
        #expect(job.rejected == 1 && job.inserted == 0)
        #expect(try gateway.ledger.jobs.exceptions(jobID: #require(job.id)).map(\.ruleId) == ["999-unmatched-set"])
        #expect(try gateway.ledger.claims.claimBatch(id: 1)?.state == .built)
    }

    @Test func aTA1TravellingWithA999IsAppliedToo() throws {
        let workspace = try Self.workspace()
        let (gateway, _) = try Self.built(workspace)
        let both = X12Text.interchange(
            control: "900000042",
            body: [
                "TA1*000000001*261122*1200*A*000", "GS*FA*DHCSLEABOP*LINCOLNUSD*20261122*1200*42*X*005010X231A1",
                "ST*999*0001*005010X231A1", "AK1*HC*1*005010X222A1", "AK2*837*0001*005010X222A1", "IK5*A",
                "AK9*A*1*1*1", "SE*6*0001", "GE*1*42",
            ], groups: 1)
        let job = try Self.ingest(gateway, workspace, "both.x12", both)
        #expect(job.state == .done && job.kind == "x12-999", "\(job.lastError ?? "")")
        let kinds = try gateway.ledger.dump(sql: "SELECT kind, result FROM acknowledgments ORDER BY seq")
        #expect(kinds == [["TA1", "A"], ["999", "A"]])
        #expect(try gateway.ledger.claims.claimBatch(id: 1)?.state == .accepted)
    }

    @Test func remarkCodesAreRecordedReportedAndShownWithTheClaim() throws {
        let workspace = try Self.workspace()
        let (gateway, _) = try Self.built(workspace)
        let denial = X12Text.interchange(
            control: "900000060",
            body: [
                "GS*HP*DHCSLEABOP*LINCOLNUSD*20261201*1200*60*X*005010X221A1", "ST*835*0001",
                "BPR*H*0*C*NON************20261201", "TRN*1*NOPAY60*1946000001", "N1*PR*MEDI-CAL LEA",
                "PER*BL*SUPPORT*TE*8005551212", "N1*PE*LINCOLN USD*XX*1467389254", "LX*1",
                "CLP*DG000000001*4*104*0**MC*PAY-1*03*1", "CAS*CO*96*104", "NM1*QC*1*GARCIA*ANA",
                "MOA***N130*MA130", "SE*12*0001", "GE*1*60",
            ], groups: 1)
        let job = try Self.ingest(gateway, workspace, "denial.835.x12", denial)
        #expect(job.state == .done)
        let id = try #require(job.id)
        #expect(try gateway.ledger.remittance.remittedClaims(jobID: id).map { $0[9] } == ["N130;MA130"])
        let claim = try #require(try gateway.ledger.claims.claimRecord("1"))
        #expect(try gateway.ledger.claims.remittances(claimID: claim.id).map(\.remarks) == [["N130", "MA130"]])
        let csv = try workspace.read(
            gateway.layout.reconciliation(
                payer: "lea-bop", jobID: id, name: job.originalName, suffix: "reconciliation.csv"))
        let rows = csv.split(whereSeparator: \.isNewline).map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let column = try #require(rows.first?.firstIndex(of: "remarks"))
        #expect(rows.dropFirst().map { String($0[column]) } == ["N130;MA130"])
    }

    @Test func aResent835AndAPaymentForARejectedClaimAreNotApplied() throws {
        let workspace = try Self.workspace()
        let (gateway, _) = try Self.built(workspace)
        let first = try Self.ingest(
            gateway, workspace, "pay.835.x12",
            Self.payment(pcn: "DG000000001", payerNumber: "PAY-1", control: "900000050", trace: "CHK777"))
        #expect(first.state == .done)
        // The same payment under a new interchange number: different bytes, same money.
        let resent = try Self.ingest(
            gateway, workspace, "resent.835.x12",
            Self.payment(pcn: "DG000000001", payerNumber: "PAY-1", control: "900000051", trace: "CHK777"))
        #expect(resent.state == .rejected)
        #expect(try gateway.ledger.jobs.exceptions(jobID: #require(resent.id)).map(\.ruleId) == ["835-already-applied"])

        _ = try Self.ingest(
            gateway, workspace, "reject.999.x12", Self.acknowledgment(batch: 1, accept: false, control: "900000052"))
        #expect(try gateway.ledger.claims.claimRecord("2")?.status == .rejected)
        let late = try Self.ingest(
            gateway, workspace, "late.835.x12",
            Self.payment(pcn: "DG000000002", payerNumber: "PAY-2", control: "900000053"))
        #expect(late.state == .done && late.rejected == 1)
        #expect(
            try gateway.ledger.jobs.exceptions(jobID: #require(late.id)).map(\.ruleId).contains("835-claim-not-live"))
        #expect(
            try gateway.ledger.claims.claimRecord("2")?.status == .rejected, "a rejected claim is not silently paid")
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

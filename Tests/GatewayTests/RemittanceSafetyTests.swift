import Claims
import Foundation
import TestThreads
import Testing

@testable import Gateway
@testable import Store

/// What is checked before an 835's money is applied (issue 12): set identity across interchanges and groups,
/// sender and payee, the claim as billed, balance, reversals and duplicate payments, and the order answers arrive.
@Suite(.blocking) struct RemittanceSafetyTests {
    /// One 835 transaction set, SE count filled in.
    static func set(
        _ control: String = "0001", payment: String, trace: String, payee: String = "N1*PE*LINCOLN USD*XX*1467389254",
        _ claims: [String]
    ) -> [String] {
        let body =
            [
                "BPR*I*\(payment)*C*CHK************20261201", "TRN*1*\(trace)*1946000001", "N1*PR*MEDI-CAL LEA",
                "PER*BL*SUPPORT*TE*8005551212", payee, "LX*1",
            ] + claims
        return ["ST*835*\(control)"] + body + ["SE*\(body.count + 2)*\(control)"]
    }

    /// One functional group around sets.
    static func group(_ control: String, _ sets: [[String]]) -> [String] {
        ["GS*HP*DHCSLEABOP*LINCOLNUSD*20261201*1200*\(control)*X*005010X221A1"] + sets.flatMap { $0 }
            + ["GE*\(sets.count)*\(control)"]
    }

    /// Claim DG000000001 (1001, October: two 92507 GN lines of 52.00) paid `paid` in full or part.
    static func claim1(paid: String = "104", charge: String = "104", pcn: String = "DG000000001") -> [String] {
        let paidCents = Int((Double(paid) ?? 0) * 100)
        let adjustment = 10_400 - paidCents
        var segments = ["CLP*\(pcn)*1*\(charge)*\(paid)**MC*PAY-1*03*1", "NM1*QC*1*GARCIA*ANA"]
        if adjustment != 0 { segments.append("CAS*CO*45*\(Money(cents: Int64(adjustment)))") }
        return segments
    }

    static func ingest(_ gateway: Gateway, _ workspace: Workspace, _ name: String, _ text: String) throws -> JobRecord {
        try gateway.ingest(path: workspace.write(name, text), source: "lea-bop-inbox")
    }

    static func rules(_ gateway: Gateway, _ job: JobRecord) throws -> [String] {
        try gateway.ledger.jobs.exceptions(jobID: #require(job.id)).map(\.ruleId)
    }

    @Test func twoInterchangesAndTwoGroupsThatEachNumberTheirSet0001AreAllApplied() throws {
        let workspace = try RemittanceTests.workspace()
        let (gateway, _) = try RemittanceTests.built(workspace)
        let first = RemittanceTests.interchange(
            control: "900000101",
            Self.group("501", [Self.set(payment: "104", trace: "T1", Self.claim1())])
                + Self.group(
                    "502",
                    [Self.set(payment: "0", trace: "T2", ["CLP*DG000000009*1*10*0**MC*P9*03*1", "CAS*CO*45*10"])]))
        let second = RemittanceTests.interchange(
            control: "900000102",
            Self.group(
                "501", [Self.set(payment: "0", trace: "T3", ["CLP*DG000000008*4*10*0**MC*P8*03*1", "CAS*CO*45*10"])]))
        let job = try Self.ingest(gateway, workspace, "two.835.x12", first + second)
        #expect(job.state == .done, "\(job.lastError ?? "")")
        #expect(
            try gateway.remittances(jobID: #require(job.id)).map { Array($0[0...3]) + [$0[11]] } == [
                ["1", "900000101", "501", "0001", "applied"], ["2", "900000101", "502", "0001", "applied"],
                ["3", "900000102", "501", "0001", "applied"],
            ])
        #expect(try gateway.ledger.claims.claimRecord("1")?.paidCents == 10_400)
        #expect(job.rowsRead == 3 && job.inserted == 1 && job.rejected == 2)
    }

    @Test func anInterchangeFromAnotherSenderIsRejected() throws {
        let workspace = try RemittanceTests.workspace()
        let (gateway, _) = try RemittanceTests.built(workspace)
        let text = RemittanceTests.interchange(
            control: "900000103", Self.group("503", [Self.set(payment: "104", trace: "T4", Self.claim1())])
        ).replacingOccurrences(of: "ZZ*DHCSLEABOP     ", with: "ZZ*OTHERPAYER     ")
        let job = try Self.ingest(gateway, workspace, "other.835.x12", text)
        #expect(job.state == .rejected)
        #expect(try Self.rules(gateway, job) == ["x12-sender-mismatch"])
        #expect(job.lastError?.contains("ISA06 'OTHERPAYER'") == true, "\(job.lastError ?? "")")
        #expect(try gateway.ledger.claims.claimRecord("1")?.paidCents == nil)
    }

    @Test func an835PayingAnotherPayeeIsRejected() throws {
        let workspace = try RemittanceTests.workspace()
        let (gateway, _) = try RemittanceTests.built(workspace)
        for (name, payee) in [
            ("npi", "N1*PE*SOMEONE ELSE*XX*1234567893"), ("tin", "N1*PE*SOMEONE ELSE*FI*941111111"),
            ("plan", "N1*PE*SOMEONE ELSE*XV*PLAN1"),
        ] {
            let text = RemittanceTests.interchange(
                control: "900000104",
                Self.group("504", [Self.set(payment: "104", trace: "T5", payee: payee, Self.claim1())]))
            let job = try Self.ingest(gateway, workspace, "\(name).835.x12", text)
            #expect(job.state == .rejected, "\(name)")
            #expect(try Self.rules(gateway, job) == ["835-payee-mismatch"], "\(name)")
        }
        let byTIN = RemittanceTests.interchange(
            control: "900000105",
            Self.group(
                "505", [Self.set(payment: "104", trace: "T6", payee: "N1*PE*LINCOLN USD*FI*946001234", Self.claim1())]))
        #expect(try Self.ingest(gateway, workspace, "tin-ok.835.x12", byTIN).state == .done, "our TIN is our payee")
        #expect(try gateway.ledger.claims.claimRecord("1")?.paidCents == 10_400)
    }

    @Test func aClaimWhoseChargeOrLinesAreNotWhatWasBilledIsNotApplied() throws {
        let workspace = try RemittanceTests.workspace()
        let (gateway, _) = try RemittanceTests.built(workspace)
        // CLP03 52.00 against 104.00 billed, paying 120.00: the mis-application the issue found.
        let charge = RemittanceTests.interchange(
            control: "900000106",
            Self.group(
                "506",
                [Self.set(payment: "120", trace: "T7", ["CLP*DG000000001*1*52*120**MC*PAY-1*03*1", "CAS*CO*45*-68"])]))
        let job = try Self.ingest(gateway, workspace, "charge.835.x12", charge)
        #expect(job.state == .done && job.rejected == 1 && job.inserted == 0, "\(job.lastError ?? "")")
        #expect(try Self.rules(gateway, job) == ["835-charge-mismatch"])
        let message = try gateway.ledger.jobs.exceptions(jobID: #require(job.id)).first?.message ?? ""
        #expect(message.contains("expected 104.00, found 52.00, difference -52.00"), "\(message)")
        #expect(try gateway.ledger.claims.claimRecord("1")?.paidCents == nil)
        #expect(try gateway.ledger.claims.claimRecord("1")?.status == .built)

        // A line for a procedure never billed on the claim.
        let line = RemittanceTests.interchange(
            control: "900000107",
            Self.group(
                "507",
                [
                    Self.set(
                        payment: "104", trace: "T8",
                        [
                            "CLP*DG000000001*1*104*104**MC*PAY-1*03*1", "NM1*QC*1*GARCIA*ANA",
                            "SVC*HC:92507:GN*52*52**1",
                            "DTM*472*20261005", "SVC*HC:97110*52*52**1", "DTM*472*20261006",
                        ])
                ]))
        let lineJob = try Self.ingest(gateway, workspace, "line.835.x12", line)
        #expect(try Self.rules(gateway, lineJob) == ["835-line-mismatch"])
        #expect(try gateway.ledger.claims.claimRecord("1")?.paidCents == nil)
        #expect(
            try gateway.ledger.dump(sql: "SELECT COUNT(*) FROM claim_lines WHERE paid_cents IS NOT NULL") == [["0"]])

        // The same claim with its lines as billed is applied, line by line.
        let right = line.replacingOccurrences(of: "SVC*HC:97110*52*52", with: "SVC*HC:92507:GN*52*52")
            .replacingOccurrences(of: "900000107", with: "900000108").replacingOccurrences(of: "T8", with: "T9")
        let rightJob = try Self.ingest(gateway, workspace, "right.835.x12", right)
        let rightRules = try Self.rules(gateway, rightJob)
        #expect(rightJob.inserted == 1 && rightJob.warnings == 0, "\(rightRules)")
        #expect(
            try gateway.ledger.dump(sql: "SELECT line, paid_cents FROM claim_lines WHERE claim_id = 1 ORDER BY line")
                == [["1", "5200"], ["2", "5200"]])
    }

    @Test func aSetThatDoesNotBalanceIsHeldUntilReleased() throws {
        let workspace = try RemittanceTests.workspace()
        let (gateway, _) = try RemittanceTests.built(workspace)
        // Set 1 balances and is applied; set 2 says 95.00 for 90.00 of claims: held, nothing of it applied.
        let text = RemittanceTests.interchange(
            control: "900000109",
            Self.group(
                "509",
                [
                    Self.set("0001", payment: "104", trace: "T10", Self.claim1()),
                    Self.set(
                        "0002", payment: "95", trace: "T11",
                        [
                            "CLP*DG000000002*1*104*90**MC*PAY-2*03*1", "CAS*CO*45*10", "NM1*QC*1*GARCIA*ANA",
                            "CLP*DG999999999*1*10*10**MC*PAY-X*03*1",
                        ]),
                ]))
        let job = try Self.ingest(gateway, workspace, "held.835.x12", text)
        let id = try #require(job.id)
        #expect(job.state == .done, "\(job.lastError ?? "")")
        #expect(job.rowsRead == 3 && job.inserted == 1 && job.rejected == 2)
        let exceptions = try gateway.ledger.jobs.exceptions(jobID: id)
        #expect(
            Set(exceptions.map(\.ruleId)) == ["835-claim-balance", "835-transaction-balance", "835-set-held"],
            "\(exceptions.map(\.ruleId))")
        let claimBalance = try #require(exceptions.first { $0.ruleId == "835-claim-balance" })
        #expect(
            claimBalance.message.contains("expected 14.00, found 10.00, difference -4.00"), "\(claimBalance.message)")
        #expect(try gateway.ledger.claims.claimRecord("1")?.paidCents == 10_400, "set 1 balances: applied")
        #expect(try gateway.ledger.claims.claimRecord("2")?.paidCents == nil, "set 2 is held")
        #expect(try gateway.ledger.claims.claimRecord("2")?.status == .built)
        #expect(try gateway.remittances(jobID: id).map { $0[11] } == ["applied", "held"])
        #expect(
            try gateway.ledger.remittance.remittedClaims(jobID: id).map { $0[3] } == ["paid", "held", "held"],
            "every remitted claim is recorded, the unknown one too")
        let csv = try workspace.read(
            gateway.layout.reconciliation(
                payer: "lea-bop", jobID: id, name: job.originalName, suffix: "reconciliation.csv"))
        #expect(csv.split(whereSeparator: \.isNewline).count == 4, "header and one row per remitted claim:\n\(csv)")
        #expect(csv.components(separatedBy: ",held,").count == 3, "\(csv)")

        // The operator releases it: applied from the archived file, each claim still checked.
        let release = try gateway.releaseHeldRemittance(jobID: id, set: 2)
        #expect(release.counts.read == 2 && release.counts.inserted == 1 && release.counts.rejected == 1)
        #expect(try gateway.ledger.claims.claimRecord("2")?.paidCents == 9_000)
        #expect(try gateway.remittances(jobID: id).map { $0[11] } == ["applied", "released"])
        #expect(
            try gateway.ledger.remittance.remittedClaims(jobID: id).map { $0[3] } == ["paid", "partial", "unmatched"])
        #expect(throws: StoreError.self, "a set is released once") {
            try gateway.releaseHeldRemittance(jobID: id, set: 2)
        }
    }

    @Test func aBrokenResendIsReportedAsBrokenAndResent() throws {
        let workspace = try RemittanceTests.workspace()
        let (gateway, _) = try RemittanceTests.built(workspace)
        let good = RemittanceTests.interchange(
            control: "900000110", Self.group("510", [Self.set(payment: "104", trace: "T12", Self.claim1())]))
        #expect(try Self.ingest(gateway, workspace, "good.835.x12", good).state == .done)
        let broken = RemittanceTests.interchange(
            control: "900000111", Self.group("511", [Self.set(payment: "104", trace: "T12", Self.claim1(paid: "90"))])
        ).replacingOccurrences(of: "GE*1*511", with: "GE*2*511")
        let job = try Self.ingest(gateway, workspace, "broken.835.x12", broken)
        #expect(job.state == .rejected)
        let rules = try Self.rules(gateway, job)
        #expect(rules.contains("x12-envelope"), "\(rules)")
        #expect(job.lastError?.contains("GE01") == true, "the broken envelope is the reason: \(job.lastError ?? "")")
        #expect(rules.contains("835-already-applied") && rules.contains("835-transaction-balance"), "\(rules)")
    }

    @Test func reversalsMustMirrorThePaymentAndASecondPaymentIsADuplicate() throws {
        let workspace = try RemittanceTests.workspace()
        let (gateway, _) = try RemittanceTests.built(workspace)
        let paid = RemittanceTests.interchange(
            control: "900000112",
            Self.group("512", [Self.set(payment: "41.60", trace: "T13", Self.claim1(paid: "41.60"))]))
        #expect(try Self.ingest(gateway, workspace, "paid.835.x12", paid).inserted == 1)
        // A reversal of 39.20 against a claim paid 41.60, and a payment of a claim nobody paid yet reversed.
        let wrong = RemittanceTests.interchange(
            control: "900000113",
            Self.group(
                "513",
                [
                    Self.set(
                        payment: "-39.20", trace: "T14",
                        ["CLP*DG000000001*22*-104*-39.20**MC*PAY-1*03*1", "CAS*CO*45*-64.80"])
                ]))
        let wrongJob = try Self.ingest(gateway, workspace, "wrong.835.x12", wrong)
        #expect(try Self.rules(gateway, wrongJob) == ["835-reversal-mismatch"])
        #expect(try gateway.ledger.claims.claimRecord("1")?.paidCents == 4_160)

        // Two sets in one file paying the same claim: the second is a duplicate payment.
        let twice = RemittanceTests.interchange(
            control: "900000114",
            Self.group(
                "514",
                [
                    Self.set("0001", payment: "104", trace: "T15", Self.claim1(pcn: "DG000000002")),
                    Self.set("0002", payment: "104", trace: "T16", Self.claim1(pcn: "DG000000002")),
                ]))
        let twiceJob = try Self.ingest(gateway, workspace, "twice.835.x12", twice)
        #expect(try Self.rules(gateway, twiceJob) == ["835-duplicate-payment"])
        #expect(try gateway.ledger.claims.claimRecord("2")?.paidCents == 10_400, "paid once, not 208.00")

        // The mirrored reversal and the corrected payment after it are applied.
        let corrected = RemittanceTests.interchange(
            control: "900000115",
            Self.group(
                "515",
                [
                    Self.set(
                        payment: "62.40", trace: "T17",
                        ["CLP*DG000000001*22*-104*-41.60**MC*PAY-1*03*1", "CAS*CO*45*-62.40"]
                            + Self.claim1(paid: "104").map { $0.replacingOccurrences(of: "PAY-1", with: "PAY-1B") })
                ]))
        let correctedJob = try Self.ingest(gateway, workspace, "corrected.835.x12", corrected)
        let correctedRules = try Self.rules(gateway, correctedJob)
        #expect(correctedJob.inserted == 2 && correctedJob.rejected == 0, "\(correctedRules)")
        #expect(try gateway.ledger.claims.claimRecord("1")?.paidCents == 10_400)
        #expect(try gateway.ledger.claims.claimRecord("1")?.status == .paid)
    }

    @Test func a999RejectionPutsItsSegmentAndElementErrorsOnTheJob() throws {
        let workspace = try RemittanceTests.workspace(claimsPerSet: 2)
        let (gateway, _) = try RemittanceTests.built(workspace)
        let ack = X12Text.interchange(
            control: "900000116",
            body: [
                "GS*FA*DHCSLEABOP*LINCOLNUSD*20261122*1200*77*X*005010X231A1", "ST*999*0001*005010X231A1",
                "AK1*HC*1*005010X222A1", "AK2*837*0001*005010X222A1", "IK5*A", "AK2*837*0002*005010X222A1",
                "IK3*CLM*23*2300*8", "IK4*2*782*1", "IK5*R*5", "AK9*P*2*2*1", "SE*10*0001", "GE*1*77",
            ], groups: 1)
        let job = try Self.ingest(gateway, workspace, "ack.999.x12", ack)
        let exceptions = try gateway.ledger.jobs.exceptions(jobID: #require(job.id))
        #expect(exceptions.map(\.ruleId) == ["999-set-rejected"])
        #expect(exceptions.first?.columnName == "CLM02")
        #expect(exceptions.first?.message.contains("IK3 CLM at segment 23 of the set in loop 2300, code 8") == true)
        #expect(exceptions.first?.message.contains("IK4 CLM02 (element 782) code 1") == true)
        #expect(job.warnings == 0, "a rejection is an error, not a warning")
    }

    @Test func warningsOnTheReceiptCountWarningsOnly() throws {
        let workspace = try RemittanceTests.workspace()
        let (gateway, _) = try RemittanceTests.built(workspace)
        let text = RemittanceTests.interchange(
            control: "900000117",
            Self.group(
                "517",
                [
                    Self.set(
                        payment: "104", trace: "T18",
                        Self.claim1() + ["CLP*DG999999999*1*10*0**MC*P9*03*1", "CAS*CO*45*10"])
                ]))
        let job = try Self.ingest(gateway, workspace, "warn.835.x12", text)
        #expect(try Self.rules(gateway, job) == ["835-unmatched-claim"])
        #expect(job.warnings == 1 && job.rejected == 1 && job.inserted == 1)
    }
}

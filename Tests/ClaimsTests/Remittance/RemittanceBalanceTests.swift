import Claims
import Formats
import Testing

@Suite struct RemittanceBalanceTests {
    @Test func providerAdjustmentsMoveThePaymentBothWays() throws {
        let claim = ["CLP*P1*1*100*100*0*12*PCC*11*1", "SVC*HC:99213*100*100"]
        let interest = try RemittanceRun.readInChunks(
            remittance835(payment: "105.25", claim + ["PLB*1234567893*20251231*L6*-5.25"]))
        #expect(interest.issues == [])
        #expect(interest.totals.map(\.providerAdjustmentTotal) == [Money(cents: -525)])
        let recovery = try RemittanceRun.readInChunks(
            remittance835(
                payment: "80", claim + ["PLB*1234567893*20251231*WO:OLD1*12*FB*8", "PLB*1234567893*20251231*CS*0"]))
        #expect(recovery.issues == [])
        #expect(recovery.totals.first?.providerAdjustments.map(\.amount.cents) == [1200, 800, 0])
        let wrongSign = try RemittanceRun.readInChunks(
            remittance835(payment: "94.75", claim + ["PLB*1234567893*20251231*L6*-5.25"]))
        #expect(
            wrongSign.issues == [
                BalanceIssue(
                    severity: .error, rule: .transactionBalance, segment: 4, patientControlNumber: nil,
                    expected: Money(cents: 10525), found: Money(cents: 9475),
                    message: "BPR02 differs from the sum of CLP04 less the sum of PLB amounts")
            ])
    }

    @Test func aDebitIsANegativePayment() throws {
        let claims = ["CLP*R1*22*-100*-100*0*12*PCC*11*1", "SVC*HC:99213*-100*-100"]
        #expect(try RemittanceRun.readInChunks(remittance835(payment: "100", creditDebit: "D", claims)).issues == [])
        #expect(
            try RemittanceRun.readInChunks(remittance835(payment: "100", claims)).issues.map(\.rule)
                == [.transactionBalance])
    }

    @Test func anUnbalancedLineIsReportedWithItsAmounts() throws {
        let claims = [
            "CLP*L1*1*150*130*0*12*PCC*11*1", "SVC*HC:99213*100*90", "CAS*CO*45*15", "SVC*HC:36415*50*40",
            "CAS*CO*45*5",
        ]
        let run = try RemittanceRun.readInChunks(remittance835(payment: "130", claims))
        let message = "SVC02 − SVC03 differs from the sum of the line's CAS amounts"
        #expect(
            run.issues == [
                BalanceIssue(
                    severity: .error, rule: .lineBalance, segment: 13, patientControlNumber: "L1",
                    expected: Money(cents: 1000), found: Money(cents: 1500), message: message),
                BalanceIssue(
                    severity: .error, rule: .lineBalance, segment: 15, patientControlNumber: "L1",
                    expected: Money(cents: 1000), found: Money(cents: 500), message: message),
            ])
    }

    @Test func anUnbalancedClaimIsReportedWithItsAmounts() throws {
        let claims = [
            "CLP*C1*1*150*100*0*12*PCC*11*1", "CAS*OA*23*10", "SVC*HC:99213*100*90", "CAS*CO*45*10",
            "SVC*HC:36415*50*40", "CAS*CO*45*10",
        ]
        let run = try RemittanceRun.readInChunks(remittance835(payment: "100", claims))
        #expect(
            run.issues == [
                BalanceIssue(
                    severity: .error, rule: .claimBalance, segment: 12, patientControlNumber: "C1",
                    expected: Money(cents: 5000), found: Money(cents: 3000),
                    message: "CLP03 − CLP04 differs from the sum of the claim and line CAS amounts")
            ])
    }

    @Test func anUnbalancedTransactionIsReportedAtBPR() throws {
        let claims = [
            "CLP*T1*1*100*80*0*12*PCC*11*1", "CAS*CO*45*20", "CLP*T2*1*50*50*0*12*PCC*11*1",
            "PLB*1234567893*20251231*WO*10",
        ]
        let run = try RemittanceRun.readInChunks(remittance835(payment: "130.01", claims))
        #expect(
            run.issues == [
                BalanceIssue(
                    severity: .error, rule: .transactionBalance, segment: 4, patientControlNumber: nil,
                    expected: Money(cents: 12000), found: Money(cents: 13001),
                    message: "BPR02 differs from the sum of CLP04 less the sum of PLB amounts")
            ])
        #expect(run.events.last.map { if case .totals = $0 { true } else { false } } == true)
    }

    @Test func patientResponsibilityMustMatchThePRAdjustments() throws {
        let claims = [
            "CLP*P1*1*100*70*25*12*PCC*11*1", "CAS*PR*1*10", "SVC*HC:99213*100*80", "CAS*PR*2*10*1*3*5",
            "CAS*CO*45*5",
            "CLP*P2*22*-100*-70*-25*12*PCC*11*1", "CAS*PR*1*-10", "SVC*HC:99213*-100*-80", "CAS*PR*2*-10*1*3*-5",
            "CAS*CO*45*-5",
        ]
        let run = try RemittanceRun.readInChunks(remittance835(payment: "0", claims))
        let message = "CLP05 differs from the sum of the PR adjustments on the claim and its lines"
        #expect(run.issues == [])
        let off = claims.map { $0.replacing("*25*", with: "*20*").replacing("*-25*", with: "*-20*") }
        #expect(
            try RemittanceRun.readInChunks(remittance835(payment: "0", off)).issues == [
                BalanceIssue(
                    severity: .error, rule: .patientResponsibility, segment: 12, patientControlNumber: "P1",
                    expected: Money(cents: 2500), found: Money(cents: 2000), message: message),
                BalanceIssue(
                    severity: .warning, rule: .patientResponsibility, segment: 17, patientControlNumber: "P2",
                    expected: Money(cents: -2500), found: Money(cents: -2000), message: message),
            ])
    }

    @Test func aReversalWithPositiveAmountsIsReported() throws {
        let claims = ["CLP*R1*22*100*80*0*12*PCC*11*1", "CAS*CO*45*20"]
        let run = try RemittanceRun.readInChunks(remittance835(payment: "80", claims))
        #expect(
            run.issues == [
                BalanceIssue(
                    severity: .error, rule: .reversalSign, segment: 12, patientControlNumber: "R1",
                    expected: Money(cents: -10000), found: Money(cents: 10000),
                    message: "a reversal (CLP02 22) must carry CLP03 negated"),
                BalanceIssue(
                    severity: .error, rule: .reversalSign, segment: 12, patientControlNumber: "R1",
                    expected: Money(cents: -8000), found: Money(cents: 8000),
                    message: "a reversal (CLP02 22) must carry CLP04 negated"),
            ])
    }
}

import Claims
import Formats
import Testing

@Suite struct RemittanceReaderTests {
    /// Four claims: paid with claim and line CAS, denied, a reversal and its correction; then a PLB.
    static let claims = [
        "LX*1",
        "CLP*A1*1*150*100*30*12*PCC1*11*1", "CAS*PR*1*20*1*2*10", "NM1*QC*1*DOE*JANE*Q***MI*M001",
        "DTM*232*20251101",
        "SVC*HC:99213:25:59*100*90**1", "DTM*472*20251105", "CAS*CO*45*10", "REF*6R*A1-1", "AMT*B6*90",
        "SVC*HC:36415*50*40**2*HC:36416*3", "DTM*150*20251101", "DTM*151*20251103", "CAS*CO*45*5",
        "CAS*OA*23*5", "REF*6R*A1-2",
        "CLP*A2*4*80*0**12*PCC2*11*1", "CAS*CO*50*80", "NM1*QC*1*ROE*RICHARD****MI*M002",
        "CLP*A3*22*-200*-160*-10*12*PCC3*11*1", "NM1*QC*1*POE*ANN****MI*M003", "SVC*HC:99214*-200*-160**1",
        "CAS*CO*45*-30", "CAS*PR*2*-10",
        "CLP*A3*1*200*150*10*12*PCC3B*11*1", "NM1*QC*1*POE*ANN****MI*M003", "SVC*HC:99214*200*150**1",
        "CAS*CO*45*40", "CAS*PR*2*10",
        "PLB*1234567893*20251231*L6:A1*-2.5*WO:A9*12.5",
    ]

    @Test func aBalancedRemittanceIsReadClaimByClaim() throws {
        let run = try RemittanceRun.readInChunks(remittance835(payment: "80", Self.claims))
        #expect(run.envelope == [])
        #expect(run.issues == [])
        #expect(
            run.headers == [
                RemittanceHeader(
                    controlNumber: "0001", position: 3, paymentPosition: 4, handlingCode: "I",
                    paymentAmount: Money(cents: 8000), creditDebit: "C", paymentMethod: "ACH",
                    paymentDate: "20251201", traceNumber: "EFT0001", traceOriginator: "1512345678",
                    payer: RemittanceParty(name: "ACME HEALTH", idQualifier: "XV", id: "PAYER01"),
                    payee: RemittanceParty(name: "SAMPLE CLINIC", idQualifier: "XX", id: "1234567893"),
                    identity: RemittanceSetIdentity(
                        ordinal: 1, interchangeControl: "000000101", groupControl: "7", setControl: "0001"))
            ])
        let claims = run.claims
        #expect(claims.map(\.patientControlNumber) == ["A1", "A2", "A3", "A3"])
        #expect(claims.map(\.status) == [.processedAsPrimary, .denied, .reversal, .processedAsPrimary])
        #expect(claims.map(\.position) == [13, 28, 31, 36])
        #expect(claims.map(\.paid.cents) == [10000, 0, -16000, 15000])
        #expect(claims.map(\.patientResponsibility.cents) == [3000, 0, -1000, 1000])
        #expect(claims.map(\.payerClaimControlNumber) == ["PCC1", "PCC2", "PCC3", "PCC3B"])

        let first = try #require(claims.first)
        #expect(first.charge == Money(cents: 15000))
        #expect((first.filingIndicator, first.facilityCode, first.frequency) == ("12", "11", "1"))
        #expect(
            first.adjustments == [
                RemittanceAdjustment(
                    group: .patientResponsibility, reason: "1", amount: Money(cents: 2000), quantity: "1"),
                RemittanceAdjustment(group: .patientResponsibility, reason: "2", amount: Money(cents: 1000)),
            ])
        #expect(
            first.patient
                == RemittancePatient(lastName: "DOE", firstName: "JANE", middleName: "Q", idQualifier: "MI", id: "M001")
        )
        var line1 = RemittanceServiceLine(
            position: 17, procedure: ServiceProcedure(qualifier: "HC", code: "99213", modifiers: ["25", "59"]),
            charge: Money(cents: 10000), paid: Money(cents: 9000))
        line1.serviceFrom = "20251105"
        line1.serviceThrough = "20251105"
        line1.adjustments = [
            RemittanceAdjustment(group: .contractualObligation, reason: "45", amount: Money(cents: 1000))
        ]
        line1.controlNumber = "A1-1"
        line1.allowed = Money(cents: 9000)
        var line2 = RemittanceServiceLine(
            position: 22, procedure: ServiceProcedure(qualifier: "HC", code: "36415"), charge: Money(cents: 5000),
            paid: Money(cents: 4000), units: "2", originalProcedure: ServiceProcedure(qualifier: "HC", code: "36416"),
            originalUnits: "3")
        line2.serviceFrom = "20251101"
        line2.serviceThrough = "20251103"
        line2.adjustments = [
            RemittanceAdjustment(group: .contractualObligation, reason: "45", amount: Money(cents: 500)),
            RemittanceAdjustment(group: .otherAdjustment, reason: "23", amount: Money(cents: 500)),
        ]
        line2.controlNumber = "A1-2"
        #expect(first.lines == [line1, line2])
        #expect(claims[1].lines == [])
        #expect(
            claims[1].adjustments
                == [RemittanceAdjustment(group: .contractualObligation, reason: "50", amount: Money(cents: 8000))])
        #expect(
            claims[2].lines.first?.adjustments == [
                RemittanceAdjustment(group: .contractualObligation, reason: "45", amount: Money(cents: -3000)),
                RemittanceAdjustment(group: .patientResponsibility, reason: "2", amount: Money(cents: -1000)),
            ])

        #expect(
            run.totals == [
                RemittanceTotals(
                    controlNumber: "0001", position: 42, claimCount: 4, charge: Money(cents: 23000),
                    paid: Money(cents: 9000), patientResponsibility: Money(cents: 3000),
                    providerAdjustments: [
                        ProviderAdjustment(
                            position: 41, providerID: "1234567893", fiscalPeriodDate: "20251231", reason: "L6",
                            reference: "A1", amount: Money(cents: -250)),
                        ProviderAdjustment(
                            position: 41, providerID: "1234567893", fiscalPeriodDate: "20251231", reason: "WO",
                            reference: "A9", amount: Money(cents: 1250)),
                    ],
                    providerAdjustmentTotal: Money(cents: 1000), payment: Money(cents: 8000))
            ])
        #expect(run.events.count == 6)
    }

    @Test func remarkCodesAreReadFromMOAMIAAndLQHE() throws {
        let claims = [
            "LX*1",
            "CLP*R1*1*100*90*0*12*PCC1*11*1", "NM1*QC*1*DOE*JANE****MI*M001", "MOA***MA130**N130",
            "SVC*HC:92507*60*50**1", "CAS*CO*45*10", "LQ*HE*N381", "LQ*RX*77", "LQ*HE*M15",
            "SVC*HC:92508*40*40**1", "LQ*HE*N130",
            "CLP*R2*4*50*0**12*PCC2*11*1",
            "MIA*0***0*MA04" + String(repeating: "*", count: 15) + "N54*N95",
            "SVC*HC:92507*50*0**1", "CAS*CO*197*50",
        ]
        let run = try RemittanceRun.readInChunks(remittance835(payment: "90", claims))
        #expect(run.issues == [])
        #expect(run.claims.map(\.remarks) == [["MA130", "N130"], ["MA04", "N54", "N95"]])
        let first = try #require(run.claims.first)
        #expect(first.lines.map(\.remarks) == [["N381", "M15"], ["N130"]])
        #expect(first.remarkSummary == "MA130;N130;N381;M15")
        #expect(run.claims.last?.lines.map(\.remarks) == [[]])
    }

    @Test func otherDelimitersAndLineBreaksReadTheSame() throws {
        let custom = X12Fixture(element: "|", repetition: "^", component: ">", terminator: "!", lineBreak: "\r\n")
        let standard = try RemittanceRun.readInChunks(remittance835(payment: "80", Self.claims))
        let text = remittance835(payment: "80", Self.claims, fixture: custom)
        #expect(text.contains("SVC|HC>99213>25>59|100|90||1!\r\n"))
        #expect(try RemittanceRun.readInChunks(text) == standard)
    }

    @Test(arguments: ClaimStatus.allCases) func everyClaimStatusIsRead(status: ClaimStatus) throws {
        let sign = status == .reversal ? "-" : ""
        let claims = [
            "CLP*S1*\(status.rawValue)*\(sign)100*\(sign)100*0*12*PCC*11*1", "SVC*HC:99213*\(sign)100*\(sign)100",
        ]
        let run = try RemittanceRun.readInChunks(remittance835(payment: "\(sign)100", claims))
        #expect(run.claims.map(\.status) == [status])
        #expect(run.issues == [])
    }

    @Test(arguments: [
        (
            "CLP*S1*1*100.001*100*0*12*PCC*11*1",
            "CLP03 '100.001' is not an amount (digits, optional minus, at most two decimals)"
        ),
        (
            "CLP*S1*1*100*1,00*0*12*PCC*11*1",
            "CLP04 '1,00' is not an amount (digits, optional minus, at most two decimals)"
        ),
        ("CLP*S1*1*100**0*12*PCC*11*1", "CLP04 (an amount) is missing"),
        (
            "CLP*S1*1*+100*100*0*12*PCC*11*1",
            "CLP03 '+100' is not an amount (digits, optional minus, at most two decimals)"
        ),
    ])
    func malformedClaimsAreErrorsAtTheirSegment(clp: String, message: String) {
        #expect(throws: X12Error(segment: 13, segmentID: "CLP", message: message)) {
            _ = try RemittanceRun.read(remittance835(payment: "100", ["LX*1", clp]), chunkSize: 7)
        }
    }

    @Test func anUnknownClaimStatusStopsTheFileWithTheRule() {
        #expect(
            throws: X12Error(
                segment: 13, segmentID: "CLP",
                message: "CLP02 '5' is not in its code list: 1, 2, 3, 4, 19, 20, 21, 22, 23, 25",
                rule: "835-code-invalid")
        ) {
            _ = try RemittanceRun.read(
                remittance835(payment: "100", ["LX*1", "CLP*S1*5*100*100*0*12*PCC*11*1"]), chunkSize: 7)
        }
    }

    @Test func groupCodeCRFrom4010IsAnError() {
        let claims = ["CLP*S1*1*100*90*0*12*PCC*11*1", "CAS*CR*45*10"]
        #expect(
            throws: X12Error(
                segment: 13, segmentID: "CAS", message: "CAS01 'CR' is not in its code list: CO, OA, PI, PR",
                rule: "835-code-invalid")
        ) {
            _ = try RemittanceRun.read(remittance835(payment: "90", claims), chunkSize: 4096)
        }
    }

    @Test func aTruncatedSetIsAnError() throws {
        let full = remittance835(payment: "80", Self.claims)
        let text = String(full[..<(try #require(full.firstRange(of: "PLB*"))).lowerBound])
        #expect(
            throws: X12Error(
                segment: 3, segmentID: "ST", message: "the file ends inside transaction set 0001: SE is missing")
        ) {
            _ = try RemittanceRun.read(text, chunkSize: 7)
        }
    }
}

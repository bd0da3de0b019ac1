import Claims
import Formats

extension SubmittedBatch {
    /// Reads an 837P interchange (005010X222A1) with one functional group.
    ///
    /// Takes ISA05-ISA15, GS02-GS06, each ST02 and, per claim, CLM01, CLM02, CLM05, REF*F8, SBR09, the
    /// subscriber (NM1*IL), a dependent patient (NM1*QC), the billing provider (NM1*85, REF*EI), the payer
    /// (NM1*PR in 2010BB) and each line's SV1 and DTP*472. Everything else is skipped.
    ///
    /// - Parameter bytes: The interchange.
    /// - Throws: ``X12Error`` when the bytes are not X12; ``PayerSimulatorError`` when something the
    ///   simulator needs is missing or malformed.
    public init(parsing bytes: [UInt8]) throws {
        var tokenizer = X12Tokenizer()
        var segments: [X12Segment] = []
        try bytes.withUnsafeBufferPointer { buffer in
            try tokenizer.feed(buffer) { segments.append($0) }
        }
        try tokenizer.finish()
        guard let delimiters = tokenizer.delimiters else {
            throw PayerSimulatorError(segment: 1, message: "the interchange has no ISA segment")
        }
        var reader = Reader(component: delimiters.component)
        for segment in segments {
            try reader.read(segment)
        }
        self = try reader.batch()
    }
}

/// The 837P walk behind ``SubmittedBatch/init(parsing:)``: one segment at a time, tracking the open loops.
private struct Reader {
    let component: UInt8
    var isa: X12Segment?
    var gs: X12Segment?
    var declaredSetCount = 0
    var sets: [SubmittedTransactionSet] = []
    var set: SubmittedTransactionSet?
    var positionInSet = 0
    var provider = SubmittedClaim.BillingProvider(name: "", npi: "", taxID: "")
    var lastEntity = ""
    var filingIndicator = ""
    var subscriber = SubmittedClaim.Person(lastName: "", firstName: "", memberID: "")
    var patient: SubmittedClaim.Person?
    var payer = SubmittedClaim.Payer(name: "", id: "")
    var claim: SubmittedClaim?
    var line: SubmittedLine?

    mutating func read(_ segment: X12Segment) throws {
        positionInSet += 1
        switch segment.id {
        case "ISA": isa = segment
        case "GS":
            guard gs == nil else {
                throw PayerSimulatorError(
                    segment: segment.position, message: "a second functional group: send one group per interchange")
            }
            gs = segment
        case "GE": declaredSetCount = Int(segment.element(1)) ?? 0
        case "ST":
            set = SubmittedTransactionSet(controlNumber: segment.element(2), claims: [])
            positionInSet = 1
        case "SE":
            try closeClaim(at: segment)
            guard let open = set else {
                throw PayerSimulatorError(segment: segment.position, message: "SE without ST")
            }
            guard !open.claims.isEmpty else {
                throw PayerSimulatorError(
                    segment: segment.position, message: "transaction set \(open.controlNumber) holds no claim")
            }
            sets.append(open)
            set = nil
        case "HL": try readHL(segment)
        case "BHT": set?.reference = segment.element(3)
        case "SBR": filingIndicator = segment.element(9)
        case "NM1": try readNM1(segment)
        case "REF":
            if segment.element(1) == "EI", lastEntity == "85" { provider.taxID = segment.element(2) }
            if segment.element(1) == "F8", line == nil, claim != nil {
                claim?.payerClaimControlNumber = segment.element(2)
            }
        case "CLM": try readCLM(segment)
        case "LX": closeLine()
        case "SV1": try readSV1(segment)
        case "DTP":
            if segment.element(1) == "472", line != nil {
                line?.dateQualifier = segment.element(2)
                line?.serviceDate = segment.element(3)
            }
        default: break
        }
    }

    mutating func readHL(_ segment: X12Segment) throws {
        try closeClaim(at: segment)
        switch segment.element(3) {
        case "20":
            provider = SubmittedClaim.BillingProvider(name: "", npi: "", taxID: "")
            patient = nil
        case "22": patient = nil
        default: break
        }
    }

    mutating func readNM1(_ segment: X12Segment) throws {
        let qualifier = segment.element(1)
        lastEntity = qualifier
        guard claim == nil else { return }  // 2310x/2330x entities are not needed
        let person = SubmittedClaim.Person(
            lastName: segment.element(3), firstName: segment.element(4), memberID: segment.element(9))
        switch qualifier {
        case "85":
            provider = SubmittedClaim.BillingProvider(name: segment.element(3), npi: segment.element(9), taxID: "")
        case "IL": subscriber = person
        case "QC": patient = person
        case "PR": payer = SubmittedClaim.Payer(name: segment.element(3), id: segment.element(9))
        case "41":
            set?.submitterName = segment.element(3)
            set?.submitterID = segment.element(9)
        default: break
        }
    }

    mutating func readCLM(_ segment: X12Segment) throws {
        try closeClaim(at: segment)
        guard let setNumber = set?.controlNumber else {
            throw PayerSimulatorError(segment: segment.position, message: "CLM outside a transaction set")
        }
        guard let total = Money(x12: segment.element(2)) else {
            throw PayerSimulatorError(segment: segment.position, message: "CLM02 is not an amount")
        }
        let facility = segment.components(5)
        guard facility.count >= 3, !segment.element(1).isEmpty else {
            throw PayerSimulatorError(
                segment: segment.position, message: "CLM needs CLM01 and CLM05 as place of service:B:frequency")
        }
        claim = SubmittedClaim(
            transactionSet: setNumber, patientControlNumber: segment.element(1), totalCharge: total,
            placeOfService: facility[0], frequency: facility[2], payerClaimControlNumber: "",
            filingIndicator: filingIndicator, subscriber: subscriber, patient: patient ?? subscriber,
            billingProvider: provider, payer: payer, lines: [])
    }

    mutating func readSV1(_ segment: X12Segment) throws {
        guard claim != nil else {
            throw PayerSimulatorError(segment: segment.position, message: "SV1 outside a claim")
        }
        let procedure = segment.components(1)
        guard procedure.count >= 2, let charge = Money(x12: segment.element(2)) else {
            throw PayerSimulatorError(
                segment: segment.position, message: "SV1 needs SV101 qualifier:procedure and an SV102 amount")
        }
        line = SubmittedLine(
            qualifier: procedure[0], procedure: procedure[1], modifiers: Array(procedure.dropFirst(2)),
            charge: charge, units: segment.element(4), dateQualifier: "", serviceDate: "",
            sv1Position: positionInSet)
    }

    mutating func closeLine() {
        guard let open = line else { return }
        claim?.lines.append(open)
        line = nil
    }

    mutating func closeClaim(at segment: X12Segment) throws {
        closeLine()
        guard let open = claim else { return }
        guard !open.lines.isEmpty else {
            throw PayerSimulatorError(
                segment: segment.position, message: "claim \(open.patientControlNumber) has no service line")
        }
        for submitted in open.lines where submitted.serviceDate.isEmpty {
            throw PayerSimulatorError(
                segment: segment.position,
                message: "a line of claim \(open.patientControlNumber) has no DTP*472 service date")
        }
        set?.claims.append(open)
        claim = nil
    }

    func batch() throws -> SubmittedBatch {
        guard let isa, let gs else {
            throw PayerSimulatorError(segment: 0, message: "the interchange has no functional group")
        }
        guard gs.element(1) == "HC", gs.element(8).hasPrefix("005010X222") else {
            throw PayerSimulatorError(segment: gs.position, message: "the group is not an 837P (GS01 HC, 005010X222A1)")
        }
        guard !sets.isEmpty else {
            throw PayerSimulatorError(segment: 0, message: "the group holds no transaction set")
        }
        func trimmed(_ text: String) -> String {
            String(text.reversed().drop(while: { $0 == " " }).reversed())
        }
        return SubmittedBatch(
            senderQualifier: isa.element(5), senderID: trimmed(isa.element(6)), receiverQualifier: isa.element(7),
            receiverID: trimmed(isa.element(8)), interchangeDate: isa.element(9), interchangeTime: isa.element(10),
            interchangeControlNumber: isa.element(13), acknowledgmentRequested: isa.element(14) == "1",
            usage: isa.element(15), applicationSender: gs.element(2), applicationReceiver: gs.element(3),
            groupDate: gs.element(4), groupTime: gs.element(5), groupControlNumber: gs.element(6),
            declaredSetCount: declaredSetCount, transactionSets: sets)
    }
}

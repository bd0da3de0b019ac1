import Formats
import Values

/// Writes an 837P (005010X222A1) interchange, one claim at a time, in constant memory.
///
/// One interchange holds one functional group; transaction sets hold at most the profile's
/// `maxClaimsPerSet` claims. Claims must arrive grouped by subscriber: a new subscriber loop (2000B) starts
/// when the member changes or a subscriber reaches 100 claims. Bytes leave through `emit` in chunks.
public struct ProfessionalClaimWriter {
    /// The transaction set version (GS08, ST03).
    public static let version = "005010X222A1"
    /// The most claims under one subscriber loop (2000B).
    public static let maxClaimsPerSubscriber = 100

    private let profile: PayerProfile
    private let envelope: PayerProfile.Envelope
    private let submitter: PayerProfile.Submitter
    private let receiver: PayerProfile.Party
    private let controlNumber: Int
    private let date: Day
    private let time: String
    private var writer: X12Writer
    private var setNumber = 0
    private var claimsInSet = 0
    private var hierarchy = 0
    private var subscriberMember: String?
    private var claimsUnderSubscriber = 0
    private var claimCount = 0

    /// The number of transaction sets written so far.
    public var transactionSets: Int { setNumber }
    /// The number of claims written so far.
    public var claims: Int { claimCount }

    /// Starts an interchange.
    ///
    /// - Parameters:
    ///   - profile: an 837P payer profile (its envelope, submitter and receiver must be present).
    ///   - controlNumber: ISA13 and GS06 (1…999,999,999), from the payer's persisted counter.
    ///   - date: creation date (ISA09, GS04, BHT04).
    ///   - time: creation time `HHMM` (ISA10, GS05, BHT05).
    /// - Throws: ``ClaimWriterError`` for a profile that cannot write 837P or a control number out of range.
    public init(profile: PayerProfile, controlNumber: Int, date: Day, time: String) throws(ClaimWriterError) {
        guard let envelope = profile.envelope, let submitter = profile.submitter, let receiver = profile.receiver else {
            throw ClaimWriterError(
                "payer \(profile.id) has no envelope, submitter or receiver: it is not an 837P profile")
        }
        guard (1...999_999_999).contains(controlNumber) else {
            throw ClaimWriterError("interchange control number \(controlNumber) is outside 1...999999999")
        }
        self.profile = profile
        self.envelope = envelope
        self.submitter = submitter
        self.receiver = receiver
        self.controlNumber = controlNumber
        self.date = date
        self.time = time
        writer = X12Writer(capacity: 1 << 17)
        writeEnvelopeStart()
    }

    /// The 9-digit ISA13.
    public var interchangeControlNumber: String { Self.padded(controlNumber, 9) }

    /// Adds one claim (with its patient control number set).
    public mutating func add(_ claim: Claim, emit: ([UInt8]) throws -> Void) rethrows {
        if setNumber == 0 || claimsInSet == profile.maxClaimsPerSet {
            if setNumber > 0 { closeSet() }
            openSet()
        }
        if subscriberMember != claim.subscriber.memberID || claimsUnderSubscriber == Self.maxClaimsPerSubscriber {
            writeSubscriber(claim.subscriber)
        }
        writeClaim(claim)
        claimsInSet += 1
        claimsUnderSubscriber += 1
        claimCount += 1
        if writer.bytes.count >= 1 << 16 { try emit(writer.drain()) }
    }

    /// Closes the open set, the group and the interchange, and emits the rest.
    public mutating func finish(emit: ([UInt8]) throws -> Void) rethrows {
        if setNumber > 0 { closeSet() }
        writer.segment("GE", "\(setNumber)", "\(controlNumber)")
        writer.segment("IEA", "1", interchangeControlNumber)
        try emit(writer.drain())
    }

    private mutating func writeEnvelopeStart() {
        let yymmdd = Self.padded(date.year % 100, 2) + Self.padded(date.month, 2) + Self.padded(date.day, 2)
        let isa = [
            "ISA", "00", Self.fixed("", 10), "00", Self.fixed("", 10), envelope.senderQualifier,
            Self.fixed(envelope.senderID, 15), envelope.receiverQualifier, Self.fixed(envelope.receiverID, 15), yymmdd,
            time, "^", "00501", interchangeControlNumber, "0", envelope.usage, ":",
        ].joined(separator: "*")
        writer.raw(isa + "~")
        writer.segment(
            "GS", "HC", envelope.applicationSender, envelope.applicationReceiver, Self.ccyymmdd(date), time,
            "\(controlNumber)", "X", Self.version)
    }

    private mutating func openSet() {
        setNumber += 1
        claimsInSet = 0
        hierarchy = 0
        subscriberMember = nil
        writer.startCounting()
        let setControl = Self.padded(setNumber, 4)
        writer.segment("ST", "837", setControl, Self.version)
        writer.segment("BHT", "0019", "00", "\(interchangeControlNumber)\(setControl)", Self.ccyymmdd(date), time, "CH")
        writer.segment(
            "NM1", "41", "2", X12Writer.clean(submitter.party.name), "", "", "", "", "46", submitter.party.id)
        writer.segment("PER", "IC", X12Writer.clean(submitter.contact), "TE", submitter.phone)
        writer.segment("NM1", "40", "2", X12Writer.clean(receiver.name), "", "", "", "", "46", receiver.id)
        let provider = profile.billingProvider
        hierarchy = 1
        writer.segment("HL", "1", "", "20", "1")
        writer.segment("PRV", "BI", "PXC", provider.taxonomy)
        writer.segment("NM1", "85", "2", X12Writer.clean(provider.name), "", "", "", "", "XX", provider.npi)
        writeAddress(provider.address)
        writer.segment("REF", "EI", provider.taxID)
    }

    private mutating func closeSet() {
        writer.segment("SE", "\(writer.counted + 1)", Self.padded(setNumber, 4))
    }

    private mutating func writeSubscriber(_ subscriber: Subscriber) {
        hierarchy += 1
        subscriberMember = subscriber.memberID
        claimsUnderSubscriber = 0
        writer.segment("HL", "\(hierarchy)", "1", "22", "0")
        writer.segment("SBR", "P", "18", "", "", "", "", "", "", profile.claimFilingCode)
        writer.segment(
            "NM1", "IL", "1", X12Writer.clean(subscriber.lastName), X12Writer.clean(subscriber.firstName), "", "", "",
            "MI", X12Writer.clean(subscriber.memberID))
        if let address = subscriber.address { writeAddress(address) }
        if let birthdate = subscriber.birthdate {
            let sex = ["F", "M"].contains(subscriber.sex) ? subscriber.sex : "U"
            writer.segment("DMG", "D8", Self.ccyymmdd(birthdate), sex)
        }
        writer.segment("NM1", "PR", "2", X12Writer.clean(profile.name), "", "", "", "", "PI", profile.payerID)
    }

    /// CLM20: the profile's delay reason code when the claim's earliest service is past the payer's filing
    /// limit on the interchange date (the build day), else `nil` (005010X222A1 loop 2300, ``FilingLimit``).
    func delayReason(_ claim: Claim) -> String? {
        let limit = profile.filingLimit
        guard let code = limit.delayReasonCode, let first = claim.period?.from,
            limit.isPassed(service: first, on: date)
        else { return nil }
        return code
    }

    private mutating func writeClaim(_ claim: Claim) {
        let place = writer.composite(claim.placeOfService, "B", claim.frequency.rawValue)
        let clm = [claim.patientControlNumber, claim.total.x12, "", "", place, "Y", "A", "Y", "Y"]
        writer.segment("CLM", clm + Array(repeating: "", count: 10) + [delayReason(claim) ?? ""])
        if claim.frequency != .original, let original = claim.payerClaimNumber {
            writer.segment("REF", "F8", original)
        }
        var diagnoses: [String] = []
        for (index, code) in claim.diagnoses.enumerated() {
            diagnoses.append(writer.composite(index == 0 ? "ABK" : "ABF", code))
        }
        writer.segment("HI", diagnoses)
        let name = RenderingName(claim.renderingName)
        writer.segment(
            "NM1", "82", "1", X12Writer.clean(name.last), X12Writer.clean(name.first), "", "", "", "XX",
            claim.renderingNPI)
        for (index, line) in claim.lines.enumerated() {
            writer.segment("LX", "\(index + 1)")
            let procedure = ["HC", line.code] + line.modifiers
            let composite = procedure.joined(separator: String(UnicodeScalar(writer.delimiters.component)))
            let pointers = line.pointers.map(String.init).joined(
                separator: String(UnicodeScalar(writer.delimiters.component)))
            writer.segment("SV1", composite, line.charge.x12, "UN", "\(line.units)", "", "", pointers)
            writer.segment("DTP", "472", "D8", Self.ccyymmdd(line.date))
        }
    }

    private mutating func writeAddress(_ address: PostalAddress) {
        writer.segment("N3", X12Writer.clean(address.street))
        writer.segment("N4", X12Writer.clean(address.city), address.state, address.zip)
    }

    static func ccyymmdd(_ day: Day) -> String {
        padded(day.year, 4) + padded(day.month, 2) + padded(day.day, 2)
    }

    /// `value` with leading zeros to `width` digits (control numbers: ISA13, ST02).
    public static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func fixed(_ text: String, _ width: Int) -> String {
        String(text.prefix(width)) + String(repeating: " ", count: max(0, width - text.count))
    }
}

import Values

/// A professional claim (loop 2300) with its lines, as recorded and as written to the 837P.
public struct Claim: Sendable, Equatable {
    /// Claim frequency (CLM05-3).
    public enum Frequency: String, Sendable {
        /// An original claim.
        case original = "1"
        /// Replaces an accepted claim (needs the payer's claim number, REF*F8).
        case replacement = "7"
        /// Voids an accepted claim (needs REF*F8).
        case void = "8"
    }

    /// The patient control number (CLM01): unique, maps back to exactly this claim.
    public var patientControlNumber: String
    /// Original, replacement or void.
    public var frequency: Frequency
    /// The payer's claim control number of the claim replaced or voided (REF*F8; 835 CLP07).
    public var payerClaimNumber: String?
    /// The member billed for.
    public var subscriber: Subscriber
    /// Rendering practitioner NPI (2310B).
    public var renderingNPI: String
    /// Rendering practitioner name as logged (`Last, First (credential)`).
    public var renderingName: String
    /// ICD-10 codes without dots, principal first, at most 12 (HI).
    public var diagnoses: [String]
    /// Place of service (CLM05-1).
    public var placeOfService: String
    /// Service lines, at most 50.
    public var lines: [ClaimLine]

    /// The total charge (CLM02): the sum of the line charges.
    public var total: Money { lines.reduce(Money.zero) { $0 + $1.charge } }

    /// Creates a claim.
    public init(
        patientControlNumber: String, frequency: Frequency, payerClaimNumber: String?, subscriber: Subscriber,
        renderingNPI: String, renderingName: String, diagnoses: [String], placeOfService: String, lines: [ClaimLine]
    ) {
        self.patientControlNumber = patientControlNumber
        self.frequency = frequency
        self.payerClaimNumber = payerClaimNumber
        self.subscriber = subscriber
        self.renderingNPI = renderingNPI
        self.renderingName = renderingName
        self.diagnoses = diagnoses
        self.placeOfService = placeOfService
        self.lines = lines
    }

    /// The first and last dates of service.
    public var period: (from: Day, to: Day)? {
        guard let first = lines.first?.date else { return nil }
        return lines.reduce((first, first)) { (min($0.0, $1.date), max($0.1, $1.date)) }
    }
}

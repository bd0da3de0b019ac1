import Mapping
import Values

/// Who a payer is and how to bill it: parties, billing provider, fee schedule and claim rules.
///
/// Read from `Mappings/payers/<id>.yaml` (see ``PayerProfile/decode(yaml:file:)``).
public struct PayerProfile: Sendable {
    /// The claim file a payer takes.
    public enum ClaimFormat: String, Sendable, Codable, CaseIterable {
        /// ASC X12 837 professional, 005010X222A1.
        case x12_837P = "837P"
        /// NDIS bulk payment request CSV (Australia).
        case ndis
    }

    /// Whether an operator reviews a batch before it goes to the payer.
    public enum Review: String, Sendable, CaseIterable {
        /// Built batches go to the delivery folder at once (the default).
        case notRequired = "none"
        /// Built batches are held (`awaiting-review`) until `claims release` or `claims discard`.
        case required
    }

    /// How services are grouped into claims over time.
    public enum BillingPeriod: String, Sendable, CaseIterable {
        /// One claim per service day.
        case day
        /// One claim per calendar month.
        case month
    }

    /// Profile id: used in paths (`Outbox/<id>/837P/`) and commands (`--payer <id>`).
    public var id: String
    /// The payer's name (2010BB NM103).
    public var name: String
    /// The claim file format.
    public var format: ClaimFormat
    /// The payer id (2010BB NM109).
    public var payerID: String
    /// Sources (districts) whose services this profile bills.
    public var districts: [String]
    /// Interchange and group envelope parties (837P only).
    public var envelope: Envelope?
    /// The submitter (1000A) and receiver (1000B) (837P only).
    public var submitter: Submitter?
    /// The receiver name and id (1000B) (837P only).
    public var receiver: Party?
    /// The billing provider (2010AA).
    public var billingProvider: BillingProvider
    /// NDIS provider settings (NDIS only).
    public var ndis: NDISSettings?
    /// The claim filing indicator (SBR09), e.g. `MC` Medicaid.
    public var claimFilingCode: String
    /// Plan codes of member-batch spans that mean coverage by this payer (globs; `*` = any span).
    public var eligiblePlans: [Glob]
    /// Students must be younger than this on the service date (LEA BOP: 22, CYBHI: 26); `nil`: no limit.
    public var underAge: Int?
    /// Whether a service needs parental consent to bill.
    public var requiresConsent: Bool
    /// Place of service on the claim (CLM05-1), e.g. `03` school.
    public var placeOfService: String
    /// Service lines per claim (at most 50 in 837P).
    public var maxLinesPerClaim: Int
    /// Claims per transaction set (ST..SE).
    public var maxClaimsPerSet: Int
    /// How services group into claims over time.
    public var billingPeriod: BillingPeriod
    /// How long after a service its claim is still accepted, and the delay reason a late claim carries.
    public var filingLimit: FilingLimit
    /// Billing codes this payer pays, with rates.
    public var feeSchedule: [String: FeeScheduleEntry]
    /// Whether a built batch waits for an operator's release before it is delivered (`review: required`).
    public var review: Review
    /// The file the profile was read from.
    public var file: String

    /// ISA/GS sender and receiver.
    public struct Envelope: Sendable {
        /// ISA05/ISA06.
        public var senderQualifier: String
        /// ISA06 (padded to 15 when written).
        public var senderID: String
        /// ISA07/ISA08.
        public var receiverQualifier: String
        /// ISA08 (padded to 15 when written).
        public var receiverID: String
        /// GS02.
        public var applicationSender: String
        /// GS03.
        public var applicationReceiver: String
        /// ISA15: `T` test or `P` production.
        public var usage: String
    }

    /// A named party with an id.
    public struct Party: Sendable {
        /// Organisation name.
        public var name: String
        /// Its identifier.
        public var id: String
    }

    /// The submitter with its contact (1000A).
    public struct Submitter: Sendable {
        /// Name and electronic transmitter id.
        public var party: Party
        /// Contact name (PER02).
        public var contact: String
        /// Contact phone, 10 digits (PER04).
        public var phone: String
    }

    /// The billing provider (2000A/2010AA).
    public struct BillingProvider: Sendable {
        /// Organisation name.
        public var name: String
        /// NPI (10 digits, Luhn-checked).
        public var npi: String
        /// Employer identification number (9 digits, no hyphen).
        public var taxID: String
        /// Provider taxonomy code (PRV03), 10 characters.
        public var taxonomy: String
        /// Street address (never a PO box).
        public var address: PostalAddress
    }

    /// NDIS provider settings.
    public struct NDISSettings: Sendable {
        /// The provider's NDIS registration number (digits).
        public var registrationNumber: String
        /// The provider's ABN (11 digits), when it must be sent.
        public var abn: String?
    }
}

/// A street address; for US billing providers the ZIP has 9 digits.
public struct PostalAddress: Sendable, Equatable {
    /// Street line (N301).
    public var street: String
    /// City (N401).
    public var city: String
    /// State code (N402).
    public var state: String
    /// ZIP code, digits only (N403).
    public var zip: String

    /// Creates an address.
    public init(street: String, city: String, state: String, zip: String) {
        self.street = street
        self.city = city
        self.state = state
        self.zip = zip
    }

    /// Whether the street line names a post-office or lock box (not allowed for a billing provider).
    public var isPostOfficeBox: Bool {
        let squeezed = street.uppercased().filter { $0.isLetter || $0.isNumber || $0 == " " }
        let compact = String(squeezed.filter { $0 != " " })
        return compact.hasPrefix("POBOX") || compact.hasPrefix("POSTOFFICEBOX") || compact.hasPrefix("LOCKBOX")
            || compact.hasPrefix("PMB") || squeezed.hasPrefix("BOX ")
    }
}

/// One billing code a payer pays.
public struct FeeScheduleEntry: Sendable {
    /// The CPT/HCPCS code.
    public var code: String
    /// Rates per unit by period, oldest first: each is in force from its `from` day until the next one starts.
    ///
    /// The single `rate:` form is one period with no start (in force on every day).
    public var rates: [FeeRate]
    /// What one unit is (`15 minutes`, `session`, `per participant`).
    public var unit: String
    /// Modifiers allowed with the code (any other is a claim exception).
    public var modifiers: [String]
    /// Whether code and rate come from a published schedule (`false`: configuration to be confirmed).
    public var verified: Bool
    /// The practitioner types that may bill the code (`qualified: [SLP, LCSW, …]`): a service's rendering
    /// practitioner must be on the district's roster, licensed on the service date and of one of these types.
    /// Empty: the code is not restricted.
    public var qualified: [String] = []
    /// Line of the `qualified` key (0 when absent), for issues found against the practitioner roster mapping.
    public var qualifiedLine = 0
    /// The NDIS support item number this code is claimed as (NDIS only).
    public var supportItem: String?
    /// The NDIS GST code (NDIS only).
    public var gstCode: String?

    /// The rate per unit in force on a service date: the period with the latest `from` on or before it.
    ///
    /// - Returns: `nil` when the day is before every period (the service is excluded, `rate-not-in-effect`).
    public func rate(on day: Day) -> Money? {
        rates.last { $0.from.map { $0 <= day } ?? true }?.rate
    }
}

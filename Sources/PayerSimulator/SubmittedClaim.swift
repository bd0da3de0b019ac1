import Claims

/// One 837P claim (loop 2300) with the parties it belongs to and its service lines.
public struct SubmittedClaim: Sendable, Equatable {
    /// A person named in the claim: the subscriber (2010BA) or the patient (2010CA, or the subscriber).
    public struct Person: Sendable, Equatable {
        /// NM103.
        public var lastName: String
        /// NM104.
        public var firstName: String
        /// NM109, the member id; empty for a dependent patient (5010 gives the patient no id).
        public var memberID: String
    }

    /// The billing provider (2010AA).
    public struct BillingProvider: Sendable, Equatable {
        /// NM103, the organisation's name.
        public var name: String
        /// NM109, the NPI.
        public var npi: String
        /// REF02 of `REF*EI`, the EIN; empty when absent.
        public var taxID: String
    }

    /// The payer (2010BB).
    public struct Payer: Sendable, Equatable {
        /// NM103.
        public var name: String
        /// NM109, the payer id.
        public var id: String
    }

    /// ST02 of the set the claim is in.
    public var transactionSet: String
    /// CLM01, the patient control number; returns in 835 CLP01.
    public var patientControlNumber: String
    /// CLM02, the total charge.
    public var totalCharge: Money
    /// CLM05-1, the place of service.
    public var placeOfService: String
    /// CLM05-3, the claim frequency: `1` original, `7` replacement, `8` void.
    public var frequency: String
    /// REF02 of `REF*F8`: the payer's number for the claim being replaced or voided; empty when absent.
    public var payerClaimControlNumber: String
    /// SBR09, the claim filing indicator (`MC` Medicaid, `CI` commercial, …).
    public var filingIndicator: String
    /// The subscriber (2010BA).
    public var subscriber: Person
    /// The patient: the subscriber, or the 2000C dependent.
    public var patient: Person
    /// The billing provider.
    public var billingProvider: BillingProvider
    /// The payer.
    public var payer: Payer
    /// The service lines (loop 2400).
    public var lines: [SubmittedLine]
}

/// The sixteen columns of an NDIS bulk payment request CSV, in file order (formats.md §6).
///
/// The raw value is the 1-based column number.
public enum NDISColumn: Int, Sendable, CaseIterable, Equatable {
    case registrationNumber = 1
    case ndisNumber
    case supportsDeliveredFrom
    case supportsDeliveredTo
    case supportNumber
    case claimReference
    case quantity
    case hours
    case unitPrice
    case gstCode
    case authorisedBy
    case participantApproved
    case inKindFundingProgram
    case claimType
    case cancellationReason
    case abn

    /// The header name, exactly as the portal expects it.
    public var header: String {
        switch self {
        case .registrationNumber: "RegistrationNumber"
        case .ndisNumber: "NDISNumber"
        case .supportsDeliveredFrom: "SupportsDeliveredFrom"
        case .supportsDeliveredTo: "SupportsDeliveredTo"
        case .supportNumber: "SupportNumber"
        case .claimReference: "ClaimReference"
        case .quantity: "Quantity"
        case .hours: "Hours"
        case .unitPrice: "UnitPrice"
        case .gstCode: "GSTCode"
        case .authorisedBy: "AuthorisedBy"
        case .participantApproved: "ParticipantApproved"
        case .inKindFundingProgram: "InKindFundingProgram"
        case .claimType: "ClaimType"
        case .cancellationReason: "CancellationReason"
        case .abn: "ABN of Support Provider"
        }
    }
}

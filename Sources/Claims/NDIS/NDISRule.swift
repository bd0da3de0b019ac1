/// A rule of the NDIS bulk payment request file; the raw value is the rule id shown in reports.
public enum NDISRule: String, Sendable, CaseIterable, Equatable {
    /// RegistrationNumber must be digits only, and present.
    case registrationNumber = "ndis-registration-number"
    /// NDISNumber must be 9 digits.
    case ndisNumber = "ndis-participant-number"
    /// SupportsDeliveredTo must not be before SupportsDeliveredFrom.
    case datesOrder = "ndis-dates-order"
    /// SupportNumber must be present: letters, digits and `_` (a support catalogue item such as `01_011_0107_1_1`).
    case supportNumber = "ndis-support-number"
    /// ClaimReference: at most 50 letters, digits, `/`, `_` or `-`.
    case claimReference = "ndis-claim-reference"
    /// Exactly one of Quantity and Hours must be given.
    case quantityOrHours = "ndis-quantity-or-hours"
    /// Quantity must be `NNNNN` (up to 5 digits) or `NNN.NN` (up to 3 digits, up to 2 decimals).
    case quantityFormat = "ndis-quantity-format"
    /// Hours takes the same decimal form as Quantity (the portal's format is unconfirmed).
    case hoursFormat = "ndis-hours-format"
    /// UnitPrice must be from 0 to 9999999.99.
    case unitPrice = "ndis-unit-price"
    /// CancellationReason must be given when ClaimType is `CANC`, and only then.
    case cancellationReason = "ndis-cancellation-reason"
    /// ABN of Support Provider, when given, must be 11 digits.
    case abn = "ndis-abn"
    /// The file name must be at most 20 characters including `.csv`.
    case fileNameLength = "ndis-file-name-length"
    /// The file name must end in `.csv`.
    case fileNameExtension = "ndis-file-name-extension"
}

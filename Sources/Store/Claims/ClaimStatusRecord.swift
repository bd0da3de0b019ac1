import Claims
import GRDB

/// One STC status a 277CA reported for a claim or one of its lines (table `claim_acknowledgments`).
public struct ClaimStatusRecord: Sendable, Codable, Equatable, FetchableRecord {
    /// The 277CA job.
    public var jobId: Int64
    /// `claim` or `line`.
    public var level: String
    /// STC01-1.
    public var category: String
    /// STC01-2.
    public var status: String
    /// STC01-3 (may be empty).
    public var entity: String
    /// STC03 (`WQ`, `U`, or empty).
    public var action: String
    /// STC02 (CCYYMMDD).
    public var statusDate: String
    /// STC12 (may be empty).
    public var message: String
    /// REF*1K of the claim, when the payer sent one.
    public var payerClaimNumber: String?

    /// The status as ``ClaimStatusInformation``, for its verdict and descriptions.
    public var information: ClaimStatusInformation {
        ClaimStatusInformation(
            position: 0, category: category, status: status, entity: entity, date: statusDate, action: action,
            message: message)
    }
}

import Claims
import Foundation
import GRDB

/// One claim as recorded: status, money and where it came from (no lines).
public struct ClaimRecord: Sendable, Codable, Equatable, StoredRecord {
    public static let databaseTableName = "claims"

    /// Claim id.
    public var id: Int64
    /// The batch it was sent in.
    public var batchId: Int64
    /// Payer profile id.
    public var payer: String
    /// Patient control number (CLM01).
    public var pcn: String
    /// ST02 of its transaction set.
    public var setControl: String
    /// `1` original, `7` replacement, `8` void.
    public var frequency: String
    /// The claim it replaces or voids.
    public var corrects: Int64?
    /// District (source id).
    public var district: String
    /// Student id in the district.
    public var studentId: String
    /// Payer member id.
    public var memberId: String
    /// Rendering NPI.
    public var renderingNpi: String
    /// First date of service.
    public var periodStart: String
    /// Last date of service.
    public var periodEnd: String
    /// Total charge in cents.
    public var totalCents: Int64
    /// built, submitted, accepted, rejected, accepted-by-payer, rejected-by-payer, paid, partial, denied, reversed, replaced or voided.
    public var status: ClaimState
    /// A requested correction not yet built (`replace` or `void`).
    public var correction: String?
    /// The payer's claim control number (835 CLP07).
    public var payerClaimNumber: String?
    /// Paid amount in cents, once remitted.
    public var paidCents: Int64?
    /// When the status last changed.
    public var statusAt: String

    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
}

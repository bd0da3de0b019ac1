import GRDB

/// A member of a payer batch as loaded.
public struct MemberRecord: Sendable, Equatable, FetchableRecord {
    /// Payer member id.
    public var memberId: String
    /// Medi-Cal CIN.
    public var cin: String?
    /// Names and birth date (ISO date).
    public var lastName: String?
    /// See ``lastName``.
    public var firstName: String?
    /// See ``lastName``.
    public var birthdate: String?
    /// Eligibility span (ISO dates; no end = ongoing).
    public var eligibilityStart: String
    /// See ``eligibilityStart``.
    public var eligibilityEnd: String?
    /// Aid and plan codes.
    public var aidCode: String?
    /// See ``aidCode``.
    public var planCode: String?

    /// Creates a member record.
    public init(
        memberId: String, cin: String?, lastName: String?, firstName: String?, birthdate: String?,
        eligibilityStart: String, eligibilityEnd: String?, aidCode: String?, planCode: String?
    ) {
        self.memberId = memberId
        self.cin = cin
        self.lastName = lastName
        self.firstName = firstName
        self.birthdate = birthdate
        self.eligibilityStart = eligibilityStart
        self.eligibilityEnd = eligibilityEnd
        self.aidCode = aidCode
        self.planCode = planCode
    }

    /// Decodes a row of the member query in ``LoadSession/forEachMemberOfThisJob(_:)`` by position.
    public init(row: Row) {
        self.init(
            memberId: row[0], cin: row[1], lastName: row[2], firstName: row[3], birthdate: row[4],
            eligibilityStart: row[5], eligibilityEnd: row[6], aidCode: row[7], planCode: row[8])
    }
}

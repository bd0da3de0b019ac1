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

    /// Decodes a row of the member query in ``LoadSession/forEachMemberOfThisJob(_:)``, by column name.
    public init(row: Row) {
        self.init(
            memberId: row["member_id"], cin: row["cin"], lastName: row["last_name"], firstName: row["first_name"],
            birthdate: row["birthdate"], eligibilityStart: row["eligibility_start"],
            eligibilityEnd: row["eligibility_end"], aidCode: row["aid_code"], planCode: row["plan_code"])
    }
}

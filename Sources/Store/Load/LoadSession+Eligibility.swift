import GRDB

/// A student as eligibility matching sees them.
public struct StudentIdentity: Sendable, Equatable, FetchableRecord {
    /// District student id.
    public var studentId: String
    /// Medi-Cal CIN, if the SIS carries one.
    public var cin: String?
    /// Names and birth date as loaded (ISO date).
    public var lastName: String?
    /// See ``lastName``.
    public var firstName: String?
    /// See ``lastName``.
    public var birthdate: String?

    /// Creates an identity.
    public init(studentId: String, cin: String?, lastName: String?, firstName: String?, birthdate: String?) {
        self.studentId = studentId
        self.cin = cin
        self.lastName = lastName
        self.firstName = firstName
        self.birthdate = birthdate
    }

    /// Decodes a row of `SELECT student_id, cin, last_name, first_name, birthdate` (by position: this runs for
    /// every student of a district).
    public init(row: Row) {
        self.init(studentId: row[0], cin: row[1], lastName: row[2], firstName: row[3], birthdate: row[4])
    }
}

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

/// One member span matched to a student.
public struct StudentSpan: Sendable, Equatable {
    /// The student.
    public var studentID: String
    /// The member span.
    public var member: MemberRecord
    /// `cin` or `name-birthdate`.
    public var matchedBy: String

    /// Creates a span.
    public init(studentID: String, member: MemberRecord, matchedBy: String) {
        self.studentID = studentID
        self.member = member
        self.matchedBy = matchedBy
    }
}

extension LoadSession {
    /// The district's students with what identifies them.
    public func studentIdentities() throws -> [StudentIdentity] {
        try StudentIdentity.fetchAll(
            db, sql: "SELECT student_id, cin, last_name, first_name, birthdate FROM students WHERE district = ?",
            arguments: [district])
    }

    /// Calls `body` with each member span this job loaded or confirmed, one at a time (constant memory).
    public func forEachMemberOfThisJob(_ body: (MemberRecord) throws -> Void) throws {
        let cursor = try MemberRecord.fetchCursor(
            db,
            sql: """
                SELECT member_id, cin, last_name, first_name, birthdate, eligibility_start, eligibility_end,
                       aid_code, plan_code
                FROM eligibility_members WHERE district = ? AND job_id = ? ORDER BY member_id, eligibility_start
                """, arguments: [district, jobID])
        while let member = try cursor.next() { try body(member) }
    }

    /// Records matched spans, replacing what earlier batches said about the same member spans.
    public func recordEligibility(_ spans: [StudentSpan]) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO student_eligibility (district, student_id, member_id, eligibility_start, eligibility_end,
                    aid_code, plan_code, matched_by, job_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET eligibility_end = excluded.eligibility_end, aid_code = excluded.aid_code,
                    plan_code = excluded.plan_code, matched_by = excluded.matched_by, job_id = excluded.job_id
                """)
        for span in spans {
            try statement.execute(arguments: [
                district, span.studentID, span.member.memberId, span.member.eligibilityStart,
                span.member.eligibilityEnd, span.member.aidCode, span.member.planCode, span.matchedBy, jobID,
            ])
        }
    }
}

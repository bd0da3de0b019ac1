import Claims
import GRDB

extension LoadSession {
    /// The district's students with what identifies them.
    public func studentIdentities() throws -> [StudentIdentity] {
        try db.fetchAll(
            StudentIdentity.self,
            sql: "SELECT student_id, cin, last_name, first_name, birthdate FROM students WHERE district = ?",
            arguments: [district])
    }

    /// Calls `body` with each member span this job loaded or confirmed, one at a time (constant memory).
    public func forEachMemberOfThisJob(_ body: (MemberRecord) throws -> Void) throws {
        try db.forEach(
            MemberRecord.self,
            sql: """
                SELECT member_id, cin, last_name, first_name, birthdate, eligibility_start, eligibility_end,
                       aid_code, plan_code
                FROM eligibility_members WHERE district = ? AND job_id = ? ORDER BY member_id, eligibility_start
                """, arguments: [district, jobID], body)
    }

    /// Records matched spans, replacing what earlier batches said about the same member spans.
    public func recordEligibility(_ spans: [StudentSpan]) throws {
        let statement = try db.prepare(
            """
            INSERT INTO student_eligibility (district, student_id, member_id, eligibility_start, eligibility_end,
                aid_code, plan_code, matched_by, job_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (district, student_id, member_id, eligibility_start) DO UPDATE SET eligibility_end = excluded.eligibility_end, aid_code = excluded.aid_code,
                plan_code = excluded.plan_code, matched_by = excluded.matched_by, job_id = excluded.job_id
            """)
        for span in spans {
            let text = { (value: String?) in value.map(SQLValue.text) ?? .null }
            try statement.execute(
                .text(district), .text(span.studentID), .text(span.member.memberId),
                .text(span.member.eligibilityStart), text(span.member.eligibilityEnd), text(span.member.aidCode),
                text(span.member.planCode), .text(span.matchedBy.rawValue), .int(jobID))
        }
    }
}

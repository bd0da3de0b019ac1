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

    /// Decodes a row of `SELECT student_id, cin, last_name, first_name, birthdate`, by column name.
    public init(row: Row) {
        self.init(
            studentId: row["student_id"], cin: row["cin"], lastName: row["last_name"], firstName: row["first_name"],
            birthdate: row["birthdate"])
    }
}

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

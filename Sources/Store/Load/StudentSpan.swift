import Claims

/// One member span matched to a student.
public struct StudentSpan: Sendable, Equatable {
    /// The student.
    public var studentID: String
    /// The member span.
    public var member: MemberRecord
    /// How the member was matched to the student.
    public var matchedBy: MatchMethod

    /// Creates a span.
    public init(studentID: String, member: MemberRecord, matchedBy: MatchMethod) {
        self.studentID = studentID
        self.member = member
        self.matchedBy = matchedBy
    }
}

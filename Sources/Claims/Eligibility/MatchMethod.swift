/// How a payer member was matched to a student (stored as its text in `student_eligibility.matched_by`).
public enum MatchMethod: String, Sendable, Codable, CaseIterable {
    /// By Medi-Cal CIN.
    case cin
    /// By last name, first name and birth date.
    case nameBirthdate = "name-birthdate"
}

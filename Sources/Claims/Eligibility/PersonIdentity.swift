/// What identifies a person to eligibility matching: a student of a district or a member of a payer batch.
public struct PersonIdentity: Sendable, Equatable {
    /// The student id, or the payer's member id.
    public var id: String
    /// Medi-Cal CIN, when known.
    public var cin: String?
    /// Last name as loaded.
    public var lastName: String?
    /// First name as loaded.
    public var firstName: String?
    /// Birth date as loaded (ISO date).
    public var birthdate: String?

    /// Creates an identity.
    public init(id: String, cin: String?, lastName: String?, firstName: String?, birthdate: String?) {
        self.id = id
        self.cin = cin
        self.lastName = lastName
        self.firstName = firstName
        self.birthdate = birthdate
    }
}

import Values

/// The insured member (the student, who is the subscriber and the patient on school claims).
public struct Subscriber: Sendable, Equatable {
    /// The payer's member id (NM109 of 2010BA).
    public var memberID: String
    /// Family name.
    public var lastName: String
    /// Given name.
    public var firstName: String
    /// Birth date (DMG02).
    public var birthdate: Day?
    /// `F`, `M` or `U` (DMG03).
    public var sex: String
    /// Home address (N3/N4 of 2010BA), required when the subscriber is the patient.
    public var address: PostalAddress?

    /// Creates a subscriber.
    public init(
        memberID: String, lastName: String, firstName: String, birthdate: Day?, sex: String, address: PostalAddress?
    ) {
        self.memberID = memberID
        self.lastName = lastName
        self.firstName = firstName
        self.birthdate = birthdate
        self.sex = sex
        self.address = address
    }
}

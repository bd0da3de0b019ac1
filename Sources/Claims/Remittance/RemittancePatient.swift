/// The patient of a remitted claim (NM1*QC, loop 2100).
public struct RemittancePatient: Sendable, Equatable {
    /// NM103 last name.
    public var lastName: String
    /// NM104 first name.
    public var firstName: String
    /// NM105 middle name or initial.
    public var middleName: String
    /// NM108 id qualifier (`MI` member id…).
    public var idQualifier: String
    /// NM109 id.
    public var id: String

    /// Creates a patient.
    public init(lastName: String, firstName: String, middleName: String = "", idQualifier: String = "", id: String = "")
    {
        self.lastName = lastName
        self.firstName = firstName
        self.middleName = middleName
        self.idQualifier = idQualifier
        self.id = id
    }
}

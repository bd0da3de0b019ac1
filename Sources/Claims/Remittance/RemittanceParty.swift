/// The payer (N1*PR, loop 1000A) or payee (N1*PE, loop 1000B) of an 835.
public struct RemittanceParty: Sendable, Equatable {
    /// N102 name.
    public var name: String
    /// N103 id qualifier (`XX` NPI, `FI` TIN, `XV` plan id).
    public var idQualifier: String
    /// N104 id.
    public var id: String

    /// Creates a party.
    public init(name: String, idQualifier: String = "", id: String = "") {
        self.name = name
        self.idQualifier = idQualifier
        self.id = id
    }
}

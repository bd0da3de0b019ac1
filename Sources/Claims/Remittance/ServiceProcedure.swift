/// A composite procedure identifier (SVC01 or SVC06): qualifier, code and modifiers.
public struct ServiceProcedure: Sendable, Equatable {
    /// Component 1: product/service id qualifier (`HC` HCPCS/CPT, `NU` revenue code…).
    public var qualifier: String
    /// Component 2: the procedure code.
    public var code: String
    /// Components 3 to 6: modifiers, empty ones left out.
    public var modifiers: [String]

    /// Creates a procedure.
    public init(qualifier: String, code: String, modifiers: [String] = []) {
        self.qualifier = qualifier
        self.code = code
        self.modifiers = modifiers
    }
}

import Values

/// One service line of a claim (loop 2400), priced from the fee schedule.
public struct ClaimLine: Sendable, Equatable {
    /// The service this line bills.
    public var service: ServiceKey
    /// CPT/HCPCS code (SV101-2).
    public var code: String
    /// Up to four modifiers (SV101-3…6).
    public var modifiers: [String]
    /// Units (SV104).
    public var units: Int
    /// Charge: rate × units, in cents (SV102).
    public var charge: Money
    /// Diagnosis pointers into the claim's HI list, 1-based, at most four (SV107).
    public var pointers: [Int]

    /// The date of service (DTP*472).
    public var date: Day { service.date }

    /// Creates a line.
    public init(service: ServiceKey, code: String, modifiers: [String], units: Int, charge: Money, pointers: [Int]) {
        self.service = service
        self.code = code
        self.modifiers = modifiers
        self.units = units
        self.charge = charge
        self.pointers = pointers
    }
}

import Claims

/// One 837P service line (loop 2400: `LX`, `SV1`, `DTP*472`).
public struct SubmittedLine: Sendable, Equatable {
    /// SV101-1, the code list qualifier (`HC`).
    public var qualifier: String
    /// SV101-2, the procedure code (`92507`).
    public var procedure: String
    /// SV101-3 to SV101-6, the modifiers.
    public var modifiers: [String]
    /// SV102, the line charge.
    public var charge: Money
    /// SV104, the units as written (`1`, `2.5`).
    public var units: String
    /// DTP02 of `DTP*472`: `D8` for one date, `RD8` for a range.
    public var dateQualifier: String
    /// DTP03 of `DTP*472`: `CCYYMMDD` or `CCYYMMDD-CCYYMMDD`.
    public var serviceDate: String
    /// Position of the SV1 segment in its transaction set, ST being 1 (a 999 IK302 points there).
    public var sv1Position: Int
}

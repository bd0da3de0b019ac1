/// A code table with a default set and per-district overrides (codes differ by district).
public struct CodeTable: Sendable, Equatable {
    /// Codes used when a district has no table of its own: code → description.
    public var defaultCodes: [String: String]?
    /// District (source id) → code → description.
    public var byDistrict: [String: [String: String]]

    /// Creates a code table.
    public init(defaultCodes: [String: String]?, byDistrict: [String: [String: String]]) {
        self.defaultCodes = defaultCodes
        self.byDistrict = byDistrict
    }

    /// The codes that apply to `district`, or `nil` if neither it nor a default is defined.
    public func codes(for district: String) -> [String: String]? {
        byDistrict[district] ?? defaultCodes
    }
}

/// An amount of money in integer cents, never floating point.
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The amount in cents (negative for reversals and recoveries).
    public var cents: Int64

    /// Creates an amount.
    public init(cents: Int64) {
        self.cents = cents
    }

    /// Zero.
    public static let zero = Money(cents: 0)

    /// Parses an X12 `R` amount (`175`, `175.5`, `-12.45`): at most two decimals, no plus sign, no separators.
    public init?(x12 text: Substring) {
        var rest = text
        let negative = rest.first == "-"
        if negative { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !(whole.isEmpty && (parts.count == 1 || parts[1].isEmpty)),
            whole.allSatisfy(\.isASCIIDigit),
            whole.count <= 15
        else { return nil }
        var cents = Int64(whole.isEmpty ? "0" : whole)! * 100
        if parts.count == 2 {
            let fraction = parts[1]
            guard fraction.count <= 2, fraction.allSatisfy(\.isASCIIDigit) else { return nil }
            let padded = fraction.count == 1 ? fraction + "0" : (fraction.isEmpty ? "00" : String(fraction))
            cents += Int64(padded)!
        }
        self.cents = negative ? -cents : cents
    }

    /// Parses an X12 `R` amount.
    public init?(x12 text: String) {
        self.init(x12: Substring(text))
    }

    /// The X12 form: no trailing zero decimals (`66.24`, `12.5`, `12`, `-3.05`).
    public var x12: String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let whole = magnitude / 100
        let fraction = magnitude % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Two decimals always (`66.24`, `12.00`): for reports.
    public var description: String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
    public static func += (lhs: inout Money, rhs: Money) { lhs.cents += rhs.cents }
    public static func -= (lhs: inout Money, rhs: Money) { lhs.cents -= rhs.cents }
    public static prefix func - (value: Money) -> Money { Money(cents: -value.cents) }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

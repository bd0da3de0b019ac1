/// An exact decimal number, `units × 10^-scale`, for validating amounts without floating point.
///
/// `scale` (digits after the point) is 0 to 9 and at most 18 significant digits are held, so every value
/// fits `Int64`. Equality, ordering and hashing compare values, not spellings: `1.50 == 1.5`.
public struct FixedDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value times 10^scale.
    ///
    /// For example 150 for `1.50` at scale 2.
    public var units: Int64
    /// Digits after the point.
    ///
    /// 0 to 9; other values are a programming error.
    public var scale: Int

    /// Largest scale accepted.
    static let maxScale = 9
    /// Most significant digits accepted by `parse(_:)`.
    static let maxDigits = 18

    /// Creates the value `units × 10^-scale`.
    ///
    /// - Parameters:
    ///   - units: The value times 10^scale.
    ///   - scale: Digits after the point, 0 to 9 (checked with a precondition).
    public init(units: Int64, scale: Int) {
        precondition((0...Self.maxScale).contains(scale), "FixedDecimal scale must be 0...9")
        self.units = units
        self.scale = scale
    }

    /// Parses a plain decimal number.
    ///
    /// Accepts an optional sign, digits and at most one point with digits on at least one side: `12`,
    /// `-3.5`, `+0.25`, `100.00`, `.5`, `5.`. Rejects exponents, grouping separators, spaces, more than 18
    /// significant digits, and more than 9 digits after the point once trailing zeros are dropped. The
    /// scale is the number of digits written after the point, unless trailing zeros had to be dropped to
    /// fit. Does not allocate.
    ///
    /// - Parameter bytes: UTF-8 text, all of which must be the number.
    /// - Returns: The exact value, or `nil`.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> FixedDecimal? {
        var index = 0
        var negative = false
        if let first = bytes.first, first == 0x2B || first == 0x2D {
            negative = first == 0x2D
            index = 1
        }
        var units: Int64 = 0
        var scale = 0
        var significant = 0
        var digits = 0
        var pendingZeros = 0
        var afterPoint = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == 0x2E {
                if afterPoint { return nil }
                afterPoint = true
                continue
            }
            let digit = byte &- 0x30
            guard digit < 10 else { return nil }
            digits += 1
            if afterPoint && digit == 0 {
                pendingZeros += 1
                continue
            }
            // Zeros after the point count only once a non-zero digit follows them.
            let shift = pendingZeros + 1
            let newSignificant = units == 0 && digit == 0 ? 0 : (units == 0 ? 1 : significant + shift)
            let newScale = afterPoint ? scale + shift : scale
            guard newSignificant <= maxDigits, newScale <= maxScale else { return nil }
            units = units * power(of: shift) + Int64(digit)
            significant = newSignificant
            scale = newScale
            pendingZeros = 0
        }
        guard digits > 0 else { return nil }
        if pendingZeros > 0, scale + pendingZeros <= maxScale, units == 0 || significant + pendingZeros <= maxDigits {
            units *= power(of: pendingZeros)
            scale += pendingZeros
        }
        return FixedDecimal(units: negative ? -units : units, scale: scale)
    }

    /// Parses a plain decimal number.
    ///
    /// - Parameter string: The text, all of which must be the number.
    /// - Returns: The exact value, or `nil`; see `parse(_:)`.
    public static func parse(_ string: String) -> FixedDecimal? {
        var string = string
        return string.withUTF8 { parse($0) }
    }

    /// The canonical text.
    ///
    /// No trailing zeros after the point, no point for whole numbers, a leading `0` before the point, and
    /// no `-0`: `1.50` → `1.5`, `100.00` → `100`, `-.5` → `-0.5`.
    public var description: String {
        let value = normalized
        var digits = String(value.units.magnitude)
        if value.scale > 0 {
            if digits.count <= value.scale {
                digits = String(repeating: "0", count: value.scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -value.scale))
        }
        return value.units < 0 ? "-" + digits : digits
    }

    /// The same value with `scale` digits after the point.
    ///
    /// - Parameter scale: The new scale, 0 to 9.
    /// - Returns: The value at the new scale, or `nil` when it would overflow, lose digits, or the scale is
    ///   out of range.
    public func rescaled(to scale: Int) -> FixedDecimal? {
        guard (0...Self.maxScale).contains(scale) else { return nil }
        if scale >= self.scale {
            let (result, overflow) = units.multipliedReportingOverflow(by: Self.power(of: scale - self.scale))
            return overflow ? nil : FixedDecimal(units: result, scale: scale)
        }
        let divisor = Self.power(of: self.scale - scale)
        guard units % divisor == 0 else { return nil }
        return FixedDecimal(units: units / divisor, scale: scale)
    }

    /// The exact value in hundredths, for money.
    ///
    /// `nil` when the value has more than two digits after the point once trailing zeros are dropped
    /// (`1.005`), or when it would overflow.
    public var cents: Int64? {
        let value = normalized
        return value.scale <= 2 ? value.rescaled(to: 2)?.units : nil
    }

    /// Whether the values are equal.
    ///
    /// Compares values, not spellings: `1.50 == 1.5`.
    public static func == (lhs: FixedDecimal, rhs: FixedDecimal) -> Bool {
        compare(lhs, rhs) == 0
    }

    /// Whether `lhs` is smaller.
    ///
    /// Exact across scales, using 128-bit products, so no value overflows or rounds.
    public static func < (lhs: FixedDecimal, rhs: FixedDecimal) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// Hashes the value.
    ///
    /// Hashes the value with trailing zeros removed, so that equal values at different scales hash alike.
    public func hash(into hasher: inout Hasher) {
        let value = normalized
        hasher.combine(value.units)
        hasher.combine(value.scale)
    }

    /// The same value with trailing zeros after the point removed.
    var normalized: FixedDecimal {
        var value = self
        while value.scale > 0, value.units % 10 == 0 {
            value.units /= 10
            value.scale -= 1
        }
        return value
    }

    /// -1, 0 or 1 as `lhs` is smaller, equal or larger, using 128-bit products so nothing overflows.
    private static func compare(_ lhs: FixedDecimal, _ rhs: FixedDecimal) -> Int {
        if lhs.scale == rhs.scale { return lhs.units < rhs.units ? -1 : (lhs.units == rhs.units ? 0 : 1) }
        let scale = max(lhs.scale, rhs.scale)
        let left = lhs.units.multipliedFullWidth(by: power(of: scale - lhs.scale))
        let right = rhs.units.multipliedFullWidth(by: power(of: scale - rhs.scale))
        if left.high != right.high { return left.high < right.high ? -1 : 1 }
        if left.low != right.low { return left.low < right.low ? -1 : 1 }
        return 0
    }

    /// 10^exponent for exponents 0 to 18.
    private static func power(of exponent: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<exponent { result &*= 10 }
        return result
    }
}

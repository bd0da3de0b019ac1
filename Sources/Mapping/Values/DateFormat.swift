import Values

/// A date layout such as `MM/dd/yyyy`, compiled once and parsed without allocation.
///
/// Fields: `yyyy` (exactly 4 digits), `yy` (2 digits: 00–69 → 2000s, 70–99 → 1900s), `MM` and `dd`
/// (exactly 2 digits), `M` and `d` (1 or 2 digits), `MMM` (Jan … Dec, any case). Every other character
/// is a literal that must appear as written, except ASCII letters, which are rejected so that a time
/// field such as `HH` is not silently taken as literal text. The format needs exactly one year, month
/// and day field, and a 1–2 digit field may not be directly followed by another numeric field (as in
/// `Md`), which would be ambiguous. Parsing consumes the whole input and rejects dates that do not exist.
public struct DateFormat: Sendable, Equatable, CustomStringConvertible {
    /// One element of a compiled format.
    enum Token: Equatable, Sendable {
        case year4, year2, month2, month1, monthName, day2, day1
        case literal(UInt8)
    }

    /// The format as written.
    ///
    /// Used in messages such as "not a valid date in the format MM/dd/yyyy".
    public let description: String
    /// The compiled elements, in order.
    let tokens: [Token]

    /// `yyyy-MM-dd`, the ISO 8601 calendar date.
    static let iso = DateFormat(
        description: "yyyy-MM-dd", tokens: [.year4, .literal(0x2D), .month2, .literal(0x2D), .day2])

    private init(description: String, tokens: [Token]) {
        self.description = description
        self.tokens = tokens
    }

    /// Compiles a format.
    ///
    /// - Parameter pattern: The layout, such as `yyyy-MM-dd` or `d-MMM-yy`.
    /// - Throws: ``DateFormatError`` for unsupported fields, other letters, missing or repeated fields,
    ///   and ambiguous adjacent fields.
    public init(_ pattern: String) throws(DateFormatError) {
        let source = Array(pattern.utf8)
        var tokens: [Token] = []
        var offsets: [Int] = []
        var index = 0
        while index < source.count {
            let byte = source[index]
            var run = 1
            while index + run < source.count, source[index + run] == byte { run += 1 }
            let field = String(decoding: source[index..<index + run], as: UTF8.self)
            let token: Token
            switch (Unicode.Scalar(byte), run) {
            case ("y", 4): token = .year4
            case ("y", 2): token = .year2
            case ("y", _): throw DateFormatError(offset: index, message: "unsupported field '\(field)'; use yyyy or yy")
            case ("M", 1): token = .month1
            case ("M", 2): token = .month2
            case ("M", 3): token = .monthName
            case ("M", _):
                throw DateFormatError(offset: index, message: "unsupported field '\(field)'; use M, MM or MMM")
            case ("d", 1): token = .day1
            case ("d", 2): token = .day2
            case ("d", _): throw DateFormatError(offset: index, message: "unsupported field '\(field)'; use d or dd")
            case ("a"..."z", _), ("A"..."Z", _):
                throw DateFormatError(
                    offset: index, message: "unsupported letter '\(Unicode.Scalar(byte))'; dates use y, M and d only")
            default:
                token = .literal(byte)
                run = 1
            }
            tokens.append(token)
            offsets.append(index)
            index += run
        }
        try Self.validate(tokens, offsets: offsets, length: source.count)
        description = pattern
        self.tokens = tokens
    }

    /// Parses a date laid out in this format.
    ///
    /// - Parameter bytes: UTF-8 text, all of which must be the date.
    /// - Returns: The day, or `nil` when the text does not fit the format or names no real date.
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        var index = 0
        var year = 0
        var month = 0
        var day = 0
        for token in tokens {
            switch token {
            case .literal(let byte):
                guard index < bytes.count, bytes[index] == byte else { return nil }
                index += 1
            case .monthName:
                guard let value = Self.monthName(bytes, &index) else { return nil }
                month = value
            case .year4, .year2, .month2, .month1, .day2, .day1:
                let fixed = token == .year4 ? 4 : 2
                let least = token == .month1 || token == .day1 ? 1 : fixed
                guard let value = Self.digits(bytes, &index, min: least, max: fixed) else { return nil }
                switch token {
                case .year4: year = value
                case .year2: year = value <= 69 ? 2000 + value : 1900 + value
                case .month1, .month2: month = value
                default: day = value
                }
            }
        }
        guard index == bytes.count else { return nil }
        return Day(year: year, month: month, day: day)
    }

    /// Parses a date laid out in this format.
    ///
    /// - Parameter string: The text, all of which must be the date.
    /// - Returns: The day, or `nil` when the text does not fit the format or names no real date.
    public func parse(_ string: String) -> Day? {
        var string = string
        return string.withUTF8 { parse($0) }
    }

    /// Checks that each of year, month and day appears once and that no field is ambiguous.
    private static func validate(_ tokens: [Token], offsets: [Int], length: Int) throws(DateFormatError) {
        let kinds: [(name: String, members: [Token])] = [
            ("year", [.year4, .year2]), ("month", [.month1, .month2, .monthName]), ("day", [.day1, .day2]),
        ]
        for kind in kinds {
            let positions = tokens.indices.filter { kind.members.contains(tokens[$0]) }
            if positions.isEmpty { throw DateFormatError(offset: length, message: "the format has no \(kind.name)") }
            if positions.count > 1 {
                throw DateFormatError(offset: offsets[positions[1]], message: "the \(kind.name) appears twice")
            }
        }
        let numeric: [Token] = [.year4, .year2, .month1, .month2, .day1, .day2]
        for (position, pair) in zip(tokens, tokens.dropFirst()).enumerated()
        where (pair.0 == .month1 || pair.0 == .day1) && numeric.contains(pair.1) {
            throw DateFormatError(
                offset: offsets[position + 1], message: "a 1–2 digit field directly followed by digits is ambiguous")
        }
    }

    /// Reads `min` to `max` ASCII digits at `index`.
    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, min: Int, max: Int) -> Int? {
        var value = 0
        var count = 0
        while count < max, index < bytes.count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { break }
            value = value * 10 + Int(digit)
            count += 1
            index += 1
        }
        return count >= min ? value : nil
    }

    /// Reads a three-letter English month abbreviation, in any case, at `index`.
    private static func monthName(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Int? {
        guard index + 3 <= bytes.count else { return nil }
        // Setting bit 5 lowercases ASCII letters; only letters map onto the lowercase letters compared below.
        let key =
            UInt32(bytes[index] | 0x20) << 16 | UInt32(bytes[index + 1] | 0x20) << 8
            | UInt32(bytes[index + 2] | 0x20)
        let month: Int
        switch key {
        case 0x6A_616E: month = 1  // jan
        case 0x66_6562: month = 2  // feb
        case 0x6D_6172: month = 3  // mar
        case 0x61_7072: month = 4  // apr
        case 0x6D_6179: month = 5  // may
        case 0x6A_756E: month = 6  // jun
        case 0x6A_756C: month = 7  // jul
        case 0x61_7567: month = 8  // aug
        case 0x73_6570: month = 9  // sep
        case 0x6F_6374: month = 10  // oct
        case 0x6E_6F76: month = 11  // nov
        case 0x64_6563: month = 12  // dec
        default: return nil
        }
        index += 3
        return month
    }
}

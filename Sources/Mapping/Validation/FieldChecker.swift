import Values

/// Checks and converts the text of one field, with its limits resolved for one file.
struct FieldChecker: Sendable {
    enum Outcome {
        case value(FieldValue)
        case failed(rule: String, message: String, value: String)
    }

    let field: FieldDefinition
    let position: Int?
    let column: String?
    /// Accepted spelling (uppercased when ignoring case) → canonical value, for enum fields.
    let codes: [String: String]?
    /// The same spellings as ASCII bytes, one after the other (`nil` when a spelling is not ASCII), with each
    /// one's range and canonical value: a code is found by comparing bytes, without building a string.
    private let codeBytes: [UInt8]?
    private let codeRanges: [Range<Int>]
    private let codeValues: [FieldValue]
    let minNumber: FixedDecimal?
    let maxNumber: FixedDecimal?
    let minDay: Day?
    let maxDay: Day?
    /// The bytes of a constant field's value.
    let constant: [UInt8]?
    var seen: Set<String> = []

    init(field: FieldDefinition, position: Int?, column: String?, codes: [String: String]?, today: Day) {
        self.field = field
        self.position = position
        self.column = column
        self.codes = codes
        let spellings = (codes ?? [:]).sorted { $0.key < $1.key }
        if codes != nil, spellings.allSatisfy({ $0.key.utf8.allSatisfy { $0 < 0x80 } }) {
            var bytes: [UInt8] = []
            codeRanges = spellings.map { spelling in
                let start = bytes.count
                bytes.append(contentsOf: spelling.key.utf8)
                return start..<bytes.count
            }
            codeBytes = bytes
            codeValues = spellings.map { .text($0.value) }
        } else {
            codeBytes = nil
            codeRanges = []
            codeValues = []
        }
        constant = field.constant.map { Array($0.utf8) }
        func number(_ bound: Bound?) -> FixedDecimal? {
            if case .number(let value) = bound { return value }
            return nil
        }
        func day(_ bound: Bound?) -> Day? {
            if case .date(let value) = bound { return value.resolve(today: today) }
            return nil
        }
        minNumber = number(field.min)
        maxNumber = number(field.max)
        minDay = day(field.min)
        maxDay = day(field.max)
    }

    mutating func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        if bytes.isEmpty {
            if field.required {
                return .failed(rule: RuleID.required, message: "\(field.name) is required but empty", value: "")
            }
            return .value(.null)
        }
        if let pattern = field.pattern, !pattern.matches(bytes) {
            return fail(RuleID.pattern, "\(field.name) does not match the pattern \(pattern)", bytes)
        }
        let outcome = convert(bytes)
        guard case .value(let value) = outcome, field.unique else { return outcome }
        let text = value.text
        if !seen.insert(text).inserted {
            return fail(RuleID.duplicateValue, "\(field.name) repeats a value already used earlier in this file", bytes)
        }
        return outcome
    }

    private func convert(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        switch field.type {
        case .string:
            let text = String(decoding: bytes, as: UTF8.self)
            if let length = field.length, !length.contains(text.count) {
                return fail(
                    RuleID.length, "\(field.name) has \(text.count) characters; allowed \(describe(length))", bytes)
            }
            return .value(.text(text))
        case .int:
            guard let int = ByteParsing.int64(bytes) else {
                return fail(RuleID.invalidType, "\(field.name) is not a whole number", bytes)
            }
            return limited(FixedDecimal(units: int, scale: 0), bytes) ?? .value(.int(int))
        case .decimal:
            guard let decimal = FixedDecimal.parse(bytes) else {
                return fail(RuleID.invalidType, "\(field.name) is not a decimal number", bytes)
            }
            return limited(decimal, bytes) ?? .value(.decimal(decimal))
        case .money:
            guard let decimal = FixedDecimal.parse(bytes) else {
                return fail(RuleID.invalidType, "\(field.name) is not an amount", bytes)
            }
            guard let cents = decimal.cents else {
                return fail(RuleID.invalidMoney, "\(field.name) has more than two decimals", bytes)
            }
            return limited(decimal, bytes) ?? .value(.cents(cents))
        case .date:
            return convertDate(bytes)
        case .time:
            guard let time = TimeOfDay.parse(bytes) else {
                return fail(RuleID.invalidType, "\(field.name) is not a time of day (HH:mm or h:mm AM/PM)", bytes)
            }
            return .value(.time(time))
        case .bool:
            guard let bool = ByteParsing.bool(bytes) else {
                return fail(RuleID.invalidType, "\(field.name) is not true/false, yes/no, Y/N or 1/0", bytes)
            }
            return .value(.bool(bool))
        case .enum:
            return convertEnum(bytes)
        case .npi:
            guard NPI.isValid(bytes) else {
                return fail(
                    RuleID.invalidNPI, "\(field.name) is not a valid NPI (10 digits with a Luhn check digit)", bytes)
            }
            return .value(.text(String(decoding: bytes, as: UTF8.self)))
        }
    }

    private func convertDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        guard let day = field.dateFormats.lazy.compactMap({ $0.parse(bytes) }).first else {
            let formats = field.dateFormats.map(\.description).joined(separator: " or ")
            return fail(RuleID.invalidDate, "\(field.name) is not a valid date in the format \(formats)", bytes)
        }
        if let minDay, day < minDay {
            return fail(RuleID.belowMin, "\(field.name) \(day) is before the earliest allowed date \(minDay)", bytes)
        }
        if let maxDay, day > maxDay {
            return fail(RuleID.aboveMax, "\(field.name) \(day) is after the latest allowed date \(maxDay)", bytes)
        }
        return .value(.date(day))
    }

    private func convertEnum(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        if let codeBytes, bytes.allSatisfy({ $0 < 0x80 }) {
            let ignoreCase = field.ignoreCase
            let found = codeBytes.withUnsafeBufferPointer { spellings in
                codeRanges.firstIndex { range in
                    guard range.count == bytes.count else { return false }
                    for offset in 0..<range.count {
                        var byte = bytes[offset]
                        if ignoreCase, byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") { byte -= 32 }
                        if byte != spellings[range.lowerBound + offset] { return false }
                    }
                    return true
                }
            }
            if let found { return .value(codeValues[found]) }
            return notInValues(bytes)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let key = field.ignoreCase ? text.uppercased() : text
        if let canonical = codes?[key] { return .value(.text(canonical)) }
        return notInValues(bytes)
    }

    private func notInValues(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        let text = String(decoding: bytes, as: UTF8.self)
        let accepted = (codes ?? [:]).keys.sorted()
        let list = accepted.count <= 12 ? accepted.joined(separator: ", ") : "\(accepted.count) codes"
        var message = "\(field.name) '\(text)' is not an accepted value (\(list))"
        if case .table(let name) = field.values { message += " of code table \(name) for this district" }
        return fail(RuleID.notInValues, message, bytes)
    }

    /// `nil` when within limits, else the failure.
    private func limited(_ number: FixedDecimal, _ bytes: UnsafeBufferPointer<UInt8>) -> Outcome? {
        if let minNumber, number < minNumber {
            return fail(RuleID.belowMin, "\(field.name) \(number) is below the minimum \(minNumber)", bytes)
        }
        if let maxNumber, number > maxNumber {
            return fail(RuleID.aboveMax, "\(field.name) \(number) is above the maximum \(maxNumber)", bytes)
        }
        return nil
    }

    private func describe(_ range: ClosedRange<Int>) -> String {
        if range.lowerBound == range.upperBound { return "exactly \(range.lowerBound)" }
        if range.upperBound == Int.max { return "at least \(range.lowerBound)" }
        return "\(range.lowerBound) to \(range.upperBound)"
    }

    private func fail(_ rule: String, _ message: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        let limit = 200
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes.prefix(limit)), as: UTF8.self)
        return .failed(rule: rule, message: message, value: bytes.count > limit ? text + "…" : text)
    }
}

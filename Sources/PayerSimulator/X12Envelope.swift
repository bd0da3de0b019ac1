import Values

/// The ISA of an interchange the simulator writes: parties, date, time, control number and usage.
struct X12Envelope {
    var senderQualifier: String
    var senderID: String
    var receiverQualifier: String
    var receiverID: String
    /// GS02, the application sender.
    var groupSender: String
    /// GS03, the application receiver.
    var groupReceiver: String
    var date: Day
    /// HHMM.
    var time: String
    var controlNumber: Int
    var usage: String

    /// The nine-digit ISA13 / IEA02.
    var control9: String { Self.padded(controlNumber % 1_000_000_000, 9) }

    /// The fixed-width 106-character ISA with the standard delimiters (ISA14 `0`: no TA1 asked for).
    var isa: String {
        let fields = [
            "ISA", "00", "          ", "00", "          ", senderQualifier, Self.fixed(senderID, 15), receiverQualifier,
            Self.fixed(receiverID, 15), date.yymmdd, time, "^", "00501", control9, "0", usage, ":",
        ]
        return fields.joined(separator: "*") + "~"
    }

    /// Text cut or space-padded to `width`.
    static func fixed(_ text: String, _ width: Int) -> String {
        let cut = String(text.prefix(width))
        return cut + String(repeating: " ", count: width - cut.count)
    }

    /// A non-negative number with leading zeros to `width` digits.
    static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension Day {
    /// CCYYMMDD, the X12 date.
    var ccyymmdd: String {
        X12Envelope.padded(year, 4) + X12Envelope.padded(month, 2) + X12Envelope.padded(day, 2)
    }

    /// YYMMDD, the ISA09 date.
    var yymmdd: String { String(ccyymmdd.dropFirst(2)) }

    /// Parses a CCYYMMDD date; `nil` when it is not one.
    init?(ccyymmdd text: String) {
        guard text.utf8.count == 8, text.utf8.allSatisfy({ (48...57).contains($0) }),
            let year = Int(text.prefix(4)), let month = Int(text.dropFirst(4).prefix(2)),
            let day = Int(text.suffix(2))
        else { return nil }
        self.init(year: year, month: month, day: day)
    }
}

/// A practitioner name as service logs write it (`Rivera, Ana (SLP)`), split for NM1 last/first.
struct RenderingName {
    /// Family name (NM103).
    var last: String
    /// Given name (NM104), possibly empty.
    var first: String

    /// Whether `text` yields a family name, without building one (screening runs for every service).
    static func hasLastName(_ text: String) -> Bool {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ","): return false
            case UInt8(ascii: " "): continue
            default: return true
            }
        }
        return false
    }

    /// Splits `Last, First (credential)`; without a comma, `First Last`; a credential in parentheses is dropped.
    init(_ text: String) {
        let withoutCredential = text.split(separator: "(", maxSplits: 1).first ?? text[...]
        let trimmed = withoutCredential.trimmingSpaces()
        if let comma = trimmed.firstIndex(of: ",") {
            last = trimmed[..<comma].trimmingSpaces()
            first = trimmed[trimmed.index(after: comma)...].trimmingSpaces()
        } else if let space = trimmed.lastIndex(of: " ") {
            first = trimmed[..<space].trimmingSpaces()
            last = trimmed[trimmed.index(after: space)...].trimmingSpaces()
        } else {
            last = trimmed
            first = ""
        }
    }
}

extension StringProtocol {
    /// The text without its leading and trailing spaces, found from each end (no reversed copies).
    fileprivate func trimmingSpaces() -> String {
        guard let first = firstIndex(where: { $0 != " " }), let last = lastIndex(where: { $0 != " " }) else {
            return ""
        }
        return String(self[first...last])
    }
}

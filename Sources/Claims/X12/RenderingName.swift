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
        let withoutCredential = text.split(separator: "(", maxSplits: 1).first.map(String.init) ?? text
        let trimmed = withoutCredential.trimmingSpaces()
        if let comma = trimmed.firstIndex(of: ",") {
            last = String(trimmed[..<comma]).trimmingSpaces()
            first = String(trimmed[trimmed.index(after: comma)...]).trimmingSpaces()
        } else if let space = trimmed.lastIndex(of: " ") {
            first = String(trimmed[..<space]).trimmingSpaces()
            last = String(trimmed[trimmed.index(after: space)...]).trimmingSpaces()
        } else {
            last = trimmed
            first = ""
        }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

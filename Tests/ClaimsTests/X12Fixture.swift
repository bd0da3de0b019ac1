import Formats

/// Builds small X12 interchanges for tests: a fixed-width ISA with the right widths, then the given segments.
struct X12Fixture {
    var element = "*"
    var repetition = "^"
    var component = ":"
    var terminator = "~"
    var lineBreak = ""
    var controlNumber = "000000101"

    /// An ISA of exactly 106 characters with this fixture's delimiters.
    var isa: String {
        let fields = [
            "ISA", "00", pad("", 10), "00", pad("", 10), "ZZ", pad("PAYER", 15), "ZZ", pad("DROPGATE", 15),
            "251121", "1200", repetition, "00501", controlNumber, "0", "T", component,
        ]
        return fields.joined(separator: element) + terminator + lineBreak
    }

    /// The interchange: ISA, the segments (written with `*` and `:`, translated to this fixture's delimiters), IEA.
    func interchange(_ segments: [String], groups: Int = 1) -> String {
        var text = isa
        for segment in segments + ["IEA*\(groups)*\(controlNumber)"] {
            text += translate(segment) + terminator + lineBreak
        }
        return text
    }

    /// One group of one transaction set around `body` (the segments between ST and SE), counts filled in.
    static func group(
        functionalID: String, setID: String, version: String = "", control: String = "0001", groupControl: String = "7",
        _ body: [String]
    ) -> [String] {
        let st = version.isEmpty ? "ST*\(setID)*\(control)" : "ST*\(setID)*\(control)*\(version)"
        // GS08 is the guide: the set's version when given (a 999's 005010X231A1), else the 835's.
        return [
            "GS*\(functionalID)*PAYER*DROPGATE*20251121*1200*\(groupControl)*X*\(version.isEmpty ? "005010X221A1" : version)"
        ]
            + [st] + body + ["SE*\(body.count + 2)*\(control)", "GE*1*\(groupControl)"]
    }

    private func translate(_ segment: String) -> String {
        var out = ""
        for character in segment {
            switch character {
            case "*": out += element
            case ":": out += component
            default: out.append(character)
            }
        }
        return out
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: width - text.count)
    }
}

/// Tokenizes `text` fed in chunks of `size` bytes, calling `body` for each segment.
func tokenize(_ text: String, chunkSize size: Int, _ body: (X12Segment) throws -> Void) throws {
    let bytes = Array(text.utf8)
    var tokenizer = X12Tokenizer()
    try bytes.withUnsafeBufferPointer { all in
        var start = 0
        while start < all.count {
            let end = min(all.count, start + size)
            try tokenizer.feed(UnsafeBufferPointer(rebasing: all[start..<end]), body)
            start = end
        }
    }
    try tokenizer.finish()
}

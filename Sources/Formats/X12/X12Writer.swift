/// Writes X12 segments into a byte buffer: drops trailing empty elements, counts segments for SE01.
///
/// Elements are passed as text; a value containing one of the delimiters is a programming error upstream
/// (values are cleaned by ``X12Writer/clean(_:)`` before they get here) and is replaced by a space so the
/// interchange stays parseable.
public struct X12Writer: Sendable {
    /// The delimiters written.
    public let delimiters: X12Delimiters
    /// Whether a line feed follows each segment terminator (easier to read; every reader tolerates it).
    public let newlines: Bool
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    /// Segments written since the last ``startCounting()``: SE01 when called at the ST.
    public private(set) var counted = 0

    /// Creates a writer.
    public init(delimiters: X12Delimiters = .standard, newlines: Bool = true, capacity: Int = 4096) {
        self.delimiters = delimiters
        self.newlines = newlines
        bytes.reserveCapacity(capacity)
    }

    /// Restarts the segment count (call just before writing ST).
    public mutating func startCounting() {
        counted = 0
    }

    /// Writes one segment. Empty elements at the end are dropped; empty ones in the middle stay empty.
    public mutating func segment(_ id: String, _ elements: String...) {
        segment(id, elements)
    }

    /// Writes one segment from an array of elements.
    public mutating func segment(_ id: String, _ elements: [String]) {
        var last = elements.count
        while last > 0, elements[last - 1].isEmpty { last -= 1 }
        bytes.append(contentsOf: id.utf8)
        for element in elements[0..<last] {
            bytes.append(delimiters.element)
            append(element)
        }
        bytes.append(delimiters.segment)
        if newlines { bytes.append(10) }
        counted += 1
    }

    /// Writes an ISA segment verbatim (its fixed widths are the caller's business), without counting it.
    public mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        if newlines { bytes.append(10) }
    }

    /// Joins components into one composite element (`HC:92507:GN`), dropping empty trailing components.
    public func composite(_ components: String...) -> String {
        var parts = components
        while let last = parts.last, last.isEmpty { parts.removeLast() }
        return parts.joined(separator: String(UnicodeScalar(delimiters.component)))
    }

    /// Clears the buffer (after it has been flushed to a file), keeping the segment count.
    public mutating func drain() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    private mutating func append(_ element: String) {
        for byte in element.utf8 {
            let isDelimiter =
                byte == delimiters.element || byte == delimiters.segment || byte == delimiters.repetition
                || byte == 10 || byte == 13
            bytes.append(isDelimiter ? 32 : byte)
        }
    }

    /// Upper-cases text and keeps only characters of the X12 extended character set, collapsing spaces.
    ///
    /// Letters with accents lose them (`Peña` → `PENA`); anything else outside the set becomes a space. ASCII
    /// text (nearly every name) is upper-cased byte by byte, without folding.
    public static func clean(_ text: String) -> String {
        let folded = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.applyingASCIIFold().uppercased()
        var out: [UInt8] = []
        out.reserveCapacity(folded.utf8.count)
        var lastWasSpace = true
        for scalar in folded.unicodeScalars {
            var byte = scalar.isASCII ? UInt8(scalar.value) : 0
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) { byte -= 0x20 }
            if isExtendedCharacter(byte) {
                out.append(byte)
                lastWasSpace = false
            } else if !lastWasSpace {
                out.append(UInt8(ascii: " "))
                lastWasSpace = true
            }
        }
        while out.last == UInt8(ascii: " ") { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether an upper-case ASCII byte is in the X12 extended character set (space aside).
    private static func isExtendedCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return extendedPunctuation.contains(byte)
        }
    }

    private static let extendedPunctuation = Set("!&'()+,-./;?=%@[]_{}\\|<>#$\"".utf8)
}

extension String {
    /// Latin letters without their accents, by canonical decomposition (no Foundation needed).
    fileprivate func applyingASCIIFold() -> String {
        var out = String.UnicodeScalarView()
        for scalar in decomposedScalars() where !(0x300...0x36F).contains(scalar.value) {
            out.append(scalar)
        }
        return String(out)
    }

    private func decomposedScalars() -> [Unicode.Scalar] {
        // Swift's String has no public NFD; the few letters in names map through this table.
        var result: [Unicode.Scalar] = []
        for scalar in unicodeScalars {
            if let base = Self.latinBase[scalar] { result.append(base) } else { result.append(scalar) }
        }
        return result
    }

    private static let latinBase: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs: [(String, Character)] = [
            ("ÀÁÂÃÄÅàáâãäå", "a"), ("ÇçĆćČč", "c"), ("ÈÉÊËèéêëĚě", "e"), ("ÌÍÎÏìíîï", "i"), ("Ññ", "n"),
            ("ÒÓÔÕÖØòóôõöø", "o"), ("ÙÚÛÜùúûü", "u"), ("Ýýÿ", "y"), ("ŠšŚś", "s"), ("ŽžŹźŻż", "z"),
        ]
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (letters, base) in pairs {
            for letter in letters.unicodeScalars {
                let isUpper = letter.properties.isUppercase
                let mapped = isUpper ? String(base).uppercased() : String(base)
                table[letter] = mapped.unicodeScalars.first!
            }
        }
        return table
    }()
}

/// Guesses the delimiter of a CSV file from its header line.
///
/// Used for hints such as "the file looks ';'-delimited" when a header matches no mapping.
public enum DelimiterSniffer {
    /// The delimiters considered, in the order that breaks ties.
    private static let candidates: [UInt8] = [
        UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|"),
    ]

    /// Returns whichever of `,` `;` tab `|` occurs most often in `headerLine` outside quotes, or `nil` if none does.
    ///
    /// Quotes toggle between inside and outside, so `""` inside a quoted field changes nothing. The scan stops at
    /// the first CR or LF outside quotes. Ties go to the delimiter listed first.
    public static func likelyDelimiter(headerLine: UnsafeBufferPointer<UInt8>) -> UInt8? {
        var counts = [Int](repeating: 0, count: candidates.count)
        var quoted = false
        for byte in headerLine {
            if byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if !quoted {
                if byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") { break }
                if let position = candidates.firstIndex(of: byte) { counts[position] += 1 }
            }
        }
        var best: Int?
        for position in counts.indices where counts[position] > best.map({ counts[$0] }) ?? 0 {
            best = position
        }
        return best.map { candidates[$0] }
    }
}

import Formats

/// Splits an interchange into segments with the production tokenizer.
func x12Segments(_ bytes: [UInt8]) throws -> [X12Segment] {
    var tokenizer = X12Tokenizer()
    var segments: [X12Segment] = []
    try bytes.withUnsafeBufferPointer { buffer in
        try tokenizer.feed(buffer) { segments.append($0) }
    }
    try tokenizer.finish()
    return segments
}

/// The segments as `ID*E1*E2…` text, for readable expectations.
func x12Lines(_ bytes: [UInt8]) throws -> [String] {
    try x12Segments(bytes).map { segment in
        ([segment.id] + (0..<segment.count).map { segment.element($0 + 1) }).joined(separator: "*")
    }
}

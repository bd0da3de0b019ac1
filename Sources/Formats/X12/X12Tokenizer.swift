/// A streaming X12 tokenizer: a push state machine fed with chunks, emitting segments.
///
/// Delimiters come from the ISA at the start of the input (see ``X12Delimiters``). Line breaks after a
/// segment terminator are skipped; when the terminator is itself a line feed, a carriage return before it is
/// dropped. Memory holds one segment, whatever the interchange size.
public struct X12Tokenizer: Sendable {
    /// The delimiters, once the ISA has been read.
    public private(set) var delimiters: X12Delimiters?
    private var isa: [UInt8] = []
    private var current: [[UInt8]] = [[]]
    private var segmentStart = 0
    private var offset = 0
    private var position = 0
    private var atSegmentStart = true
    private let maxSegmentBytes: Int
    private var segmentBytes = 0

    /// Creates a tokenizer; a segment longer than `maxSegmentBytes` is an error (a runaway file without terminators).
    public init(maxSegmentBytes: Int = 1 << 20) {
        self.maxSegmentBytes = maxSegmentBytes
    }

    /// Feeds the next chunk, calling `body` for each complete segment.
    ///
    /// - Throws: ``X12Error`` for a malformed ISA or an oversized segment, or what `body` throws.
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (X12Segment) throws -> Void) throws {
        var index = 0
        if delimiters == nil {
            let needed = X12Delimiters.isaLength - isa.count
            isa.append(contentsOf: chunk.prefix(needed))
            index = min(needed, chunk.count)
            guard isa.count == X12Delimiters.isaLength else {
                offset += chunk.count
                return
            }
            delimiters = try isa.withUnsafeBufferPointer { buffer throws(X12Error) in try X12Delimiters.detect(buffer) }
            let saved = isa
            isa = []
            offset = 0
            try saved.withUnsafeBufferPointer { try scan($0, from: 0, body) }
        }
        try scan(chunk, from: index, body)
    }

    /// Ends the input.
    ///
    /// - Throws: ``X12Error`` when the input ends inside a segment (truncated) or holds no ISA at all.
    public mutating func finish() throws(X12Error) {
        guard delimiters != nil else {
            throw X12Error(
                segment: 1, segmentID: "",
                message: isa.isEmpty
                    ? "the file is empty" : "the interchange is shorter than an ISA segment (106 characters)")
        }
        if !atSegmentStart {
            let id = String(decoding: current[0], as: UTF8.self)
            throw X12Error(
                segment: position + 1, segmentID: id, message: "the file ends inside this segment: it is truncated")
        }
    }

    private mutating func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ body: (X12Segment) throws -> Void
    ) throws {
        guard let delimiters else { return }
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            defer {
                index += 1
                offset += 1
            }
            if atSegmentStart {
                if byte == 10 || byte == 13 || byte == 32 { continue }
                atSegmentStart = false
                segmentStart = offset
                segmentBytes = 0
            }
            segmentBytes += 1
            if segmentBytes > maxSegmentBytes {
                throw X12Error(
                    segment: position + 1, segmentID: String(decoding: current[0].prefix(3), as: UTF8.self),
                    message: "a segment longer than \(maxSegmentBytes) bytes: the segment terminator is missing")
            }
            if byte == delimiters.segment {
                if delimiters.segment == 10, let last = current[current.count - 1].last, last == 13 {
                    current[current.count - 1].removeLast()
                }
                position += 1
                try body(X12Segment(position: position, offset: segmentStart, elements: current))
                current = [[]]
                atSegmentStart = true
            } else if byte == delimiters.element {
                current.append([])
            } else {
                current[current.count - 1].append(byte)
            }
        }
    }
}

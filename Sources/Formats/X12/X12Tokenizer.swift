/// A streaming X12 tokenizer: a push state machine fed with chunks, emitting segments.
///
/// Delimiters come from the ISA at the start of the input (see ``X12Delimiters``). Line breaks after a
/// segment terminator are skipped; when the terminator is itself a line feed, a carriage return before it is
/// dropped. Memory holds one segment, whatever the interchange size: the segment buffer is reused, and each
/// element is copied as one span found by a scan for the next delimiter.
public struct X12Tokenizer: Sendable {
    /// The delimiters, once the ISA has been read.
    public private(set) var delimiters: X12Delimiters?
    private var isa: [UInt8] = []
    private var buffer: [UInt8] = []
    private var ends: [Int] = []
    private var segmentStart = 0
    private var offset = 0
    private var position = 0
    private var atSegmentStart = true
    private let maxSegmentBytes: Int

    /// Creates a tokenizer; a segment longer than `maxSegmentBytes` is an error (a runaway file without terminators).
    public init(maxSegmentBytes: Int = 1 << 20) {
        self.maxSegmentBytes = maxSegmentBytes
        buffer.reserveCapacity(256)
        ends.reserveCapacity(32)
    }

    /// Feeds the next chunk, calling `body` for each complete segment.
    ///
    /// The segment handed to `body` is only valid as a value: keep a copy if needed, the tokenizer reuses its
    /// storage for the next segment.
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
            throw X12Error(
                segment: position + 1, segmentID: currentID(),
                message: "the file ends inside this segment: it is truncated")
        }
    }

    /// The id of the segment being read (the bytes before its first element separator).
    private func currentID() -> String {
        String(decoding: buffer.prefix(ends.first ?? buffer.count), as: UTF8.self)
    }

    private mutating func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ body: (X12Segment) throws -> Void
    ) throws {
        guard let delimiters else { return }
        let separator = delimiters.element
        let terminator = delimiters.segment
        let count = bytes.count
        let base = offset - start
        defer { offset = base + count }
        var index = start
        while index < count {
            if atSegmentStart {
                let byte = bytes[index]
                if byte == 10 || byte == 13 || byte == 32 {
                    index += 1
                    continue
                }
                atSegmentStart = false
                segmentStart = base + index
            }
            var end = index
            while end < count {
                let byte = bytes[end]
                if byte == separator || byte == terminator { break }
                end += 1
            }
            if end > index { buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end])) }
            if buffer.count + (end < count ? 1 : 0) > maxSegmentBytes {
                throw X12Error(
                    segment: position + 1, segmentID: String(currentID().prefix(3)),
                    message: "a segment longer than \(maxSegmentBytes) bytes: the segment terminator is missing")
            }
            guard end < count else { break }
            if bytes[end] == terminator {
                if terminator == 10, buffer.last == 13 { buffer.removeLast() }
                ends.append(buffer.count)
                position += 1
                try body(
                    X12Segment(
                        position: position, offset: segmentStart, delimiters: delimiters, bytes: buffer, ends: ends))
                buffer.removeAll(keepingCapacity: true)
                ends.removeAll(keepingCapacity: true)
                atSegmentStart = true
            } else {
                ends.append(buffer.count)
                buffer.append(separator)
            }
            index = end + 1
        }
    }
}

extension CSVParser {
    /// Runs the state machine over `chunk`, emitting every record that ends in it.
    ///
    /// Field bytes are copied span by span: a span runs from the start of a field (or of the chunk) to the next
    /// byte that needs attention, and bytes that continue a field into the next chunk are stored at its end.
    mutating func scan(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (borrowing CSVRecord) throws -> Void) rethrows {
        guard let base = chunk.baseAddress else { return }
        let count = chunk.count
        let delimiter = self.delimiter
        let quote = Self.quote
        let cr = Self.cr
        let lf = Self.lf
        var index = 0
        var spanStart = 0
        while index < count {
            switch state {
            case .recordStart:
                let byte = base[index]
                if byte == lf || byte == cr {
                    line += 1
                    index += 1
                    if byte == cr { state = .afterCR }
                } else {
                    record.reset(line: line)
                    storing = true
                    recordStart = index
                    state = .fieldStart
                }
            case .afterCR:
                if base[index] == lf { index += 1 }
                state = .recordStart
            case .fieldStart:
                if base[index] == quote {
                    index += 1
                    state = .quoted
                } else {
                    state = .unquoted
                }
                spanStart = index
            case .unquoted:
                var end = index
                while end < count {
                    let byte = base[end]
                    if byte == delimiter || byte == lf || byte == cr { break }
                    end += 1
                }
                index = end
                guard end < count else { break }
                append(base, from: spanStart, to: end)
                endField(at: end)
                index += 1
                if base[end] == delimiter {
                    state = .fieldStart
                } else {
                    try endRecord(terminator: base[end], at: end, body)
                }
            case .quoted:
                var end = index
                while end < count {
                    let byte = base[end]
                    if byte == quote { break }
                    if byte == lf {
                        line += 1
                    } else if byte == cr {
                        line += 1
                        if end + 1 == count {
                            state = .quotedAfterCR
                        } else if base[end + 1] == lf {
                            end += 1
                        }
                    }
                    end += 1
                }
                index = end
                guard end < count else { break }
                append(base, from: spanStart, to: end)
                index += 1
                state = .quoteInQuoted
            case .quotedAfterCR:
                if base[index] == lf { index += 1 }
                state = .quoted
            case .quoteInQuoted:
                let byte = base[index]
                if byte == quote {
                    spanStart = index
                    state = .quoted
                } else if byte == delimiter {
                    endField(at: index)
                    state = .fieldStart
                } else if byte == lf || byte == cr {
                    endField(at: index)
                    try endRecord(terminator: byte, at: index, body)
                } else {
                    if storing && record.problem == nil {
                        record.problem = .textAfterClosingQuote(field: record.count)
                    }
                    appendQuote(at: index)
                    spanStart = index
                    state = .unquoted
                    continue
                }
                index += 1
            }
        }
        switch state {
        case .unquoted, .quoted, .quotedAfterCR:
            append(base, from: spanStart, to: count)
        case .recordStart, .afterCR, .fieldStart, .quoteInQuoted:
            break
        }
        recordStart -= count
    }

    /// Adds `base[start..<end]` to the current field, unless the record is over its limit at `end`.
    @inline(__always)
    private mutating func append(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) {
        guard storing, withinLimit(at: end), start < end else { return }
        record.bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
    }

    /// Adds a quote kept literally to the current field, unless the record is over its limit at `offset`.
    private mutating func appendQuote(at offset: Int) {
        guard storing, withinLimit(at: offset) else { return }
        record.bytes.append(Self.quote)
    }

    /// Ends the current field just before `offset`, unless the record is over its limit there.
    @inline(__always)
    mutating func endField(at offset: Int) {
        guard storing, withinLimit(at: offset) else { return }
        record.ends.append(record.bytes.count)
    }

    /// Whether the record up to `offset` fits the limit; when it does not, its fields are dropped for good.
    @inline(__always)
    private mutating func withinLimit(at offset: Int) -> Bool {
        if offset - recordStart <= maxRecordBytes { return true }
        storing = false
        record.clearFields()
        return false
    }

    /// Emits the record ending at `offset` with `terminator` (CR or LF) and moves past the line break.
    @inline(__always)
    private mutating func endRecord(
        terminator: UInt8, at offset: Int, _ body: (borrowing CSVRecord) throws -> Void
    ) rethrows {
        try emit(at: offset, body)
        line += 1
        state = terminator == Self.cr ? .afterCR : .recordStart
    }

    /// Hands the record ending just before `offset` to `body`.
    mutating func emit(at offset: Int, _ body: (borrowing CSVRecord) throws -> Void) rethrows {
        if !storing && record.problem != .unterminatedQuote {
            record.problem = .tooLong(bytes: offset - recordStart)
        }
        recordsEmitted += 1
        try body(record)
    }
}

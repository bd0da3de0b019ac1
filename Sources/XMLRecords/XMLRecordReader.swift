internal import CLibXML2

/// Streams the records of an XML document through libxml2's `xmlTextReader`, never holding the whole document.
///
/// Memory stays flat whatever the size of the document: libxml2 frees each node once it has been walked past, and
/// one record's buffers are reused for the next. The document is parsed safely: entities are not substituted, so
/// no external entity is ever read; no DTD is loaded and nothing is fetched over the network. libxml2 reads the
/// encoding from the byte-order mark and XML declaration (UTF-8, UTF-16, ISO-8859-1 and others) and hands out
/// UTF-8.
///
/// Neither the records delivered nor the error thrown depend on how `read` splits the input: libxml2 is handed
/// full buffers whatever the size of the chunks, and when the document turns out malformed, every record that
/// ended before the error is delivered, including those libxml2 had parsed but not yet handed out.
public enum XMLRecordReader {
    /// libxml2's parser options: no network access and full line numbers.
    ///
    /// Left out on purpose: `XML_PARSE_NOENT` (substituting entities is what makes external entities dangerous),
    /// `XML_PARSE_DTDLOAD` and `XML_PARSE_DTDVALID` (they load external DTDs), and `XML_PARSE_HUGE`, so that
    /// libxml2's limits (10 MB per text node, 256 levels of nesting) keep guarding against hostile input.
    static let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)

    /// Streams the records of an XML document read through `read`, calling `body` for each in document order.
    ///
    /// A record is handed to `body` as soon as its end tag has been parsed. Reading stops at the first error;
    /// libxml2 asks for a few kilobytes at a time, and `read` is called until they are there or the input ends.
    ///
    /// - Parameters:
    ///   - read: fills the buffer with the next bytes and returns how many (0 at end, never more than the buffer
    ///     holds, never negative: a precondition); may throw (I/O). It is not called again once it has returned 0
    ///     or thrown.
    ///   - layout: which elements are records and where their fields are.
    ///   - body: receives each record (lent; copy out what you keep).
    /// - Returns: the number of records.
    /// - Throws: ``XMLRecordError`` for a malformed, truncated or empty document or one that is not XML, after the
    ///   records before the error were delivered; or the error of `read` or `body`, as thrown.
    public static func read(
        from read: (UnsafeMutableRawBufferPointer) throws -> Int,
        layout: XMLRecordLayout,
        _ body: (borrowing XMLRecord) throws -> Void
    ) throws -> Int {
        try withoutActuallyEscaping(read) { read in
            let input = XMLInputContext(read: read)
            return try withExtendedLifetime(input) {
                try parse(input, layout: layout, body)
            }
        }
    }

    /// Reads the document from `input`, which must outlive the call.
    private static func parse(
        _ input: XMLInputContext, layout: XMLRecordLayout, _ body: (borrowing XMLRecord) throws -> Void
    ) throws -> Int {
        let context = Unmanaged.passUnretained(input).toOpaque()
        guard let reader = xmlReaderForIO(readCallback, nil, context, nil, nil, options) else {
            throw input.readError ?? XMLRecordError(line: 1, column: 0, message: "libxml2 could not create a reader")
        }
        defer { xmlFreeTextReader(reader) }
        xmlTextReaderSetStructuredErrorHandler(reader, errorCallback, context)
        var builder = XMLRecordBuilder(layout: layout)
        let (status, last) = try stream(reader, into: &builder, body)
        if status < 0, let (document, openElements) = input.parserState {
            try deliverRemainder(
                after: last, reader: reader, document: document, openElements: openElements, into: &builder, body)
        }
        if let error = input.readError {
            throw error
        }
        if input.bytesRead == 0 {
            throw XMLRecordError(line: 1, column: 1, message: "the document is empty")
        }
        if let error = input.fatalParseError {
            throw error
        }
        if status < 0 {
            throw input.parseError
                ?? XMLRecordError(
                    line: Int(xmlTextReaderGetParserLineNumber(reader)),
                    column: Int(xmlTextReaderGetParserColumnNumber(reader)),
                    message: "libxml2 stopped reading without saying why")
        }
        return builder.recordCount
    }
}

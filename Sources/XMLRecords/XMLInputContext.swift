internal import CLibXML2

/// What libxml2's C callbacks need while a document is read: the caller's read closure and what went wrong.
///
/// libxml2 holds an unretained pointer to it for the duration of ``XMLRecordReader/read(from:layout:_:)``.
final class XMLInputContext {
    /// The caller's read closure, allowed to escape only for the duration of the read.
    private let read: (UnsafeMutableRawBufferPointer) throws -> Int

    /// The error the read closure threw, if it did; libxml2 was then told that the input ended.
    private(set) var readError: (any Error)?

    /// The most telling error libxml2 reported; see ``report(_:)``.
    private(set) var parseError: XMLRecordError?

    /// How telling `parseError` is: 0 for an error, 1 for a fatal error in an entity's text, 2 for a fatal error
    /// in the document itself; a later error only replaces it when it is more telling.
    private var parseErrorRank = -1

    /// At the document parser's first fatal error, its document and the elements it was in, innermost first.
    ///
    /// `nil` when there was no such error, or libxml2 did not say which parser failed.
    private(set) var parserState: (document: xmlDocPtr?, openElements: [xmlNodePtr])?

    /// The number of bytes handed to libxml2 so far.
    private(set) var bytesRead = 0

    /// Whether the input has ended (or failed), so that the read closure must not be called any more.
    private var ended = false

    /// Creates a context that reads through `read`.
    init(read: @escaping (UnsafeMutableRawBufferPointer) throws -> Int) {
        self.read = read
    }

    /// Fills `buffer` from the read closure, calling it until the buffer is full or the input ends; returns the
    /// number of bytes, fewer than the buffer holds only at the end or after an error.
    ///
    /// libxml2 parses each buffer it gets as a block, and some errors (a CDATA section never closed, a byte that is
    /// not UTF-8 in a tag name) are placed or worded by where a block ended: handing it the closure's chunks as
    /// they come would make them depend on how the input was split. An error thrown by the closure is kept for the
    /// caller and ends the input: reporting it to libxml2 as an I/O error would make libxml2 print it.
    func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Int {
        var filled = 0
        while !ended, filled < buffer.count {
            do {
                let count = try read(UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                precondition(
                    count >= 0 && count <= buffer.count - filled,
                    "read returned \(count) for a \(buffer.count - filled)-byte buffer")
                filled += count
                ended = count == 0
            } catch {
                readError = error
                ended = true
            }
        }
        bytesRead += filled
        return filled
    }

    /// Keeps the most telling error libxml2 reports, the first among equals; warnings are ignored.
    ///
    /// Fatal errors in the document beat fatal errors in the replacement text of an entity, which libxml2 parses
    /// with a parser of its own at another position, and both beat errors that libxml2 reads past. The document's
    /// parser's state at its first fatal error is kept too: it tells which elements are complete.
    func report(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else {
            return
        }
        var rank = 0
        var parser: xmlParserCtxtPtr?
        if error.level == XML_ERR_FATAL {
            rank = 1
            if error.domain == Int32(XML_FROM_PARSER.rawValue),
                let context = error.ctxt?.assumingMemoryBound(to: xmlParserCtxt.self), context.pointee.depth == 0
            {
                rank = 2
                parser = context
            }
        }
        guard rank > parseErrorRank else {
            return
        }
        var reported = XMLRecordError(line: Int(error.line), column: Int(error.int2), message: Self.message(of: error))
        if let parser {
            let openElements = Self.elements(from: parser.pointee.node)
            parserState = (parser.pointee.myDoc, openElements)
            if error.code == Int32(XML_ERR_DOCUMENT_END.rawValue) {
                Self.clarifyEnd(&reported, parser: parser, openElement: openElements.first)
            }
        }
        parseError = reported
        parseErrorRank = rank
    }

    /// libxml2's message without trailing whitespace, in clearer words for a byte that is not UTF-8.
    ///
    /// libxml2 reports that byte as "Input is not proper UTF-8, indicate encoding !" and a second line with the
    /// four bytes from it on; only the first is kept, so that the message holds nothing of the document's content.
    private static func message(of error: xmlError) -> String {
        var message = error.message.map { String(cString: $0) } ?? "unknown XML error"
        while let last = message.last, last.isWhitespace {
            message.removeLast()
        }
        if error.code == Int32(XML_ERR_INVALID_CHAR.rawValue), message.hasPrefix("Input is not proper UTF-8"),
            let bytes = message.firstRange(of: "Bytes: ")
        {
            let byte = message[bytes.upperBound...].prefix(4)
            return "the document is not proper UTF-8 (byte \(byte)): if it is in another encoding, its XML declaration "
                + "must name it"
        }
        return message
    }

    /// `element` and its ancestor elements, innermost first.
    private static func elements(from element: xmlNodePtr?) -> [xmlNodePtr] {
        var elements: [xmlNodePtr] = []
        var next = element
        while let element = next, element.pointee.type == XML_ELEMENT_NODE {
            elements.append(element)
            next = element.pointee.parent
        }
        return elements
    }

    /// Says more clearly than libxml2's "Extra content at the end of the document" what is wrong when there is no
    /// extra content.
    ///
    /// libxml2 says so when the input ends inside an element (or a CDATA section in it), and when it holds nothing
    /// but whitespace. A truncated document is reported at its end: libxml2 reports it where it stopped parsing,
    /// which can be characters or a whole block before (it waits for the end of a text or CDATA section).
    private static func clarifyEnd(_ error: inout XMLRecordError, parser: xmlParserCtxtPtr, openElement: xmlNodePtr?) {
        guard let openElement else {
            if xmlDocGetRootElement(parser.pointee.myDoc) == nil {
                error.message = "the document is empty"
            }
            return
        }
        let name = XMLName.string(openElement.pointee.name)
        let line = Int(openElement.pointee.line)
        let start = line < Int(UInt16.max) ? " (line \(line))" : ""
        let section = parser.pointee.instate == XML_PARSER_CDATA_SECTION ? "a CDATA section in " : ""
        error.message = "the document ends inside \(section)element '\(name)'\(start): it is truncated"
        if let input = parser.pointee.input, var next = input.pointee.cur, let end = input.pointee.end {
            // Move from where libxml2 stopped over what it did not parse, counting characters as it does.
            error.line = Int(input.pointee.line)
            error.column = Int(input.pointee.col)
            while next < end {
                if next.pointee == UInt8(ascii: "\n") {
                    error.line += 1
                    error.column = 1
                } else if next.pointee & 0xC0 != 0x80 {
                    error.column += 1
                }
                next += 1
            }
        }
    }

    /// The fatal error libxml2 reported, if it reported one.
    var fatalParseError: XMLRecordError? {
        parseErrorRank > 0 ? parseError : nil
    }
}

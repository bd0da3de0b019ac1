internal import CLibXML2

extension XMLRecordReader {
    /// The last node the stream handed to the builder, and whether its children come next.
    struct StreamPosition {
        /// The node.
        var node: xmlNodePtr
        /// Its depth.
        var depth: Int
        /// Whether it is an element whose start tag was handled and whose content and end tag come next.
        var isOpen: Bool
    }

    private static let elementType = Int32(XML_READER_TYPE_ELEMENT.rawValue)
    private static let endElementType = Int32(XML_READER_TYPE_END_ELEMENT.rawValue)
    private static let textType = Int32(XML_READER_TYPE_TEXT.rawValue)
    private static let cdataType = Int32(XML_READER_TYPE_CDATA.rawValue)
    private static let whitespaceType = Int32(XML_READER_TYPE_WHITESPACE.rawValue)
    private static let significantWhitespaceType = Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue)
    private static let entityReferenceType = Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue)

    /// Walks the nodes of `reader` to the end of the document or the first error, feeding `builder`.
    ///
    /// - Returns: the last result of `xmlTextReaderRead` (0 at the end, -1 after an error) and the last node
    ///   handed to the builder, if any.
    static func stream(
        _ reader: OpaquePointer, into builder: inout XMLRecordBuilder, _ body: (borrowing XMLRecord) throws -> Void
    ) rethrows -> (status: Int32, last: StreamPosition?) {
        var last: StreamPosition?
        while true {
            let status = xmlTextReaderRead(reader)
            guard status == 1 else {
                return (status, last)
            }
            guard let node = xmlTextReaderCurrentNode(reader) else {
                continue
            }
            let depth = Int(xmlTextReaderDepth(reader))
            var isOpen = false
            switch xmlTextReaderNodeType(reader) {
            case elementType:
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                isOpen = !isEmpty
                try builder.startElement(node, depth: depth, isEmpty: isEmpty, body)
            case endElementType:
                try builder.endElement(depth: depth, body)
            case textType, cdataType, whitespaceType, significantWhitespaceType:
                builder.addText(node, depth: depth)
            case entityReferenceType:
                builder.addEntityReference(node, depth: depth)
            default:
                break
            }
            last = StreamPosition(node: node, depth: depth, isOpen: isOpen)
        }
    }
}

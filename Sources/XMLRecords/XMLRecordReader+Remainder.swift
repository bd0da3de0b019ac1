internal import CLibXML2

extension XMLRecordReader {
    /// Where the walk of the remainder is, relative to `node` at `depth`.
    private enum Step {
        /// `node` has not been visited yet.
        case visit(xmlNodePtr, depth: Int)
        /// `node`'s start tag was handled; its children, then its end tag, come next.
        case descend(xmlNodePtr, depth: Int)
        /// `node` and its content are done; its next sibling, or its parent's end tag, comes next.
        case leave(xmlNodePtr, depth: Int)
    }

    /// Feeds `builder` the nodes libxml2 built after `last` and before the error that stopped the reader.
    ///
    /// `xmlTextReader` parses ahead of the node it is on, and when the parser fails it returns -1 without handing
    /// out the nodes it already built, which may hold whole records. Those nodes are still in the tree: this walks
    /// them in document order like the reader would. `openElements` are the elements the parser was in when it
    /// failed: they never got their end tag, so the walk stops at the first of them to close.
    /// Without `last`, the reader handed out nothing, and the walk starts at the first child of `document`.
    static func deliverRemainder(
        after last: StreamPosition?, reader: OpaquePointer, document: xmlDocPtr?, openElements: [xmlNodePtr],
        into builder: inout XMLRecordBuilder, _ body: (borrowing XMLRecord) throws -> Void
    ) rethrows {
        var step: Step
        if let last, let current = xmlTextReaderCurrentNode(reader), current != last.node {
            // The reader moved to a node it then failed to complete: that node was not handed out.
            step = .visit(current, depth: Int(xmlTextReaderDepth(reader)))
        } else if let last {
            step = last.isOpen ? .descend(last.node, depth: last.depth) : .leave(last.node, depth: last.depth)
        } else if let first = document?.pointee.children {
            step = .visit(first, depth: 0)
        } else {
            return
        }
        while true {
            switch step {
            case .visit(let node, let depth):
                step = try visit(node, depth: depth, openElements: openElements, into: &builder, body)
            case .descend(let node, let depth):
                if let child = node.pointee.children {
                    step = .visit(child, depth: depth + 1)
                } else if openElements.contains(node) {
                    return
                } else {
                    try builder.endElement(depth: depth, body)
                    step = .leave(node, depth: depth)
                }
            case .leave(let node, let depth):
                if let next = node.pointee.next {
                    step = .visit(next, depth: depth)
                } else if depth > 0, let parent = node.pointee.parent, !openElements.contains(parent) {
                    try builder.endElement(depth: depth - 1, body)
                    step = .leave(parent, depth: depth - 1)
                } else {
                    return
                }
            }
        }
    }

    /// Hands `node` to `builder` and says what comes next.
    private static func visit(
        _ node: xmlNodePtr, depth: Int, openElements: [xmlNodePtr], into builder: inout XMLRecordBuilder,
        _ body: (borrowing XMLRecord) throws -> Void
    ) rethrows -> Step {
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            let isEmpty = node.pointee.children == nil && !openElements.contains(node)
            try builder.startElement(node, depth: depth, isEmpty: isEmpty, body)
            return isEmpty ? .leave(node, depth: depth) : .descend(node, depth: depth)
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            builder.addText(node, depth: depth)
        case XML_ENTITY_REF_NODE:
            builder.addEntityReference(node, depth: depth)
        default:
            break
        }
        return .leave(node, depth: depth)
    }
}

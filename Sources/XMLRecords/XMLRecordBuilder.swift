internal import CLibXML2

/// Assembles the records of a layout from the nodes of a document, visited in document order.
///
/// Outside records it remembers, per depth, which name of the record path each open element has; inside a record,
/// which node of the ``XMLFieldTree`` each open element is. Nothing else of the document is kept, so memory does
/// not grow with it. Nodes are libxml2's, read through their public fields and only during the call.
struct XMLRecordBuilder {
    /// libxml2 keeps node lines in 16 bits and stores this for any line from here on.
    private static let lineCap = Int(UInt16.max)

    private let tree: XMLFieldTree
    private let fieldPaths: [String]
    /// The distinct local names in the record path.
    private let recordNames: XMLNameList
    /// For each step of the record path, the index of its name in `recordNames`.
    private let recordSteps: [Int]
    private let recordAnywhere: Bool
    /// The record being read; reused for every record.
    private var record: XMLRecord
    /// Outside records: for each depth, the index in `recordNames` of the open element's name, or -1.
    private var ancestors: [Int] = []
    /// Inside a record: for each depth from the record element's, the tree node of the open element, or -1.
    private var fieldNodes: [Int] = []
    /// The depth of the record element being read, or `nil` outside records.
    private var recordDepth: Int?
    /// For each field, how many times its path occurred in the record so far.
    private var occurrences: [Int]
    /// Entity references met in the text of a field, which are not expanded.
    private var unexpanded: [(field: Int, entity: String)] = []
    /// The line of the last text node beyond libxml2's 16-bit node lines, from its big-line store.
    private var lastTextLine = lineCap

    /// The number of records delivered so far.
    private(set) var recordCount = 0

    /// Creates a builder for `layout`.
    init(layout: XMLRecordLayout) {
        tree = XMLFieldTree(layout.fields)
        fieldPaths = layout.fieldPaths
        var names: [String] = []
        var nameList = XMLNameList()
        var steps: [Int] = []
        for step in layout.recordSteps {
            if let index = names.firstIndex(of: step) {
                steps.append(index)
            } else {
                names.append(step)
                steps.append(nameList.append(step))
            }
        }
        recordNames = nameList
        recordSteps = steps
        recordAnywhere = layout.recordAnywhere
        record = XMLRecord(count: layout.fields.count)
        occurrences = Array(repeating: 0, count: layout.fields.count)
    }

    /// Handles the start tag of `element` at `depth`: a record, an element inside one, or neither.
    ///
    /// An empty element (`<a/>`, or one known to have no content) has no ``endElement(depth:_:)``.
    mutating func startElement(
        _ element: xmlNodePtr, depth: Int, isEmpty: Bool, _ body: (borrowing XMLRecord) throws -> Void
    ) rethrows {
        let name = XMLName.local(element.pointee.name)
        if let recordDepth {
            let level = depth - recordDepth
            let parent = fieldNodes[level - 1]
            let node = parent < 0 ? -1 : tree.child(of: parent, named: name) ?? -1
            Self.set(&fieldNodes, at: level, to: node)
            if node >= 0 {
                enter(element, as: node)
            }
            return
        }
        Self.set(&ancestors, at: depth, to: recordNames.firstIndex(of: name) ?? -1)
        guard isRecord(at: depth) else {
            return
        }
        beginRecord(element, at: depth)
        if isEmpty {
            try finishRecord(body)
        }
    }

    /// Handles an end tag at `depth`, which ends the record when it is the record element's.
    mutating func endElement(depth: Int, _ body: (borrowing XMLRecord) throws -> Void) rethrows {
        if let recordDepth, depth == recordDepth {
            try finishRecord(body)
        }
    }

    /// Adds the text or CDATA node `node` at `depth` to the fields of its parent element, if any.
    mutating func addText(_ node: xmlNodePtr, depth: Int) {
        if node.pointee.type == XML_TEXT_NODE, Int(node.pointee.line) >= Self.lineCap {
            lastTextLine = max(lastTextLine, Int(bitPattern: node.pointee.psvi))
        }
        guard let fields = fieldsOfParent(depth: depth), let text = node.pointee.content else {
            return
        }
        for position in fields where occurrences[tree.textField(at: position)] == 1 {
            record.append(XMLName.bytes(text), to: tree.textField(at: position))
        }
    }

    /// Notes the entity reference `node` at `depth`, which is not expanded, when it stands in a field's text.
    mutating func addEntityReference(_ node: xmlNodePtr, depth: Int) {
        guard let fields = fieldsOfParent(depth: depth) else {
            return
        }
        for position in fields where occurrences[tree.textField(at: position)] == 1 {
            unexpanded.append((tree.textField(at: position), XMLName.string(node.pointee.name)))
        }
    }

    /// Whether the open elements down to `depth` end with the steps of the record path.
    private func isRecord(at depth: Int) -> Bool {
        let first = depth - recordSteps.count + 1
        guard first == 0 || (recordAnywhere && first > 0) else {
            return false
        }
        for offset in recordSteps.indices.reversed() where ancestors[first + offset] != recordSteps[offset] {
            return false
        }
        return true
    }

    /// Starts a record at `element`, at `depth`.
    private mutating func beginRecord(_ element: xmlNodePtr, at depth: Int) {
        recordDepth = depth
        let line = Int(element.pointee.line)
        record.reset(line: line < Self.lineCap ? line : lastTextLine)
        for field in occurrences.indices {
            occurrences[field] = 0
        }
        unexpanded.removeAll(keepingCapacity: true)
        fieldNodes.removeAll(keepingCapacity: true)
        fieldNodes.append(XMLFieldTree.root)
        enter(element, as: XMLFieldTree.root)
    }

    /// Ends the record being read and hands it to `body`.
    private mutating func finishRecord(_ body: (borrowing XMLRecord) throws -> Void) rethrows {
        recordDepth = nil
        record.trimTrailingWhitespace()
        record.problem = problem()
        recordCount += 1
        try body(record)
    }

    /// Counts an occurrence of `element`, at tree node `node`, and takes the attributes that are fields.
    private mutating func enter(_ element: xmlNodePtr, as node: Int) {
        for position in tree.textFields(of: node) {
            occurrences[tree.textField(at: position)] += 1
        }
        let attributes = tree.attributes(of: node)
        guard !attributes.isEmpty else {
            return
        }
        var next = element.pointee.properties
        while let attribute = next {
            next = attribute.pointee.next
            let name = XMLName.local(attribute.pointee.name)
            for position in attributes {
                guard let field = tree.attributeField(at: position, named: name) else {
                    continue
                }
                occurrences[field] += 1
                if occurrences[field] == 1 {
                    addValue(of: attribute, to: field)
                }
            }
        }
    }

    /// Adds the value of `attribute` to `field`: its text, with entity references noted as not expanded.
    private mutating func addValue(of attribute: xmlAttrPtr, to field: Int) {
        var next = attribute.pointee.children
        while let child = next {
            next = child.pointee.next
            if child.pointee.type == XML_ENTITY_REF_NODE {
                unexpanded.append((field, XMLName.string(child.pointee.name)))
            } else if let text = child.pointee.content {
                record.append(XMLName.bytes(text), to: field)
            }
        }
    }

    /// Where the fields that take the text of the parent of a node at `depth` are in the tree, or `nil` if none.
    private func fieldsOfParent(depth: Int) -> Range<Int>? {
        guard let recordDepth else {
            return nil
        }
        let parent = fieldNodes[depth - recordDepth - 1]
        guard parent >= 0 else {
            return nil
        }
        let fields = tree.textFields(of: parent)
        return fields.isEmpty ? nil : fields
    }

    /// The text of the problems of the record just read, or `nil` when there are none.
    private func problem() -> String? {
        guard !unexpanded.isEmpty || occurrences.contains(where: { $0 > 1 }) else {
            return nil
        }
        var findings: [String] = []
        for (field, count) in occurrences.enumerated() where count > 1 {
            findings.append("field '\(fieldPaths[field])' appears \(count) times; the first is used")
        }
        for (field, entity) in unexpanded {
            findings.append(
                "field '\(fieldPaths[field])' contains the entity reference '&\(entity);', which is not expanded")
        }
        return findings.joined(separator: "; ")
    }

    /// Sets `array[index]`, appending when `index` is just past the end.
    private static func set(_ array: inout [Int], at index: Int, to value: Int) {
        if index < array.count {
            array[index] = value
        } else {
            array.append(value)
        }
    }
}

/// The field paths of a layout merged into a tree of element names rooted at the record element.
///
/// While a record is read, each element inside it is matched to a node of the tree (or to none), so that its text
/// and attributes go straight to the fields that want them. Everything is stored in flat arrays of integers and
/// bytes, so that walking the tree for every element of a large document costs no reference counting.
struct XMLFieldTree: Sendable {
    /// The root node, which stands for the record element itself.
    static let root = 0

    /// The local name of each node; the root's is empty and never compared.
    private var names = XMLNameList()

    /// For each node, its first child, or -1.
    private var firstChild: [Int] = []

    /// For each node, its next sibling, or -1.
    private var nextSibling: [Int] = []

    /// The fields that take an element's text, grouped by node.
    private var textFieldList: [Int] = []

    /// For each node, where its fields are in `textFieldList`.
    private var textFieldRanges: [Range<Int>] = []

    /// The local names of the attributes that are fields, grouped by node.
    private var attributeNames = XMLNameList()

    /// For each entry of `attributeNames`, the field it fills.
    private var attributeFieldList: [Int] = []

    /// For each node, where its attributes are in `attributeNames` and `attributeFieldList`.
    private var attributeRanges: [Range<Int>] = []

    /// Builds the tree of `fields`, numbering the fields in their order.
    init(_ fields: [XMLFieldPath]) {
        var textFields: [[Int]] = [[]]
        var attributes: [[(name: String, field: Int)]] = [[]]
        var nodeNames = [""]
        firstChild = [-1]
        nextSibling = [-1]
        for (field, path) in fields.enumerated() {
            var node = Self.root
            for name in path.elements {
                var child = firstChild[node]
                while child >= 0, nodeNames[child] != name {
                    child = nextSibling[child]
                }
                if child < 0 {
                    child = nodeNames.count
                    nodeNames.append(name)
                    textFields.append([])
                    attributes.append([])
                    firstChild.append(-1)
                    nextSibling.append(firstChild[node])
                    firstChild[node] = child
                }
                node = child
            }
            if let attribute = path.attribute {
                attributes[node].append((attribute, field))
            } else {
                textFields[node].append(field)
            }
        }
        for node in nodeNames.indices {
            names.append(nodeNames[node])
            textFieldRanges.append(textFieldList.count..<textFieldList.count + textFields[node].count)
            textFieldList.append(contentsOf: textFields[node])
            let start = attributeNames.count
            for (name, field) in attributes[node] {
                attributeNames.append(name)
                attributeFieldList.append(field)
            }
            attributeRanges.append(start..<attributeNames.count)
        }
    }

    /// The child of `node` with the local name `name`, if some field path goes through it.
    func child(of node: Int, named name: UnsafeBufferPointer<UInt8>) -> Int? {
        var child = firstChild[node]
        while child >= 0 {
            if names.matches(child, name) {
                return child
            }
            child = nextSibling[child]
        }
        return nil
    }

    /// Where the fields that take the text of `node`'s element are in ``textField(at:)``.
    func textFields(of node: Int) -> Range<Int> {
        textFieldRanges[node]
    }

    /// The field at `position` of a range from ``textFields(of:)``.
    func textField(at position: Int) -> Int {
        textFieldList[position]
    }

    /// Where the attributes of `node`'s element that are fields are, for ``attributeField(at:named:)``.
    func attributes(of node: Int) -> Range<Int> {
        attributeRanges[node]
    }

    /// The field filled by the attribute at `position` of a range from ``attributes(of:)`` if it is named `name`.
    func attributeField(at position: Int, named name: UnsafeBufferPointer<UInt8>) -> Int? {
        attributeNames.matches(position, name) ? attributeFieldList[position] : nil
    }
}

/// What to extract from an XML document: which elements are records, and where each field is inside a record.
///
/// The record path is a slash-separated list of element names from the document root, such as
/// `MemberBatch/Members/Member`; a leading `//` lets it start at any depth, so `//Member` is any `Member` element
/// and `//Members/Member` any `Member` directly inside a `Members`. An element inside a record is never a record
/// of its own, even when its path matches.
///
/// Each field path is relative to the record element: `MemberId` is the text of a child element, `Name/Last` of
/// a nested one, `@id` an attribute of the record element, `Eligibility/@start` an attribute of a child, and `.`
/// the record element's own text. Names are matched on their local part: namespace prefixes are ignored, in the
/// paths and in the document alike.
public struct XMLRecordLayout: Sendable, Equatable {
    /// The local names of the record path's steps, outermost first.
    let recordSteps: [String]

    /// Whether the record path started with `//`, so that its steps may start at any depth.
    let recordAnywhere: Bool

    /// The field paths as given, for messages about a record's fields.
    let fieldPaths: [String]

    /// The field paths, parsed, in the same order as ``fieldPaths``.
    let fields: [XMLFieldPath]

    /// Parses a record path and the field paths relative to it.
    ///
    /// Paths are made of element names, optionally prefixed (`ns:Member`); predicates, wildcards, `..` and
    /// other XPath features are not supported. Field paths may repeat; an empty list gives records without
    /// fields.
    ///
    /// - Throws: ``XMLLayoutError`` naming the first path that cannot be used and why.
    public init(recordPath: String, fieldPaths: [String]) throws(XMLLayoutError) {
        (recordSteps, recordAnywhere) = try Self.parseRecordPath(recordPath)
        var fields: [XMLFieldPath] = []
        for (index, path) in fieldPaths.enumerated() {
            fields.append(try Self.parseFieldPath(path, number: index + 1))
        }
        self.fieldPaths = fieldPaths
        self.fields = fields
    }

    /// Splits a record path into the local names of its steps and whether it starts with `//`.
    private static func parseRecordPath(_ path: String) throws(XMLLayoutError) -> (steps: [String], anywhere: Bool) {
        guard !path.isEmpty else {
            throw XMLLayoutError("the record path is empty")
        }
        var rest = Substring(path)
        let anywhere = rest.hasPrefix("//")
        if anywhere {
            rest = rest.dropFirst(2)
        } else if rest.hasPrefix("/") {
            rest = rest.dropFirst()
        }
        var steps: [String] = []
        for step in rest.split(separator: "/", omittingEmptySubsequences: false) {
            guard !step.isEmpty else {
                throw XMLLayoutError("record path '\(path)' has an empty step")
            }
            guard let name = localName(step) else {
                throw XMLLayoutError("record path '\(path)' has the step '\(step)', which is not an element name")
            }
            steps.append(name)
        }
        return (steps, anywhere)
    }

    /// Parses the field path numbered `number` (from 1) in the layout.
    private static func parseFieldPath(_ path: String, number: Int) throws(XMLLayoutError) -> XMLFieldPath {
        guard !path.isEmpty else {
            throw XMLLayoutError("field path \(number) is empty")
        }
        if path == "." {
            return XMLFieldPath(elements: [], attribute: nil)
        }
        let steps = path.split(separator: "/", omittingEmptySubsequences: false)
        var elements: [String] = []
        var attribute: String?
        for (index, step) in steps.enumerated() {
            guard !step.isEmpty else {
                throw XMLLayoutError("field path '\(path)' has an empty step")
            }
            if step.first == "@" {
                guard index == steps.count - 1 else {
                    throw XMLLayoutError("field path '\(path)' has the attribute '\(step)' before its last step")
                }
                guard let name = localName(step.dropFirst()) else {
                    throw XMLLayoutError("field path '\(path)' has '\(step)', which is not an attribute name")
                }
                attribute = name
            } else {
                guard let name = localName(step) else {
                    throw XMLLayoutError(
                        "field path '\(path)' has the step '\(step)', which is not an element name")
                }
                elements.append(name)
            }
        }
        return XMLFieldPath(elements: elements, attribute: attribute)
    }

    /// The local part of a possibly prefixed name, or `nil` when `step` is not a name.
    ///
    /// A name here is anything that does not start with `.` (so `.` and `..` are not names) and has no whitespace
    /// or characters that mean something in XPath or XML markup; a prefix, when present, must not be empty either.
    private static func localName(_ step: Substring) -> String? {
        let forbidden: Set<Character> = ["/", "@", "*", "[", "]", "(", ")", "=", "\"", "'", "<", ">", "&", "|", ","]
        let parts = step.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let local = parts.last else {
            return nil
        }
        for part in parts {
            guard !part.isEmpty, part.first != ".",
                !part.contains(where: { $0.isWhitespace || forbidden.contains($0) })
            else {
                return nil
            }
        }
        return String(local)
    }
}

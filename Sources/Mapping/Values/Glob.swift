/// A filename glob such as `attendance_*.csv`, matched against a whole file name, ignoring ASCII case.
///
/// `*` matches any run of characters (including none), `?` exactly one character, `[abc]` and `[a-z]`
/// one character from the set, and `[!x]` (or `[^x]`) one character not in it; a `]` right after the
/// opening bracket is a member. Every other character matches itself. Characters are Unicode scalars.
public struct Glob: Sendable, Equatable, CustomStringConvertible {
    /// One element of a compiled glob.
    enum Element: Equatable, Sendable {
        /// One scalar, stored lowercased.
        case literal(Unicode.Scalar)
        /// `?`.
        case any
        /// `*`.
        case star
        /// `[…]`: scalar ranges, and whether the set is negated.
        case set([ClosedRange<Unicode.Scalar>], negated: Bool)
    }

    /// The glob as written.
    ///
    /// Used in messages and in `dropgate mappings` output.
    public let description: String
    /// The compiled elements, in order.
    let elements: [Element]

    /// Compiles a glob.
    ///
    /// - Parameter pattern: The glob, such as `*.csv` or `Roster_[0-9][0-9].txt`.
    /// - Throws: ``PatternError`` for an empty glob, an unclosed `[`, or a range whose ends are reversed.
    public init(_ pattern: String) throws(PatternError) {
        let scalars = Array(pattern.unicodeScalars)
        // UTF-8 offset of each scalar, for error positions.
        var offsets = [0]
        for scalar in scalars { offsets.append((offsets.last ?? 0) + UTF8.width(scalar)) }
        guard !scalars.isEmpty else { throw PatternError(offset: 0, message: "the glob is empty") }
        var elements: [Element] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "*": if elements.last != .star { elements.append(.star) }
            case "?": elements.append(.any)
            case "[": elements.append(try Self.parseSet(scalars, &index, offsets: offsets))
            default: elements.append(.literal(Self.lowercased(scalar)))
            }
        }
        description = pattern
        self.elements = elements
    }

    /// Whether the whole name matches, ignoring ASCII case.
    ///
    /// - Parameter name: A file name (not a path).
    /// - Returns: `true` when the glob covers all of `name`.
    public func matches(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        var element = 0
        var position = 0
        // The last `*` seen and where its match currently ends, to retry with one more character.
        var star: (element: Int, position: Int)?
        while position < scalars.count {
            if element < elements.count {
                if elements[element] == .star {
                    star = (element, position)
                    element += 1
                    continue
                }
                if Self.matches(elements[element], scalars[position]) {
                    element += 1
                    position += 1
                    continue
                }
            }
            guard let retry = star else { return false }
            star = (retry.element, retry.position + 1)
            element = retry.element + 1
            position = retry.position + 1
        }
        while element < elements.count, elements[element] == .star { element += 1 }
        return element == elements.count
    }

    /// Parses a `[…]` set whose `[` precedes `index`.
    private static func parseSet(
        _ scalars: [Unicode.Scalar], _ index: inout Int, offsets: [Int]
    ) throws(PatternError) -> Element {
        let open = index - 1
        let negated = index < scalars.count && (scalars[index] == "!" || scalars[index] == "^")
        if negated { index += 1 }
        var ranges: [ClosedRange<Unicode.Scalar>] = []
        var first = true
        while true {
            guard index < scalars.count else {
                throw PatternError(offset: offsets[open], message: "missing ']' for this '['")
            }
            let low = scalars[index]
            if low == "]" && !first {
                index += 1
                return .set(ranges, negated: negated)
            }
            first = false
            if index + 2 < scalars.count, scalars[index + 1] == "-", scalars[index + 2] != "]" {
                let high = scalars[index + 2]
                guard low <= high else {
                    throw PatternError(offset: offsets[index], message: "range '\(low)-\(high)' is out of order")
                }
                ranges.append(low...high)
                index += 3
            } else {
                ranges.append(low...low)
                index += 1
            }
        }
    }

    private static func matches(_ element: Element, _ scalar: Unicode.Scalar) -> Bool {
        switch element {
        case .literal(let literal): return lowercased(scalar) == literal
        case .any: return true
        case .star: return false
        case .set(let ranges, let negated):
            let lower = lowercased(scalar)
            let upper = uppercased(scalar)
            let found = ranges.contains { $0.contains(scalar) || $0.contains(lower) || $0.contains(upper) }
            return found != negated
        }
    }

    private static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar
    }

    private static func uppercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("a"..."z").contains(scalar) ? Unicode.Scalar(scalar.value - 32) ?? scalar : scalar
    }
}

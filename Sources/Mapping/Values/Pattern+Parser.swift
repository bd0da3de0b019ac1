extension Pattern {
    /// A parsed pattern, before compilation.
    indirect enum Node: Sendable {
        /// One byte from a set.
        case bytes(ByteSet)
        /// `^`: the start of the input.
        case start
        /// `$`: the end of the input.
        case end
        /// Items in sequence; empty matches the empty string.
        case concat([Node])
        /// Any one of the branches.
        case alternation([Node])
        /// The body `min` to `max` times (`nil`: unbounded), greedy.
        case repetition(Node, min: Int, max: Int?)
    }

    /// Recursive-descent parser from pattern source to a syntax tree, rejecting unsupported constructs.
    struct Parser {
        /// Deepest group nesting accepted, which bounds recursion.
        static let maxDepth = 64
        /// Largest count accepted in `{n,m}`.
        static let maxCount = 1000

        private let source: [UInt8]
        private var index = 0
        private var depth = 0

        /// A parser over the UTF-8 bytes of `source`.
        init(_ source: String) {
            self.source = Array(source.utf8)
        }

        /// Parses the whole source.
        mutating func parse() throws(PatternError) -> Node {
            let node = try parseAlternation()
            if index < source.count { throw PatternError(offset: index, message: "unmatched ')'") }
            return node
        }

        /// One item of a character class: a single byte, which can start a range, or a set such as `\d`.
        private enum ClassItem {
            case byte(UInt8)
            case set(ByteSet)
        }

        private func peek(_ scalar: Unicode.Scalar, ahead: Int = 0) -> Bool {
            index + ahead < source.count && source[index + ahead] == UInt8(ascii: scalar)
        }

        private func text(_ range: Range<Int>) -> String {
            String(decoding: source[range.clamped(to: 0..<source.count)], as: UTF8.self)
        }

        private mutating func parseAlternation() throws(PatternError) -> Node {
            var branches = [try parseSequence()]
            while peek("|") {
                index += 1
                branches.append(try parseSequence())
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        private mutating func parseSequence() throws(PatternError) -> Node {
            var items: [Node] = []
            while index < source.count, !peek("|"), !peek(")") {
                let atom = try parseAtom()
                items.append(try parseQuantifier(atom))
            }
            return items.count == 1 ? items[0] : .concat(items)
        }

        private mutating func parseAtom() throws(PatternError) -> Node {
            let start = index
            let byte = source[index]
            index += 1
            switch Unicode.Scalar(byte) {
            case "(": return try parseGroup(at: start)
            case "[": return .bytes(try parseClass(at: start))
            case ".": return .bytes(.all)
            case "^": return .start
            case "$": return .end
            case "\\":
                switch try parseEscape(at: start) {
                case .byte(let byte): return .bytes(ByteSet(byte: byte))
                case .set(let set): return .bytes(set)
                }
            case "*", "+", "?", "{":
                throw PatternError(offset: start, message: "nothing to repeat before '\(Unicode.Scalar(byte))'")
            default:
                guard byte >= 0x80 else { return .bytes(ByteSet(byte: byte)) }
                // A non-ASCII character: its UTF-8 bytes in sequence, so a quantifier repeats all of them.
                let width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                index = min(start + width, source.count)
                return .concat(source[start..<index].map { .bytes(ByteSet(byte: $0)) })
            }
        }

        private mutating func parseQuantifier(_ atom: Node) throws(PatternError) -> Node {
            let start = index
            let bounds: (min: Int, max: Int?)
            if peek("*") {
                bounds = (0, nil)
                index += 1
            } else if peek("+") {
                bounds = (1, nil)
                index += 1
            } else if peek("?") {
                bounds = (0, 1)
                index += 1
            } else if peek("{") {
                bounds = try parseCount()
            } else {
                return atom
            }
            switch atom {
            case .start, .end: throw PatternError(offset: start, message: "an anchor cannot be repeated")
            default: break
            }
            let quantifier = text(start..<index)
            if peek("?") {
                throw PatternError(offset: start, message: "lazy quantifier '\(quantifier)?' is not supported")
            }
            if peek("+") {
                throw PatternError(offset: start, message: "possessive quantifier '\(quantifier)+' is not supported")
            }
            if peek("*") || peek("{") {
                throw PatternError(offset: index, message: "quantifier follows the quantifier '\(quantifier)'")
            }
            return .repetition(atom, min: bounds.min, max: bounds.max)
        }

        /// Parses `{n}`, `{n,}` or `{n,m}` at the current `{`.
        private mutating func parseCount() throws(PatternError) -> (min: Int, max: Int?) {
            let start = index
            let malformed = PatternError(offset: start, message: "malformed repetition; use {n}, {n,} or {n,m}")
            index += 1
            guard let low = parseNumber() else { throw malformed }
            var high: Int? = low
            if peek(",") {
                index += 1
                high = peek("}") ? nil : parseNumber()
                if high == nil && !peek("}") { throw malformed }
            }
            guard peek("}") else { throw malformed }
            index += 1
            guard low <= Self.maxCount, (high ?? 0) <= Self.maxCount else {
                throw PatternError(offset: start, message: "repetition count above \(Self.maxCount)")
            }
            if let high, high < low {
                throw PatternError(
                    offset: start, message: "repetition \(text(start..<index)) has its maximum below its minimum")
            }
            return (low, high)
        }

        private mutating func parseNumber() -> Int? {
            var value: Int?
            while index < source.count, case let digit = source[index] &- 0x30, digit < 10 {
                value = min((value ?? 0) * 10 + Int(digit), Self.maxCount + 1)
                index += 1
            }
            return value
        }

        private mutating func parseGroup(at start: Int) throws(PatternError) -> Node {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maxDepth else {
                throw PatternError(offset: start, message: "groups nested more than \(Self.maxDepth) deep")
            }
            if peek("?") {
                if peek(":", ahead: 1) {
                    index += 2
                } else if peek("=", ahead: 1) || peek("!", ahead: 1) {
                    throw PatternError(
                        offset: start, message: "lookahead '\(text(start..<start + 3))' is not supported")
                } else if peek("<", ahead: 1) && (peek("=", ahead: 2) || peek("!", ahead: 2)) {
                    throw PatternError(
                        offset: start, message: "lookbehind '\(text(start..<start + 4))' is not supported")
                } else if peek("<", ahead: 1) || peek("P", ahead: 1) || peek("'", ahead: 1) {
                    throw PatternError(offset: start, message: "named groups are not supported; use '(' or '(?:'")
                } else {
                    throw PatternError(
                        offset: start, message: "group syntax '\(text(start..<start + 3))' is not supported")
                }
            }
            let inner = try parseAlternation()
            guard peek(")") else { throw PatternError(offset: start, message: "missing ')' for this group") }
            index += 1
            return inner
        }

        private mutating func parseClass(at start: Int) throws(PatternError) -> ByteSet {
            let negated = peek("^")
            if negated { index += 1 }
            var set = ByteSet()
            var first = true
            while true {
                guard index < source.count else {
                    throw PatternError(offset: start, message: "missing ']' for this character class")
                }
                if peek("]") && !first {
                    index += 1
                    break
                }
                first = false
                if peek("[") && peek(":", ahead: 1) {
                    throw PatternError(offset: index, message: "POSIX classes like [:alpha:] are not supported")
                }
                let itemStart = index
                switch try parseClassItem() {
                case .set(let items): set.formUnion(items)
                case .byte(let low): try parseRange(from: low, at: itemStart, into: &set)
                }
            }
            return negated ? set.inverted : set
        }

        /// Adds `low`, or the range `low-high` when a `-` and an upper bound follow.
        private mutating func parseRange(from low: UInt8, at start: Int, into set: inout ByteSet) throws(PatternError) {
            guard peek("-"), index + 1 < source.count, !peek("]", ahead: 1) else {
                set.insert(low)
                return
            }
            index += 1
            guard case .byte(let high) = try parseClassItem() else {
                throw PatternError(offset: start, message: "a range cannot end with a class like \\d")
            }
            guard low <= high else {
                throw PatternError(offset: start, message: "range '\(text(start..<index))' is out of order")
            }
            set.insert(low...high)
        }

        private mutating func parseClassItem() throws(PatternError) -> ClassItem {
            let start = index
            let byte = source[index]
            index += 1
            if byte == UInt8(ascii: "\\") { return try parseEscape(at: start) }
            guard byte < 0x80 else {
                throw PatternError(
                    offset: start, message: "non-ASCII characters are not supported in classes; use (é|è)")
            }
            return .byte(byte)
        }

        /// Parses the escape whose backslash is at `start`.
        private mutating func parseEscape(at start: Int) throws(PatternError) -> ClassItem {
            guard index < source.count else {
                throw PatternError(offset: start, message: "the pattern ends with a lone backslash")
            }
            let byte = source[index]
            index += 1
            let escape = "\\" + String(Unicode.Scalar(byte))
            switch Unicode.Scalar(byte) {
            case "d": return .set(.digits)
            case "D": return .set(ByteSet.digits.inverted)
            case "w": return .set(.word)
            case "W": return .set(ByteSet.word.inverted)
            case "s": return .set(.space)
            case "S": return .set(ByteSet.space.inverted)
            case "t": return .byte(0x09)
            case "n": return .byte(0x0A)
            case "r": return .byte(0x0D)
            case "0"..."9", "k":
                throw PatternError(offset: start, message: "backreference '\(escape)' is not supported")
            case "b", "B":
                throw PatternError(offset: start, message: "word boundary '\(escape)' is not supported")
            case "p", "P":
                throw PatternError(offset: start, message: "Unicode class '\(escape)' is not supported")
            case "A", "z", "Z", "G":
                throw PatternError(offset: start, message: "anchor '\(escape)' is not supported; use ^ and $")
            default:
                guard byte < 0x80 else {
                    throw PatternError(
                        offset: start, message: "a backslash before a non-ASCII character is not supported")
                }
                guard !Self.isAlphanumeric(byte) else {
                    throw PatternError(offset: start, message: "unsupported escape '\(escape)'")
                }
                return .byte(byte)
            }
        }

        private static func isAlphanumeric(_ byte: UInt8) -> Bool {
            ByteSet.word.contains(byte) && byte != UInt8(ascii: "_")
        }
    }
}

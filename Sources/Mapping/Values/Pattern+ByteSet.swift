extension Pattern {
    /// A set of byte values, stored as a 256-bit mask.
    struct ByteSet: Hashable, Sendable {
        private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        /// The empty set.
        init() {}

        /// The set holding one byte.
        init(byte: UInt8) {
            insert(byte)
        }

        /// Every byte, for `.`.
        static var all: ByteSet { ByteSet().inverted }

        /// `\d`: ASCII digits.
        static var digits: ByteSet { ByteSet(range: 0x30...0x39) }

        /// `\w`: ASCII letters, digits and underscore.
        static var word: ByteSet {
            var set = digits
            set.insert(0x41...0x5A)
            set.insert(0x61...0x7A)
            set.insert(0x5F)
            return set
        }

        /// `\s`: space, tab, line feed, vertical tab, form feed and carriage return.
        static var space: ByteSet {
            var set = ByteSet(range: 0x09...0x0D)
            set.insert(0x20)
            return set
        }

        /// The set holding a range of bytes.
        init(range: ClosedRange<UInt8>) {
            insert(range)
        }

        /// Whether the set holds `byte`.
        func contains(_ byte: UInt8) -> Bool {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: return words.0 & bit != 0
            case 1: return words.1 & bit != 0
            case 2: return words.2 & bit != 0
            default: return words.3 & bit != 0
            }
        }

        /// Adds one byte.
        mutating func insert(_ byte: UInt8) {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }

        /// Adds a range of bytes.
        mutating func insert(_ range: ClosedRange<UInt8>) {
            for byte in range { insert(byte) }
        }

        /// Adds every byte of `other`.
        mutating func formUnion(_ other: ByteSet) {
            words = (words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2, words.3 | other.words.3)
        }

        /// The complement: every byte not in this set.
        var inverted: ByteSet {
            var set = ByteSet()
            set.words = (~words.0, ~words.1, ~words.2, ~words.3)
            return set
        }

        static func == (lhs: ByteSet, rhs: ByteSet) -> Bool {
            lhs.words == rhs.words
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(words.0)
            hasher.combine(words.1)
            hasher.combine(words.2)
            hasher.combine(words.3)
        }
    }
}

/// A list of UTF-8 names stored one after the other, to compare libxml2's names against without allocating.
struct XMLNameList: Sendable {
    /// The bytes of all names, one after the other.
    private var bytes: [UInt8] = []

    /// For each name, where its bytes are in `bytes`.
    private var ranges: [Range<Int>] = []

    /// The number of names.
    var count: Int { ranges.count }

    /// Adds `name` at the end and returns its index.
    @discardableResult
    mutating func append(_ name: String) -> Int {
        let start = bytes.count
        bytes.append(contentsOf: name.utf8)
        ranges.append(start..<bytes.count)
        return ranges.count - 1
    }

    /// Whether the name at `index` is `name`.
    func matches(_ index: Int, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = ranges[index]
        guard range.count == name.count else {
            return false
        }
        var position = range.lowerBound
        for byte in name {
            guard bytes[position] == byte else {
                return false
            }
            position += 1
        }
        return true
    }

    /// The index of the first name equal to `name`, if any.
    func firstIndex(of name: UnsafeBufferPointer<UInt8>) -> Int? {
        for index in ranges.indices where matches(index, name) {
            return index
        }
        return nil
    }
}

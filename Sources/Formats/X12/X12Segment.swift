/// One X12 segment: its id and its elements, as the tokenizer lends it.
///
/// The segment keeps its bytes in one buffer with the end of each element, so lending a segment allocates
/// nothing per element. Element 0 is the segment id; components stay inside their element and are split on
/// demand with the interchange's component separator.
public struct X12Segment: Sendable, Equatable {
    /// 1-based position in the interchange.
    public var position: Int
    /// Byte offset of the segment's first character in the input.
    public var offset: Int
    /// The delimiters of the interchange the segment comes from.
    public var delimiters: X12Delimiters
    /// The segment's bytes, element separators included, segment terminator excluded.
    public private(set) var bytes: [UInt8]
    /// The end index in `bytes` of each element (element 0 is the id).
    private var ends: [Int]

    /// Creates a segment from its bytes and the end index of each element; `ends` must not be empty.
    init(position: Int, offset: Int, delimiters: X12Delimiters, bytes: [UInt8], ends: [Int]) {
        self.position = position
        self.offset = offset
        self.delimiters = delimiters
        self.bytes = bytes
        self.ends = ends
    }

    /// Creates a segment from its elements (element 0 being the id): for tests and generated input.
    public init(position: Int, offset: Int = 0, delimiters: X12Delimiters = .standard, elements: [String]) {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for (index, element) in (elements.isEmpty ? [""] : elements).enumerated() {
            if index > 0 { bytes.append(delimiters.element) }
            bytes.append(contentsOf: element.utf8)
            ends.append(bytes.count)
        }
        self.init(position: position, offset: offset, delimiters: delimiters, bytes: bytes, ends: ends)
    }

    /// The segment id (`ST`, `CLP`, …).
    public var id: String { String(decoding: bytes[0..<ends[0]], as: UTF8.self) }

    /// The segment id packed into an integer (``key(_:)``), compared and looked up without building a string;
    /// `UInt32.max` for an id longer than four bytes (X12 ids have two or three).
    public var idKey: UInt32 {
        guard ends[0] <= 4 else { return .max }
        var key: UInt32 = 0
        for index in 0..<ends[0] { key = key << 8 | UInt32(bytes[index]) }
        return key
    }

    /// The packed form of a segment id, as ``idKey`` gives it.
    public static func key(_ id: String) -> UInt32 {
        guard id.utf8.count <= 4 else { return .max }
        return id.utf8.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Whether the segment id is `id`, compared without building a string.
    public func hasID(_ id: String) -> Bool {
        idKey == Self.key(id)
    }

    /// The number of elements after the id.
    public var count: Int { ends.count - 1 }

    /// The bytes of element `index` (1-based, as X12 numbers them: `CLP01` is element 1); empty when absent.
    public func bytes(_ index: Int) -> ArraySlice<UInt8> {
        bytes[range(index)]
    }

    /// Where element `index` lies in ``bytes``; an empty range when absent.
    public func range(_ index: Int) -> Range<Int> {
        guard index >= 0, index < ends.count else { return 0..<0 }
        return (index == 0 ? 0 : ends[index - 1] + 1)..<ends[index]
    }

    /// Where component `component` (1-based) of element `index` lies in ``bytes``; an empty range when absent.
    public func range(_ index: Int, _ component: Int) -> Range<Int> {
        let element = range(index)
        var start = element.lowerBound
        var number = 1
        while number < component {
            guard let separator = bytes[start..<element.upperBound].firstIndex(of: delimiters.component) else {
                return 0..<0
            }
            start = separator + 1
            number += 1
        }
        let end = bytes[start..<element.upperBound].firstIndex(of: delimiters.component) ?? element.upperBound
        return start..<end
    }

    /// Element `index` (1-based, as X12 numbers them: `CLP01` is `element(1)`) as text; empty when absent.
    public func element(_ index: Int) -> String {
        String(decoding: bytes(index), as: UTF8.self)
    }

    /// Component `component` (1-based: `SVC01-2` is `component(1, 2)`) of element `index` as text; empty when absent.
    public func component(_ index: Int, _ component: Int) -> String {
        String(decoding: componentBytes(index, component), as: UTF8.self)
    }

    /// The components of element `index` as text (`HC:99213:25` gives `["HC", "99213", "25"]`).
    public func components(_ index: Int) -> [String] {
        bytes(index).split(separator: delimiters.component, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// The bytes of component `component` (1-based) of element `index`; empty when absent.
    public func componentBytes(_ index: Int, _ component: Int) -> ArraySlice<UInt8> {
        bytes[range(index, component)]
    }
}

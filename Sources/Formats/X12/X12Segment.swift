/// One X12 segment: its id and its elements, as the tokenizer lends it.
public struct X12Segment: Sendable, Equatable {
    /// 1-based position in the interchange.
    public var position: Int
    /// Byte offset of the segment's first character in the input.
    public var offset: Int
    /// The elements, element 0 being the segment id; components stay inside their element.
    public var elements: [[UInt8]]

    /// The segment id (`ST`, `CLP`, …).
    public var id: String { elements.first.map { String(decoding: $0, as: UTF8.self) } ?? "" }

    /// Element `index` (1-based, as X12 numbers them: `CLP01` is `element(1)`) as text; empty when absent.
    public func element(_ index: Int) -> String {
        index < elements.count ? String(decoding: elements[index], as: UTF8.self) : ""
    }

    /// The number of elements after the id.
    public var count: Int { max(0, elements.count - 1) }
}

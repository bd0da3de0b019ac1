/// The four delimiters of an X12 interchange, taken from its fixed-width ISA segment.
///
/// ISA is 106 characters: character 4 is the element separator, ISA11 (character 83) the repetition
/// separator, ISA16 (character 105) the component separator and character 106 the segment terminator.
public struct X12Delimiters: Sendable, Equatable {
    /// Separates elements (`*`).
    public var element: UInt8
    /// Separates repeated values of one element (`^`).
    public var repetition: UInt8
    /// Separates the components of a composite element (`:`).
    public var component: UInt8
    /// Ends a segment (`~`; a newline is allowed).
    public var segment: UInt8

    /// The usual `*`, `^`, `:`, `~`.
    public static let standard = X12Delimiters(
        element: UInt8(ascii: "*"), repetition: UInt8(ascii: "^"), component: UInt8(ascii: ":"),
        segment: UInt8(ascii: "~"))

    /// Creates a delimiter set.
    public init(element: UInt8, repetition: UInt8, component: UInt8, segment: UInt8) {
        self.element = element
        self.repetition = repetition
        self.component = component
        self.segment = segment
    }

    /// The length of an ISA segment including its terminator.
    public static let isaLength = 106

    /// Reads the delimiters from the first 106 bytes of an interchange.
    ///
    /// - Throws: ``X12Error`` when the bytes do not start with a well-formed ISA.
    public static func detect(_ isa: UnsafeBufferPointer<UInt8>) throws(X12Error) -> X12Delimiters {
        guard isa.count >= isaLength else {
            throw X12Error(
                segment: 1, segmentID: "ISA", message: "the interchange is shorter than an ISA segment (106 characters)"
            )
        }
        guard isa[0] == UInt8(ascii: "I"), isa[1] == UInt8(ascii: "S"), isa[2] == UInt8(ascii: "A") else {
            throw X12Error(segment: 1, segmentID: "", message: "an X12 interchange must start with ISA")
        }
        let delimiters = X12Delimiters(element: isa[3], repetition: isa[82], component: isa[104], segment: isa[105])
        // ISA has 16 elements, so exactly 16 element separators before the terminator.
        let separators = isa[0..<105].filter { $0 == delimiters.element }.count
        guard separators == 16 else {
            throw X12Error(
                segment: 1, segmentID: "ISA",
                message:
                    "ISA must be 106 fixed-width characters with 16 elements; found \(separators) element separators")
        }
        let all = [delimiters.element, delimiters.component, delimiters.segment]
        guard Set(all).count == all.count, !all.contains(where: { isAlphanumeric($0) }) else {
            throw X12Error(
                segment: 1, segmentID: "ISA", message: "the ISA delimiters are not distinct non-alphanumeric characters"
            )
        }
        return delimiters
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }
}

/// The limits of one X12 element (or one component of a composite) as an implementation guide states them.
///
/// Rows are generated from pyx12's maps by `scripts/generate-element-rules` into one table per transaction
/// (``X12ElementRules``).
public struct X12ElementRule: Sendable {
    /// An X12 data element type (X12.6), deciding how the length is counted.
    public enum DataType: Sendable {
        /// AN: any characters.
        case an
        /// ID: a code.
        case id
        /// DT: a date (`CCYYMMDD` or `YYMMDD`).
        case date
        /// TM: a time (`HHMM` to `HHMMSSDD`).
        case time
        /// N0/N2: digits with an implied decimal point; a minus sign does not count.
        case numeric
        /// R: a decimal number; a minus sign and the decimal point do not count.
        case decimal
    }

    /// The segment id (`CLP`).
    public var segmentID: String
    /// The element position, 1-based (CLP02: 2).
    public var position: Int
    /// The component position in a composite, 1-based; 0 for a simple element.
    public var component: Int
    /// The guide's name for it: `CLP02`, `SVC01-01`.
    public var name: String
    /// The data type.
    public var type: DataType
    /// The minimum length of a value that is present.
    public var minLength: Int
    /// The maximum length.
    public var maxLength: Int
    /// The codes the guide allows, in the guide's order; `nil` when it lists none (checked for length only).
    public var codes: [String]?
    /// The codes as bytes, compared without building strings.
    let codeBytes: [[UInt8]]?

    /// Creates a row.
    public init(
        _ segmentID: String, _ position: Int, _ component: Int, _ name: String, _ type: DataType, _ minLength: Int,
        _ maxLength: Int, _ codes: [String]?
    ) {
        self.segmentID = segmentID
        self.position = position
        self.component = component
        self.name = name
        self.type = type
        self.minLength = minLength
        self.maxLength = maxLength
        self.codes = codes
        codeBytes = codes?.map { Array($0.utf8) }
    }

    /// The length X12 counts for a value: characters, without a minus sign or decimal point in numbers.
    func length(of value: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in value where byte & 0xC0 != 0x80 {
            switch type {
            case .numeric, .decimal:
                if byte != UInt8(ascii: "-"), byte != UInt8(ascii: ".") { count += 1 }
            default: count += 1
            }
        }
        return count
    }

    /// Whether `value` is one of the listed codes (`true` when the guide lists none).
    func allows(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let codeBytes else { return true }
        return codeBytes.contains { $0.elementsEqual(value) }
    }
}

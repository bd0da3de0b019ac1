/// One field of a record.
public struct FieldDefinition: Sendable {
    /// Name of the field, which is also its column in the target table.
    public var name: String
    /// Header names the field may appear under, in preference order (aliases).
    public var columns: [String]
    /// Value type.
    public var type: FieldType
    /// Whether an empty value is an error.
    public var required: Bool
    /// Regular expression the raw text must match.
    public var pattern: Pattern?
    /// Accepted date formats, tried in order (date fields).
    public var dateFormats: [DateFormat]
    /// Lower limit.
    public var min: Bound?
    /// Upper limit.
    public var max: Bound?
    /// Allowed text length in characters.
    public var length: ClosedRange<Int>?
    /// Accepted values (enum fields).
    public var values: EnumValues?
    /// Whether values compare case-insensitively (enum and bool fields).
    public var ignoreCase: Bool
    /// Whether a value may appear only once in a file.
    public var unique: Bool
    /// What a failed check does.
    public var severity: Severity
    /// Whether the value is written to the target table.
    public var store: Bool
    /// Line where the field is defined, for issues found after decoding.
    public var line: Int = 0
    /// A fixed value for every record (for example the subject of a per-subject file); no column is read.
    public var constant: String?
    /// A value computed from other fields of the record. With no column it is always computed; with a column
    /// it fills the column in when the file leaves it out or empty, and is checked against it otherwise.
    public var derivation: Derivation?

    /// Whether the value comes from a column of the file (not a constant or a derivation alone).
    public var isRead: Bool { constant == nil && (derivation == nil || !columns.isEmpty) }

    /// Creates a field definition with permissive defaults.
    public init(
        name: String, columns: [String], type: FieldType = .string, required: Bool = false,
        pattern: Pattern? = nil, dateFormats: [DateFormat] = [], min: Bound? = nil, max: Bound? = nil,
        length: ClosedRange<Int>? = nil, values: EnumValues? = nil, ignoreCase: Bool = false,
        unique: Bool = false, severity: Severity = .error, store: Bool = true
    ) {
        self.name = name
        self.columns = columns
        self.type = type
        self.required = required
        self.pattern = pattern
        self.dateFormats = dateFormats
        self.min = min
        self.max = max
        self.length = length
        self.values = values
        self.ignoreCase = ignoreCase
        self.unique = unique
        self.severity = severity
        self.store = store
    }
}

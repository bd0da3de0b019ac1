/// A declarative description of one file kind: how to recognise it, how to read it and the rules
/// every record must meet.
///
/// Definitions are decoded from `Mappings/*.yaml` (see `Mappings/README.md` for the format) and
/// compiled into a ``CompiledMapping`` before use.
public struct MappingDefinition: Sendable {
    /// Unique id of the kind, used in job records and reports (`aeries-attendance`).
    public var kind: String
    /// Revision of the definition, recorded on receipts.
    public var version: Int
    /// One-line human description.
    public var summary: String
    /// How records are read.
    public var format: RecordFormat
    /// How a file is recognised as this kind.
    public var match: MatchRule
    /// Name of the loader (domain table) that receives the records.
    public var target: String
    /// Fields that identify a record within a district; the upsert key.
    public var key: [String]
    /// Field definitions in declaration order.
    public var fields: [FieldDefinition]
    /// Conditional requirements.
    public var rules: [ConditionalRule]
    /// Checks against data already loaded (students known to the district, …).
    public var lookups: [LookupDefinition]
    /// Named code tables with per-district variants.
    public var codeTables: [String: CodeTable]
    /// The file the definition was read from.
    public var file: String
    /// Line of the `target` key, for issues about the target table.
    public var targetLine: Int = 0
    /// A number the store assigns after loading, counting rows within groups (i-Ready diagnostic 1, 2, 3).
    public var sequence: SequenceDefinition?
    /// Units-versus-minutes checks.
    public var unitRules: [UnitRule] = []
    /// Fields whose values must not decrease (start ≤ end).
    public var orderRules: [OrderRule] = []
    /// Work the gateway does after the rows are loaded, in the same transaction.
    public var afterLoad: [AfterLoadStep] = []
    /// What a key already loaded by an earlier file does.
    public var existing: ExistingRecordPolicy = .update

    /// Creates a definition.
    public init(
        kind: String, version: Int = 1, summary: String = "", format: RecordFormat = .csv(delimiter: nil),
        match: MatchRule, target: String, key: [String], fields: [FieldDefinition],
        rules: [ConditionalRule] = [], lookups: [LookupDefinition] = [], codeTables: [String: CodeTable] = [:],
        file: String = "<memory>"
    ) {
        self.kind = kind
        self.version = version
        self.summary = summary
        self.format = format
        self.match = match
        self.target = target
        self.key = key
        self.fields = fields
        self.rules = rules
        self.lookups = lookups
        self.codeTables = codeTables
        self.file = file
    }
}

/// How the records of a file are laid out.
public enum RecordFormat: Sendable, Equatable {
    /// Delimited text with a header row; `nil` delimiter means a comma.
    case csv(delimiter: UInt8?)
    /// XML whose records are the elements at `recordPath` (`A/B/Record`, or `//Record` at any depth); each
    /// field names a `path` relative to the record (`Name/Last`, `@id`, `Eligibility/@start`).
    case xml(recordPath: String)
}

/// How a file is recognised: a filename glob first, then the header row.
public struct MatchRule: Sendable {
    /// Globs the file name must match (any of them); empty matches every name.
    public var filenames: [Glob]
    /// Fields whose column must be present in the header for the file to be this kind.
    public var headerFields: [String]

    /// Creates a match rule.
    public init(filenames: [Glob], headerFields: [String]) {
        self.filenames = filenames
        self.headerFields = headerFields
    }
}

/// Whether a failed check rejects the row or only reports it.
public enum Severity: String, Sendable, Codable, CaseIterable {
    /// The row is not loaded.
    case error
    /// The row is loaded and the problem is reported.
    case warning
}

/// The value type of a field, which decides how its text is parsed and stored.
public enum FieldType: String, Sendable, CaseIterable {
    case string, int, decimal, date, time, bool, `enum`, npi, money
}

/// A `min` or `max` limit of a field.
public enum Bound: Sendable, Equatable {
    /// A numeric limit for int, decimal and money fields.
    case number(FixedDecimal)
    /// A date limit, absolute or relative to the day of the run.
    case date(DateBound)
}

/// The accepted values of an enum field.
public enum EnumValues: Sendable {
    /// Accepted spelling → canonical value stored.
    case inline([String: String])
    /// A named code table of the mapping, resolved per district.
    case table(String)
}

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
    /// A value computed from other fields of the record; no column is read.
    public var derivation: Derivation?

    /// Whether the value comes from a column of the file (not a constant or a derivation).
    public var isRead: Bool { constant == nil && derivation == nil }

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

/// "When these fields have these values, those fields are required."
public struct ConditionalRule: Sendable {
    /// Stable rule id reported on exceptions.
    public var id: String
    /// Field name → values that trigger the rule (all conditions must hold).
    public var when: [(field: String, values: [String])]
    /// Field name → values that switch the rule off (any one suffices), e.g. a placement of `Tested Out`.
    public var unless: [(field: String, values: [String])] = []
    /// Fields that must then be non-empty.
    public var require: [String]
    /// What a failed rule does.
    public var severity: Severity
    /// Optional explanation shown on the exception.
    public var message: String?

    /// Creates a rule.
    public init(
        id: String, when: [(field: String, values: [String])], require: [String], severity: Severity = .error,
        message: String? = nil
    ) {
        self.id = id
        self.when = when
        self.require = require
        self.severity = severity
        self.message = message
    }
}

/// A check that a field's value exists in data already loaded for the district.
public struct LookupDefinition: Sendable {
    /// The field whose value is looked up.
    public var field: String
    /// Table holding the known values.
    public var table: String
    /// Column of `table` holding the known values.
    public var column: String
    /// Stable rule id reported when the value is unknown.
    public var rule: String
    /// What an unknown value does.
    public var severity: Severity

    /// Creates a lookup.
    public init(field: String, table: String, column: String, rule: String, severity: Severity = .error) {
        self.field = field
        self.table = table
        self.column = column
        self.rule = rule
        self.severity = severity
    }
}

/// A code table with a default set and per-district overrides (codes differ by district).
public struct CodeTable: Sendable {
    /// Codes used when a district has no table of its own: code → description.
    public var defaultCodes: [String: String]?
    /// District (source id) → code → description.
    public var byDistrict: [String: [String: String]]

    /// Creates a code table.
    public init(defaultCodes: [String: String]?, byDistrict: [String: [String: String]]) {
        self.defaultCodes = defaultCodes
        self.byDistrict = byDistrict
    }

    /// The codes that apply to `district`, or `nil` if neither it nor a default is defined.
    public func codes(for district: String) -> [String: String]? {
        byDistrict[district] ?? defaultCodes
    }
}

/// "Number the rows of each group by this order" — applied by the store after a file's rows are loaded.
public struct SequenceDefinition: Sendable, Equatable {
    /// The field that receives the number (1, 2, 3 …).
    public var field: String
    /// Fields that form a group (the district is always part of it).
    public var partition: [String]
    /// Fields that order the rows within a group.
    public var order: [String]

    /// Creates a sequence definition.
    public init(field: String, partition: [String], order: [String]) {
        self.field = field
        self.partition = partition
        self.order = order
    }
}

/// A field computed from other fields of the same record.
public struct Derivation: Sendable, Equatable {
    /// The built-in computation.
    public enum Function: String, Sendable, CaseIterable {
        /// `Fall`, `Winter` or `Spring`: from a norming-window text when it names one, else from a date
        /// (Fall to 15 Nov, Winter 16 Nov to 1 Mar, Spring from 2 Mar).
        case season
        /// `current` or `historical` (or `future`): a `YYYY-YYYY` school year against the current one.
        case schoolYearStatus = "school_year_status"
    }

    /// The computation.
    public var function: Function
    /// Fields it reads, in order.
    public var from: [String]

    /// Creates a derivation.
    public init(function: Function, from: [String]) {
        self.function = function
        self.from = from
    }
}

/// A built-in step run after a file's rows are loaded, inside the job's transaction.
public enum AfterLoadStep: String, Sendable, CaseIterable {
    /// Match the loaded eligibility members to the district's students (CIN, else name and birth date)
    /// and record eligibility spans per student, with a reconciliation report.
    case reconcileMembers = "reconcile-members"
}

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
    /// The field carrying the record's own modification date: a row older than the stored one is `stale` (not
    /// loaded), an equal one unchanged, a newer one updates. `nil`: the file processed last wins.
    public var modified: String?
    /// Gain and growth progress computed after loading, per group of the ``sequence``.
    public var growth: GrowthDefinition?
    /// The practitioner-roster check of a service log's rows.
    public var qualification: QualificationRule?

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

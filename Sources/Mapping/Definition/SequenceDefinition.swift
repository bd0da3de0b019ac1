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

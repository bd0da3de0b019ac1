/// Where an 835 transaction set sits in its file: payers number sets `0001` in every group and may send several
/// interchanges in one file, so a set is known by its interchange, group and set control numbers together, and
/// by its ordinal in the file.
public struct RemittanceSetIdentity: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// 1 for the file's first transaction set, 2 for the next, whatever envelope holds them.
    public var ordinal: Int
    /// ISA13 of the enclosing interchange (empty when the file has none).
    public var interchangeControl: String
    /// GS06 of the enclosing functional group (empty when the file has none).
    public var groupControl: String
    /// ST02.
    public var setControl: String

    /// Creates an identity.
    public init(ordinal: Int, interchangeControl: String, groupControl: String, setControl: String) {
        self.ordinal = ordinal
        self.interchangeControl = interchangeControl
        self.groupControl = groupControl
        self.setControl = setControl
    }

    /// `set 2 (ISA13 000000002, GS06 7, ST02 0001)`.
    public var description: String {
        "set \(ordinal) (ISA13 \(interchangeControl), GS06 \(groupControl), ST02 \(setControl))"
    }
}

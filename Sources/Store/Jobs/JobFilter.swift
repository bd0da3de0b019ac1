import Foundation

/// Which jobs a list shows: every criterion given must hold.
public struct JobFilter: Sendable, Equatable {
    /// Only jobs of these sources (`nil`: every source); a district user sees only their own.
    public var sources: [String]?
    /// Only jobs of this source.
    public var source: String?
    /// Only jobs of this mapping kind.
    public var kind: String?
    /// Only jobs in this state.
    public var state: JobState?
    /// Only jobs whose file name contains this text (case ignored for ASCII letters).
    public var name: String?
    /// Only jobs created at or after this moment.
    public var since: Date?
    /// Only jobs that touched this business key: loaded (last wrote) a row with it as student id, member id or
    /// CIN, reported it in an exception, or answered a claim with it as patient control or payer claim number.
    public var key: String?

    /// A filter; every criterion is optional.
    public init(
        sources: [String]? = nil, source: String? = nil, kind: String? = nil, state: JobState? = nil,
        name: String? = nil, since: Date? = nil, key: String? = nil
    ) {
        self.sources = sources
        self.source = source
        self.kind = kind
        self.state = state
        self.name = name
        self.since = since
        self.key = key
    }
}

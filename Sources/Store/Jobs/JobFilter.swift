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

    /// A filter; every criterion is optional.
    public init(
        sources: [String]? = nil, source: String? = nil, kind: String? = nil, state: JobState? = nil,
        name: String? = nil, since: Date? = nil
    ) {
        self.sources = sources
        self.source = source
        self.kind = kind
        self.state = state
        self.name = name
        self.since = since
    }
}

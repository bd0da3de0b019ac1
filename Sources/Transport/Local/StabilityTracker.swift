/// Decides when a file in a drop folder is complete (DESIGN §4.4).
///
/// A file is taken only when its size and modification time have not changed for `stableAfter`
/// seconds across observations. For local folders, whose clocks are ours, a file whose mtime is
/// already older than `stableAfter` at first sight is complete at once. Temporary upload names
/// (`*.part`, `*.tmp`, dot-files) are never candidates.
public struct StabilityTracker: Sendable {
    struct Observation: Sendable {
        var size: Int64
        var modified: Int64
        var since: Double
    }

    /// Seconds a file must stay unchanged.
    public let stableAfter: Double
    /// Whether a modification time older than `stableAfter` proves completeness (local clocks).
    public let trustModificationTime: Bool
    private var observations: [String: Observation] = [:]

    /// Creates a tracker.
    public init(stableAfter: Double, trustModificationTime: Bool) {
        self.stableAfter = stableAfter
        self.trustModificationTime = trustModificationTime
    }

    /// Whether a name is an upload in progress or hidden, by convention never fetched.
    public static func isTemporaryName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return name.hasPrefix(".") || lower.hasSuffix(".part") || lower.hasSuffix(".tmp")
            || lower.hasSuffix(".filepart") || lower.hasSuffix(".done")
    }

    /// Records one listing and returns the entries that are complete now, plus how many are still settling.
    ///
    /// - Parameters:
    ///   - entries: the folder's regular files.
    ///   - now: current time in seconds since the epoch.
    public mutating func observe(_ entries: [FileSystem.Entry], now: Double) -> (
        ready: [FileSystem.Entry], settling: Int
    ) {
        var ready: [FileSystem.Entry] = []
        var settling = 0
        var seen: [String: Observation] = [:]
        for entry in entries where entry.isRegularFile && !Self.isTemporaryName(entry.name) {
            var observation = Observation(size: entry.size, modified: entry.modified, since: now)
            if let previous = observations[entry.name], previous.size == entry.size, previous.modified == entry.modified
            {
                observation.since = previous.since
            }
            seen[entry.name] = observation
            let unchangedFor = now - observation.since
            let age = now - Double(entry.modified) / 1_000_000_000
            if unchangedFor >= stableAfter || (trustModificationTime && age >= stableAfter) {
                ready.append(entry)
            } else {
                settling += 1
            }
        }
        observations = seen
        return (ready, settling)
    }

    /// Forgets a file (taken or removed).
    public mutating func forget(_ name: String) {
        observations[name] = nil
    }
}

import Claims
import Formats

/// Reads one transaction set of a staged 835 again: a set that failed its balance checks is undone and recorded
/// as held from a second reading, and an operator's release applies it from the archived file.
enum RemittanceSetReplay {
    private struct Done: Error {}

    /// Calls `body` with the events of the file's transaction set number `ordinal` (1 for the first).
    static func read(set ordinal: Int, of path: String, _ body: (RemittanceEvent) throws -> Void) throws {
        var reader = RemittanceReader()
        var current = 0
        do {
            try InboundReader.segments(of: path) { segment in
                try reader.read(segment) { event in
                    if case .header(let header) = event { current = header.identity.ordinal }
                    guard current == ordinal else { return }
                    try body(event)
                    if case .totals = event { throw Done() }
                }
            }
        } catch is Done {}
    }
}

/// The outcome of recognising a file.
public enum Detection: Sendable {
    /// Exactly one mapping fits.
    case matched(CompiledMapping, HeaderBinding)
    /// None fits; one line per mapping tried, saying why.
    case noMatch(attempts: [String])
    /// Several fit equally well.
    case ambiguous(kinds: [String])
}

import ArgumentParser
import Values

/// Dates on the command line are ISO 8601 days, `yyyy-MM-dd`; anything else is a usage error (status 64).
extension Day: ExpressibleByArgument {
    /// Parses `yyyy-MM-dd`; `nil`, which argument-parser refuses, for anything else, including days that
    /// do not exist such as 2026-02-30.
    public init?(argument: String) {
        self.init(iso: argument)
    }
}

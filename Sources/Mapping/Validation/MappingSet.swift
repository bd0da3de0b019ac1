/// All mappings known to the gateway, and recognition of a file's kind among them.
public struct MappingSet: Sendable {
    /// The mappings, in kind order.
    public let mappings: [CompiledMapping]

    /// Creates a set; kinds must be unique (``MappingLint`` checks this).
    public init(_ mappings: [CompiledMapping]) {
        self.mappings = mappings.sorted { $0.kind < $1.kind }
    }

    /// The mapping of a kind.
    public func mapping(kind: String) -> CompiledMapping? {
        mappings.first { $0.kind == kind }
    }

    /// 0 when `filename` matches a mapping whose table other mappings look up (a roster, a practitioner
    /// roster), else 1.
    ///
    /// Files dropped together are taken in this order, so a roster loads before the attendance that
    /// checks its students against it.
    public func intakeRank(filename: String) -> Int {
        let lookedUp = Set(
            mappings.flatMap {
                $0.definition.lookups.map(\.table) + [$0.definition.qualification?.roster].compactMap { $0 }
            })
        let isDependency = mappings.contains { mapping in
            lookedUp.contains(mapping.definition.target) && !mapping.definition.match.filenames.isEmpty
                && mapping.matchesFilename(filename)
        }
        return isDependency ? 0 : 1
    }

    /// Recognises a file by name and header.
    ///
    /// - Parameters:
    ///   - filename: the file's original name.
    ///   - header: the header row's names.
    ///   - kinds: restrict to these kinds (a source's configured kinds, or `--kind`); `nil` tries all.
    ///   - ignoreFilename: match on the header alone (an explicit `--kind` was given).
    public func detect(filename: String, header: [String], kinds: [String]? = nil, ignoreFilename: Bool = false)
        -> Detection
    {
        var attempts: [String] = []
        var matches: [(CompiledMapping, HeaderBinding)] = []
        for mapping in mappings where kinds?.contains(mapping.kind) ?? true {
            guard ignoreFilename || mapping.matchesFilename(filename) else {
                let globs = mapping.definition.match.filenames.map(\.description).joined(separator: " or ")
                attempts.append("\(mapping.kind): file name does not match \(globs)")
                continue
            }
            switch mapping.bind(header: header) {
            case .success(let binding): matches.append((mapping, binding))
            case .failure(let mismatch):
                attempts.append("\(mapping.kind): " + mismatch.reasons.joined(separator: "; "))
            }
        }
        if matches.count == 1 { return .matched(matches[0].0, matches[0].1) }
        if matches.isEmpty { return .noMatch(attempts: attempts) }
        // Prefer the mapping that reads the most columns; a tie is ambiguous.
        let ranked = matches.sorted { $0.1.ignoredColumns.count < $1.1.ignoredColumns.count }
        if ranked[0].1.ignoredColumns.count < ranked[1].1.ignoredColumns.count {
            return .matched(ranked[0].0, ranked[0].1)
        }
        return .ambiguous(kinds: matches.map(\.0.kind))
    }
}

/// A mapping definition checked and prepared for fast use: recognition and header binding.
public struct CompiledMapping: Sendable {
    /// The definition it was compiled from.
    public let definition: MappingDefinition

    /// Compiles a definition. Definitions that decoded without issues always compile.
    public init(_ definition: MappingDefinition) {
        self.definition = definition
    }

    /// The kind id.
    public var kind: String { definition.kind }

    /// The field delimiter of a CSV kind; `nil` for other formats.
    public var delimiter: UInt8? {
        switch definition.format {
        case .csv(let delimiter): return delimiter ?? UInt8(ascii: ",")
        case .xml: return nil
        }
    }

    /// For an XML kind: the record path and the path of each field read from the file, in binding order.
    public var xmlLayout: (recordPath: String, fieldPaths: [String])? {
        guard case .xml(let recordPath) = definition.format else { return nil }
        return (recordPath, definition.fields.filter(\.isRead).compactMap(\.columns.first))
    }

    /// The binding of an XML kind: each field read from the file sits at its place in ``xmlLayout``.
    public func xmlBinding() -> HeaderBinding {
        var position = 0
        var columnIndex: [Int?] = []
        var columnName: [String?] = []
        for field in definition.fields {
            guard field.isRead, let path = field.columns.first else {
                columnIndex.append(nil)
                columnName.append(nil)
                continue
            }
            columnIndex.append(position)
            columnName.append(path)
            position += 1
        }
        return HeaderBinding(
            columnIndex: columnIndex, columnName: columnName, headerCount: position, ignoredColumns: [])
    }

    /// Whether `name` matches one of the filename globs (or there are none).
    public func matchesFilename(_ name: String) -> Bool {
        definition.match.filenames.isEmpty || definition.match.filenames.contains { $0.matches(name) }
    }

    /// Binds header names to fields, or explains why this header is not this kind.
    ///
    /// Columns are matched by name (case, spacing and BOM ignored), never by position; each field
    /// takes the first of its aliases present.
    public func bind(header: [String]) -> Result<HeaderBinding, HeaderMismatch> {
        var positions: [String: [Int]] = [:]
        for (index, name) in header.enumerated() {
            positions[HeaderName.fold(name), default: []].append(index)
        }
        var columnIndex: [Int?] = []
        var columnName: [String?] = []
        var used = Set<Int>()
        var reasons: [String] = []
        for field in definition.fields {
            let found = field.columns.lazy.compactMap { alias in positions[HeaderName.fold(alias)].map { (alias, $0) } }
                .first
            if let (alias, indices) = found {
                if indices.count > 1 {
                    let places = indices.map { String($0 + 1) }.joined(separator: ", ")
                    reasons.append(
                        "column '\(alias)' (field \(field.name)) appears \(indices.count) times, at positions \(places)"
                    )
                }
                columnIndex.append(indices[0])
                columnName.append(header[indices[0]])
                used.insert(indices[0])
            } else {
                columnIndex.append(nil)
                columnName.append(nil)
            }
        }
        let byName = Dictionary(uniqueKeysWithValues: definition.fields.enumerated().map { ($1.name, $0) })
        for name in definition.match.headerFields {
            guard let index = byName[name], columnIndex[index] == nil else { continue }
            let aliases = definition.fields[index].columns.map { "'\($0)'" }.joined(separator: " or ")
            reasons.append("missing column \(aliases) (field \(name))")
        }
        if !reasons.isEmpty {
            return .failure(
                HeaderMismatch(
                    kind: kind, reasons: reasons, duplicateHeader: reasons.contains { $0.contains("appears") }))
        }
        let ignored = header.enumerated().filter { !used.contains($0.offset) }.map(\.element)
        return .success(
            HeaderBinding(
                columnIndex: columnIndex, columnName: columnName, headerCount: header.count, ignoredColumns: ignored))
    }
}

import Formats

extension MappingSet {
    /// Recognises a staged file's kind from its name and header row: a pure step, with the file's reading
    /// left to the caller.
    ///
    /// A file whose name fits no mapping (`weekly_export.csv`) is still recognised when exactly one mapping's
    /// headers fit it (``Recognition/matchedByHeaders(_:_:)``); when several do, none is guessed.
    ///
    /// - Parameters:
    ///   - filename: the file's original name.
    ///   - isXML: whether the file is an XML document (XML kinds have no header row and are told apart by
    ///     file name).
    ///   - allowedKinds: the kinds this file may be (a source's `kinds:` or a forced kind); `nil` allows all.
    ///   - kindForced: a kind was named explicitly (`--kind`): the file name need not match.
    ///   - header: reads the file's first record with a delimiter; `nil` when the file holds no record.
    /// - Returns: the mapping, or the reasons the file is rejected.
    /// - Throws: what `header` throws (the file could not be read).
    public func recognise(
        filename: String, isXML: Bool, allowedKinds: [String]?, kindForced: Bool,
        header: (UInt8) throws -> HeaderRow?
    ) rethrows -> Recognition {
        let candidates = mappings.filter { mapping in
            (allowedKinds?.contains(mapping.kind) ?? true) && (mapping.xmlLayout != nil) == isXML
        }
        guard !candidates.isEmpty else {
            let names = allowedKinds?.joined(separator: ", ") ?? ""
            return .rejected([
                RowIssue(line: 0, rule: RuleID.noMappingMatch, message: "no mapping defines kind \(names)")
            ])
        }
        if isXML { return recogniseXML(filename: filename, candidates: candidates, kindForced: kindForced) }
        var attempts: [String] = []
        var matched: [(CompiledMapping, HeaderBinding)] = []
        var hints: [String] = []
        var headers: [(delimiter: UInt8, names: [String])] = []
        for delimiter in Set(candidates.compactMap(\.delimiter)).sorted() {
            guard let row = try header(delimiter) else {
                return .rejected([
                    RowIssue(line: 0, rule: RuleID.fileEmpty, message: "the file has no records, only blank lines")
                ])
            }
            if let problem = row.problem {
                return .rejected([
                    RowIssue(line: row.line, rule: RuleID.badHeader, message: "the header row is malformed: \(problem)")
                ])
            }
            if row.names.count == 1, let likely = Self.likelyDelimiter(row.names[0]), likely != delimiter {
                hints.append(
                    "the header has a single column and looks '\(Self.show(likely))'-delimited, but the mappings expect '\(Self.show(delimiter))'"
                )
            }
            headers.append((delimiter, row.names))
            let kinds = candidates.filter { $0.delimiter == delimiter }.map(\.kind)
            switch detect(filename: filename, header: row.names, kinds: kinds, ignoreFilename: kindForced) {
            case .matched(let mapping, let binding): matched.append((mapping, binding))
            case .noMatch(let tried): attempts += tried
            case .ambiguous(let kinds):
                return .rejected([
                    RowIssue(
                        line: 1, rule: RuleID.ambiguousMapping,
                        message: "several mappings fit this file equally: \(kinds.joined(separator: ", "))")
                ])
            }
        }
        if matched.count == 1 { return .matched(matched[0].0, matched[0].1) }
        if matched.count > 1 {
            return .rejected([
                RowIssue(
                    line: 1, rule: RuleID.ambiguousMapping,
                    message: "several mappings fit this file: \(matched.map(\.0.kind).joined(separator: ", "))")
            ])
        }
        if !kindForced {
            // No name fits: the headers alone may still single out one mapping.
            var fits: [(mapping: CompiledMapping, binding: HeaderBinding)] = []
            for header in headers {
                for mapping in candidates where mapping.delimiter == header.delimiter {
                    if case .success(let binding) = mapping.bind(header: header.names) {
                        fits.append((mapping, binding))
                    }
                }
            }
            if fits.count == 1 { return .matchedByHeaders(fits[0].mapping, fits[0].binding) }
            if fits.count > 1 {
                let kinds = fits.map(\.mapping.kind).joined(separator: ", ")
                hints.append("the headers fit several mappings: \(kinds); name the file after one of them")
            }
        }
        var issues = [
            RowIssue(
                line: 1, rule: RuleID.noMappingMatch,
                message: "no mapping recognises this file; " + tried(candidates, allowedKinds))
        ]
        issues += hints.map { RowIssue(line: 1, rule: RuleID.noMappingMatch, message: $0) }
        issues += attempts.map { attempt in
            let rule = attempt.contains(" appears ") ? RuleID.duplicateHeader : RuleID.noMappingMatch
            return RowIssue(line: 1, rule: rule, message: attempt)
        }
        return .rejected(issues)
    }

    /// "tried 6 mappings of 7 (1 reads XML documents only)": how many mappings were tried, of those loaded, and why
    /// the others were not.
    private func tried(_ candidates: [CompiledMapping], _ allowedKinds: [String]?) -> String {
        let allowed = mappings.filter { allowedKinds?.contains($0.kind) ?? true }
        let otherFormat = allowed.count - candidates.count
        let notAllowed = mappings.count - allowed.count
        var text = "tried \(candidates.count) mapping\(candidates.count == 1 ? "" : "s") of \(mappings.count)"
        var reasons: [String] = []
        if otherFormat > 0 { reasons.append("\(otherFormat) read\(otherFormat == 1 ? "s" : "") XML documents only") }
        if notAllowed > 0 { reasons.append("\(notAllowed) not taken from this source") }
        if !reasons.isEmpty { text += " (" + reasons.joined(separator: ", ") + ")" }
        return text
    }

    /// XML kinds are told apart by file name (there is no header row); a forced kind needs none.
    private func recogniseXML(filename: String, candidates: [CompiledMapping], kindForced: Bool) -> Recognition {
        let fitting = candidates.filter { kindForced || $0.matchesFilename(filename) }
        if fitting.count == 1 { return .matched(fitting[0], fitting[0].xmlBinding()) }
        if fitting.isEmpty {
            let tried = candidates.map { mapping in
                "\(mapping.kind): file name does not match \(mapping.definition.match.filenames.map(\.description).joined(separator: " or "))"
            }
            let issues = [
                RowIssue(
                    line: 0, rule: RuleID.noMappingMatch,
                    message: "no XML mapping recognises this file; tried \(tried.count)")
            ]
            return .rejected(issues + tried.map { RowIssue(line: 0, rule: RuleID.noMappingMatch, message: $0) })
        }
        return .rejected([
            RowIssue(
                line: 0, rule: RuleID.ambiguousMapping,
                message: "several XML mappings fit this file name: \(fitting.map(\.kind).joined(separator: ", "))")
        ])
    }

    private static func likelyDelimiter(_ header: String) -> UInt8? {
        var bytes = Array(header.utf8)
        return bytes.withUnsafeMutableBufferPointer {
            DelimiterSniffer.likelyDelimiter(headerLine: UnsafeBufferPointer($0))
        }
    }

    private static func show(_ delimiter: UInt8) -> String {
        delimiter == 9 ? "\\t" : String(UnicodeScalar(delimiter))
    }
}

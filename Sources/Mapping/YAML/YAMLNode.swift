import Yams

/// A YAML node together with where it came from, for decoding definitions with precise issues.
///
/// Decoders walk a document through these nodes and record every problem in a shared
/// ``YAMLIssueLog`` instead of stopping at the first one, so a lint run reports each mistake.
public struct YAMLNode {
    let node: Node
    /// The shared log that collects issues for the whole document.
    public let log: YAMLIssueLog
    /// Dotted path from the document root, used in messages (`fields.student_id.type`).
    public let path: String

    init(node: Node, log: YAMLIssueLog, path: String) {
        self.node = node
        self.log = log
        self.path = path
    }

    /// Parses `text` as one YAML document; syntax errors are logged and give `nil`.
    public static func parse(_ text: String, log: YAMLIssueLog) -> YAMLNode? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                log.add(line: 0, column: 0, "the file is empty")
                return nil
            }
            return YAMLNode(node: node, log: log, path: "")
        } catch let error as YamlError {
            log.add(error)
            return nil
        } catch {
            log.add(line: 0, column: 0, "cannot parse YAML: \(error)")
            return nil
        }
    }

    /// 1-based line of the node.
    public var line: Int { node.mark?.line ?? 0 }
    /// 1-based column of the node.
    public var column: Int { node.mark?.column ?? 0 }

    /// Records an issue located at this node.
    public func issue(_ message: String) {
        let place = path.isEmpty ? "" : "\(path): "
        log.add(line: line, column: column, place + message)
    }

    /// The scalar text, or `nil` (with an issue) if this is not a scalar.
    public func string() -> String? {
        guard case .scalar(let scalar) = node else {
            issue("expected a text value, found \(kindName)")
            return nil
        }
        return scalar.string
    }

    /// Whether the node is an explicit YAML null (`~`, `null` or empty).
    public var isNull: Bool { node.null != nil }

    /// The integer value, or `nil` (with an issue).
    public func int() -> Int? {
        guard let value = string() else { return nil }
        guard let int = Int(value) else {
            issue("expected a whole number, found '\(value)'")
            return nil
        }
        return int
    }

    /// The boolean value (`true`/`false`, `yes`/`no`), or `nil` (with an issue).
    public func bool() -> Bool? {
        guard let value = string() else { return nil }
        switch value.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            issue("expected true or false, found '\(value)'")
            return nil
        }
    }

    /// A list of texts; a single scalar is accepted as a one-element list.
    public func strings() -> [String]? {
        if case .scalar = node { return string().map { [$0] } }
        guard let items = sequence() else { return nil }
        let values = items.compactMap { $0.string() }
        return values.count == items.count ? values : nil
    }

    /// The items of a sequence, or `nil` (with an issue).
    public func sequence() -> [YAMLNode]? {
        guard case .sequence(let sequence) = node else {
            issue("expected a list, found \(kindName)")
            return nil
        }
        return sequence.enumerated().map { index, item in
            YAMLNode(node: item, log: log, path: "\(path)[\(index)]")
        }
    }

    /// Whether this node is a mapping that has `key`.
    public func hasKey(_ key: String) -> Bool {
        guard case .mapping(let mapping) = node else { return false }
        return mapping.keys.contains { $0.string == key }
    }

    /// Whether this node is a mapping.
    public var isMapping: Bool {
        if case .mapping = node { return true }
        return false
    }

    /// The key/value pairs of a mapping in document order, or `nil` (with an issue).
    public func entries() -> [(key: String, value: YAMLNode)]? {
        guard case .mapping(let mapping) = node else {
            issue("expected a mapping of keys to values, found \(kindName)")
            return nil
        }
        var result: [(key: String, value: YAMLNode)] = []
        for (keyNode, valueNode) in mapping {
            let key = keyNode.string ?? ""
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            result.append((key, YAMLNode(node: valueNode, log: log, path: childPath)))
        }
        return result
    }

    /// The entries of a mapping keyed by name, reporting keys outside `allowed`.
    ///
    /// - Parameter allowed: the keys this mapping may contain; unknown keys are reported with the list.
    public func fields(allowed: [String]) -> [String: YAMLNode]? {
        guard let entries = entries() else { return nil }
        var result: [String: YAMLNode] = [:]
        for (key, value) in entries {
            if !allowed.contains(key) {
                let location = YAMLNode(node: value.node, log: log, path: path)
                location.issue("unknown key '\(key)'; expected one of: \(allowed.joined(separator: ", "))")
                continue
            }
            result[key] = value
        }
        return result
    }

    private var kindName: String {
        switch node {
        case .scalar: return "a text value"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

/// Collects the issues found while decoding one definition file.
///
/// A reference type on purpose: every ``YAMLNode`` of a document shares the same log.
/// It is used by one decoding pass on one thread.
public final class YAMLIssueLog {
    /// The file the issues belong to.
    public let file: String
    /// Issues in the order found.
    public private(set) var issues: [DefinitionIssue] = []

    /// Creates an empty log for `file`.
    public init(file: String) {
        self.file = file
    }

    /// Records an issue at a position.
    public func add(line: Int, column: Int, _ message: String) {
        issues.append(DefinitionIssue(file: file, line: line, column: column, message: message))
    }

    func add(_ error: YamlError) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            add(line: mark.line, column: mark.column, "YAML syntax error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, _):
            add(line: 0, column: 0, "duplicate keys: \(duplicates.joined(separator: ", "))")
        default:
            add(line: 0, column: 0, "YAML error: \(error)")
        }
    }
}

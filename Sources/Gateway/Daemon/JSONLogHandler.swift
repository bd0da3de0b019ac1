import Foundation
import Logging

/// A log handler writing one JSON object per line (`--log-format json`), for log shippers.
///
/// Each line holds the keys of the text format: `timestamp` (ISO 8601, UTC, milliseconds), `level`, `label`,
/// `source`, `message`, and every metadata key as written (`job.id`, `source.id`, …), keys sorted. Metadata values
/// are strings, or arrays and objects for nested metadata. A metadata key named like one of the five fixed keys is
/// overwritten by it. Like the text logs, lines carry ids, counts and hashes only, never personal data.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let write: @Sendable (String) -> Void
    private let now: @Sendable () -> Date

    /// A handler writing to standard error.
    public init(label: String) {
        self.init(
            label: label,
            write: { line in FileHandle.standardError.write(Data(line.utf8)) }, now: { Date() })
    }

    /// A handler writing each line (with its line break) through `write`, stamped with `now` (for tests).
    public init(label: String, write: @escaping @Sendable (String) -> Void, now: @escaping @Sendable () -> Date) {
        self.label = label
        self.write = write
        self.now = now
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let explicit = event.metadata { merged.merge(explicit) { $1 } }
        var object: [String: Any] = merged.mapValues(Self.json)
        object["timestamp"] = now().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        object["level"] = event.level.rawValue
        object["label"] = label
        object["source"] = event.source
        object["message"] = event.message.description
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return }
        write(String(decoding: data, as: UTF8.self) + "\n")
    }

    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let value): value.description
        case .array(let values): values.map(json)
        case .dictionary(let values): values.mapValues(json)
        }
    }
}

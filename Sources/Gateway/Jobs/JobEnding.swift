import Logging
import Store

/// How a handler says its job ended; ``JobTransaction`` turns it into the job's final state, receipt and log.
struct JobEnding {
    /// `done` or `rejected`.
    var state: JobState
    /// The kind recognised (a mapping kind, or `x12-835` and the like).
    var kind: String?
    /// The mapping's version, for mapped files.
    var mappingVersion: Int?
    /// The encoding the file was read with.
    var encoding: String
    /// Header names no field read (shown on the receipt).
    var ignoredColumns: [String] = []
    /// How the file's kind was recognised (`file name and headers`, `headers`), for mapped files.
    var recognisedBy: String?
    /// Why the job was rejected.
    var reason: String?
    /// The log line announcing the end, and what it carries besides the job id and counts (never personal
    /// data).
    var message: Logger.Message
    /// Extra log metadata.
    var metadata: Logger.Metadata = [:]
}

import Values

/// Where the gateway puts outputs and archived files, with stable names.
///
/// Names derive from the job id, so a job redone after a crash overwrites (atomically) the very files
/// its interrupted attempt may have written, and never leaves a second copy.
public struct OutboxLayout: Sendable {
    /// The gateway's paths.
    public let paths: GatewayConfig.Paths

    /// Creates the layout.
    public init(paths: GatewayConfig.Paths) {
        self.paths = paths
    }

    /// `Outbox/<source>/reports/`.
    public func reportsFolder(source: String) -> String {
        paths.outbox + "/" + source + "/reports"
    }

    /// `Outbox/<payer>/<format>/`: claim batches (`837P`, `ndis`).
    public func batchFolder(payer: String, format: String) -> String {
        Self.normalized(paths.outbox + "/" + payer + "/" + format)
    }

    /// `Outbox/<payer>/held/`: batches of a payer that requires review, waiting for `claims release`.
    public func heldFolder(payer: String) -> String {
        Self.normalized(paths.outbox + "/" + payer + "/held")
    }

    /// `Outbox/<payer>/discarded/`: held batches an operator gave up (`claims discard`), kept for the record.
    public func discardedFolder(payer: String) -> String {
        Self.normalized(paths.outbox + "/" + payer + "/discarded")
    }

    /// A path without empty or `.` components (`Outbox//a/./b/` → `Outbox/a/b`), so paths built from
    /// configuration compare equal to the ones the gateway records.
    public static func normalized(_ path: String) -> String {
        let parts = path.split(separator: "/").filter { $0 != "." }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// `Outbox/<payer>/claims/`: claim-build exception reports.
    public func claimReportsFolder(payer: String) -> String {
        paths.outbox + "/" + payer + "/claims"
    }

    /// `Outbox/<payer>/reconciliation/<job>-<name>.<suffix>`: what an 835 paid, per claim and in sum.
    public func reconciliation(payer: String, jobID: Int64, name: String, suffix: String) -> String {
        paths.outbox + "/" + payer + "/reconciliation/\(jobID)-\(Self.safe(name)).\(suffix)"
    }

    /// The receipt of a job.
    public func receipt(source: String, jobID: Int64, name: String) -> String {
        report(source: source, jobID: jobID, name: name, suffix: "receipt.json")
    }

    /// The exception report of a job.
    public func exceptions(source: String, jobID: Int64, name: String) -> String {
        report(source: source, jobID: jobID, name: name, suffix: "exceptions.csv")
    }

    /// A report of a job: `Outbox/<source>/reports/<job>-<name>.<suffix>`.
    public func report(source: String, jobID: Int64, name: String, suffix: String) -> String {
        reportsFolder(source: source) + "/\(jobID)-\(Self.safe(name)).\(suffix)"
    }

    /// `Archive/<source>/<yyyy>/<mm>/<dd>/<job>-<name>`.
    public func archive(source: String, jobID: Int64, name: String, day: Day) -> String {
        let month = day.month < 10 ? "0\(day.month)" : "\(day.month)"
        let date = day.day < 10 ? "0\(day.day)" : "\(day.day)"
        return paths.archive + "/\(source)/\(day.year)/\(month)/\(date)/\(jobID)-\(Self.safe(name))"
    }

    /// A file name reduced to letters, digits, `.`, `-` and `_` (at most 100 characters).
    public static func safe(_ name: String) -> String {
        let cleaned = String(
            name.unicodeScalars.map { scalar -> Character in
                let allowed =
                    scalar.isASCII
                    && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                        || scalar == "." || scalar == "-" || scalar == "_")
                return allowed ? Character(scalar) : "_"
            }.prefix(100))
        return cleaned.isEmpty || cleaned.hasPrefix(".") ? "file" + cleaned : cleaned
    }
}

import Logging

extension WorkProgress {
    /// One line for a terminal:
    /// `job 12 · 340,112 records · 23.4 of 72.0 MB (32%) · 120,500 records/s · 0:41 left`.
    public func line(_ snapshot: Snapshot) -> String {
        var parts = [title, "\(Self.grouped(snapshot.units)) \(unit)"]
        if let totalBytes = snapshot.totalBytes, let fraction = snapshot.fraction {
            parts.append(
                "\(Self.megabytes(snapshot.bytes)) of \(Self.megabytes(totalBytes)) MB (\(Int(fraction * 100))%)")
        }
        parts.append("\(Self.grouped(Int64(snapshot.rate.rounded()))) \(unit)/s")
        if let left = snapshot.secondsLeft { parts.append("\(Self.clock(left)) left") }
        return parts.joined(separator: " · ")
    }

    /// What the daemon logs about it: ids and counts only.
    public func metadata(_ snapshot: Snapshot) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "work": "\(title)", "source.id": "\(source)", "\(unit)": "\(snapshot.units)",
            "rate_per_s": "\(Int(snapshot.rate.rounded()))", "elapsed_s": "\(Int(snapshot.elapsed))",
        ]
        if let jobID { metadata["job.id"] = "\(jobID)" }
        if let fraction = snapshot.fraction {
            metadata["bytes"] = "\(snapshot.bytes)"
            metadata["percent"] = "\(Int(fraction * 100))"
        }
        return metadata
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return value < 0 ? "-" + text : text
    }

    /// Bytes as megabytes with one decimal.
    static func megabytes(_ bytes: Int64) -> String {
        let tenths = (bytes + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Seconds as `m:ss`, or `h:mm:ss` from an hour.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(rest))" : "\(minutes):\(two(rest))"
    }
}

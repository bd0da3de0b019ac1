import Mapping
import Store

/// Counts a job's exceptions as they are recorded, for its ``QualityScore``: exceptions per rule, and loaded rows
/// with warnings.
///
/// A row's exceptions arrive together (readers and validators work row by row), so a row is counted when the next
/// row's first exception arrives: memory stays constant whatever the file's size. File-level issues (line 0)
/// count for their rule only.
struct QualityTally {
    private var ruleCounts: [String: Int] = [:]
    private var warningRows = 0
    private var line = 0
    private var lineHasError = false
    private var lineHasWarning = false

    /// Counts one exception.
    mutating func add(_ issue: RowIssue) {
        ruleCounts[issue.rule, default: 0] += 1
        guard issue.line > 0 else { return }
        if issue.line != line {
            finishLine()
            line = issue.line
        }
        if issue.severity == .error { lineHasError = true } else { lineHasWarning = true }
    }

    /// The score of a job that ended in `state` with `counts`: 0 for a file rejected as a whole.
    func score(counts: LoadCounts, state: JobState) -> QualityScore {
        guard state != .rejected else { return QualityScore(score: 0, worstRules: QualityScore.worst(ruleCounts)) }
        var tally = self
        tally.finishLine()
        return QualityScore(
            rows: counts.read, errorRows: counts.rejected, warningRows: tally.warningRows, ruleCounts: ruleCounts)
    }

    private mutating func finishLine() {
        if lineHasWarning && !lineHasError { warningRows += 1 }
        lineHasError = false
        lineHasWarning = false
    }
}

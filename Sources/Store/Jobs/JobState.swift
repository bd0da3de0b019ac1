/// Where a job is in its life (DESIGN §5).
///
/// `staged → processing → done | rejected | duplicate`; a transient failure moves it to
/// `retryWait` until `next_attempt_at`; after the last attempt it is `dead`.
public enum JobState: String, Sendable, Codable, CaseIterable {
    /// Bytes staged locally and hashed; waiting to be processed.
    case staged
    /// Being processed (a crash leaves it here; it resumes on restart).
    case processing
    /// Waiting for another attempt after a transient failure.
    case retryWait = "retry_wait"
    /// Loaded; rows and exceptions committed.
    case done
    /// Unusable as a whole (unknown kind, bad header, binary, empty); a report says why.
    case rejected
    /// Same bytes as an earlier job of the same source; nothing loaded.
    case duplicate
    /// Transient failures exhausted the attempts.
    case dead

    /// Whether the job has reached an end state.
    public var isTerminal: Bool {
        switch self {
        case .done, .rejected, .duplicate, .dead: return true
        case .staged, .processing, .retryWait: return false
        }
    }
}

/// Where a claim batch is in its life, as recorded (the text is stored as is).
public enum BatchState: String, Sendable, Codable, CaseIterable {
    /// Recorded, its file not yet written.
    case writing
    /// Its file written to the payer's held folder, waiting for an operator to release or discard it.
    case awaitingReview = "awaiting-review"
    /// Its file written to the outbox.
    case built
    /// Delivered to the payer.
    case submitted
    /// Every claim acknowledged and none rejected.
    case accepted
    /// Some claims accepted, some rejected.
    case partiallyAccepted = "partially-accepted"
    /// Every claim rejected.
    case rejected
    /// Given up by an operator while awaiting review: its services are billable again, its number stays used.
    case discarded
}

/// Where a claim batch is in its life, as recorded (the text is stored as is).
public enum BatchState: String, Sendable, Codable, CaseIterable {
    /// Recorded, its file not yet written.
    case writing
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
}

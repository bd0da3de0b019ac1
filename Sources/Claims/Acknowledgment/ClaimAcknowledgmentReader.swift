import Formats

/// A streaming 277CA reader (005010X214): fed segments, it reports each claim (loop 2200D) with its STC
/// statuses and payer claim number, and the statuses of the information receiver and billing provider levels.
///
/// Envelope counts are not checked here (see ``X12EnvelopeValidator``); segments outside ST..SE are ignored.
public struct ClaimAcknowledgmentReader: Sendable {
    private var state: State?

    /// Creates a reader.
    public init() {}

    /// Reads one segment, calling `emit` at the end of each claim and each level that carries statuses.
    ///
    /// - Throws: ``X12Error`` located at the segment for a missing required element, an amount that is not one, a
    ///   segment out of place or a set that is no 277; or what `emit` throws.
    public mutating func read(_ segment: X12Segment, _ emit: (ClaimAcknowledgmentEvent) throws -> Void) throws {
        switch segment.id {
        case "ST":
            if let state { throw segment.failure("ST inside transaction set \(state.controlNumber): SE is missing") }
            guard segment.element(1) == "277" else { throw segment.failure("ST01 '\(segment.element(1))' is not 277") }
            state = State(controlNumber: segment.element(2), position: segment.position)
        case "SE":
            guard var state else { return }
            self.state = nil
            try state.close(emit)
        default:
            try state?.read(segment, emit)
        }
    }

    /// Ends the input.
    ///
    /// - Throws: ``X12Error`` when a transaction set has no SE.
    public func finish() throws(X12Error) {
        if let state {
            throw X12Error(
                segment: state.position, segmentID: "ST",
                message: "the file ends inside transaction set \(state.controlNumber): SE is missing")
        }
    }
}

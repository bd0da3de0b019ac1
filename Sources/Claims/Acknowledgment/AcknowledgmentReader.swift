import Formats

/// A streaming 999 reader (005010X231A1): fed segments, it reports one ``FunctionalAcknowledgment`` per 999
/// transaction set, with the AK9 counts checked against the IK5 results.
///
/// Envelope counts are not checked here (see ``X12EnvelopeValidator``); segments outside ST..SE are ignored.
public struct AcknowledgmentReader: Sendable {
    private var state: State?
    private var elementIssues: [ElementIssue] = []

    /// Creates a reader.
    public init() {}

    /// Reads one segment, calling `emit` at the end of each 999 transaction set.
    ///
    /// - Throws: ``X12Error`` located at the segment for an unknown code, a missing required element or segment,
    ///   or a segment out of place, or (with its rule id) a code or length the guide does not allow in AK901 or
    ///   IK501 (``X12ElementChecker/acknowledgment``); or what `emit` throws. Element warnings travel with the
    ///   next acknowledgment emitted (those of a GE or IEA after the last one are the envelope check's).
    public mutating func read(_ segment: X12Segment, _ emit: (FunctionalAcknowledgment) throws -> Void) throws {
        elementIssues += try X12ElementChecker.acknowledgment.enforce(segment)
        switch segment.id {
        case "ST":
            if let state { throw segment.failure("ST inside transaction set \(state.controlNumber): SE is missing") }
            guard segment.element(1) == "999" else { throw segment.failure("ST01 '\(segment.element(1))' is not 999") }
            state = State(controlNumber: segment.element(2), position: segment.position)
        case "SE":
            guard let state else { return }
            self.state = nil
            var acknowledgment = try state.acknowledgment(at: segment)
            (acknowledgment.elementIssues, elementIssues) = (elementIssues, [])
            try emit(acknowledgment)
        default:
            try state?.read(segment)
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

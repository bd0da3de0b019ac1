import Formats

/// A streaming 835 reader (005010X221A1): fed segments, it reports each transaction set's header, its claims one
/// at a time, failed balance checks and the set's totals.
///
/// Memory stays constant whatever the number of claims: only the claim being read and running sums are kept.
/// Envelope counts are not checked here (see ``X12EnvelopeValidator``); segments outside ST..SE are ignored.
public struct RemittanceReader: Sendable {
    private var set = SetState(
        identity: RemittanceSetIdentity(ordinal: 0, interchangeControl: "", groupControl: "", setControl: ""),
        position: 0)
    private var isOpen = false
    private var interchangeControl = ""
    private var groupControl = ""
    private var sets = 0

    /// Creates a reader.
    public init() {}

    /// Reads one segment, calling `emit` for what it completes.
    ///
    /// - Throws: ``X12Error`` located at the segment for a malformed amount, an unknown code, a missing required
    ///   element or a segment out of place, or (with its rule id) a code or length the guide does not allow in
    ///   an element DropGate acts on (``X12ElementChecker/remittance``); or what `emit` throws.
    public mutating func read(_ segment: X12Segment, _ emit: (RemittanceEvent) throws -> Void) throws {
        for issue in try X12ElementChecker.remittance.enforce(segment) { try emit(.element(issue)) }
        if segment.hasID("ISA") {
            interchangeControl = segment.element(13)
            groupControl = ""
        } else if segment.hasID("GS") {
            groupControl = segment.element(6)
        }
        if segment.hasID("ST") {
            if isOpen { throw segment.failure("ST inside transaction set \(set.controlNumber): SE is missing") }
            guard segment.element(1) == "835" else { throw segment.failure("ST01 '\(segment.element(1))' is not 835") }
            sets += 1
            set = SetState(
                identity: RemittanceSetIdentity(
                    ordinal: sets, interchangeControl: interchangeControl, groupControl: groupControl,
                    setControl: segment.element(2)),
                position: segment.position)
            isOpen = true
            return
        }
        guard isOpen else { return }
        try set.read(segment, emit)
        if segment.hasID("SE") { isOpen = false }
    }

    /// Ends the input.
    ///
    /// - Throws: ``X12Error`` when a transaction set has no SE.
    public func finish() throws(X12Error) {
        if isOpen {
            throw X12Error(
                segment: set.position, segmentID: "ST",
                message: "the file ends inside transaction set \(set.controlNumber): SE is missing")
        }
    }
}

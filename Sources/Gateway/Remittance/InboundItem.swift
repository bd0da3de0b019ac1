import Claims
import Formats

/// What the reading thread hands the applying one.
enum InboundItem: Sendable {
    /// The interchange's kind, known after its first transaction header.
    case kind(X12TransactionKind)
    /// The sender and receiver of an interchange or group, before anything inside it.
    case parties(EnvelopeParties)
    /// An event of the 835 reader.
    case remittance(RemittanceEvent)
    /// One functional group's 999.
    case functional(FunctionalAcknowledgment)
    /// An event of the 277CA reader.
    case claimAcknowledgment(ClaimAcknowledgmentEvent)
    /// A TA1.
    case interchange(InterchangeAcknowledgment)
    /// Every envelope problem, sent last.
    case envelope([X12Error])
}

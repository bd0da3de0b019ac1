import Formats
import Foundation

/// Who an interchange (ISA06/ISA08) or functional group (GS02/GS03) says it is from and to: checked against the
/// payer profile before anything in it is applied.
struct EnvelopeParties: Sendable {
    /// `ISA` or `GS`.
    var segmentID: String
    /// Position of the segment.
    var position: Int
    /// ISA06 or GS02, spaces trimmed.
    var sender: String
    /// ISA08 or GS03, spaces trimmed.
    var receiver: String

    /// The parties of an ISA or GS segment; `nil` for any other segment.
    init?(_ segment: X12Segment) {
        let trimmed = { (text: String) in text.trimmingCharacters(in: .whitespaces) }
        if segment.hasID("ISA") {
            segmentID = "ISA"
            sender = trimmed(segment.element(6))
            receiver = trimmed(segment.element(8))
        } else if segment.hasID("GS") {
            segmentID = "GS"
            sender = trimmed(segment.element(2))
            receiver = trimmed(segment.element(3))
        } else {
            return nil
        }
        position = segment.position
    }

    /// The names of its sender and receiver elements.
    var elements: (sender: String, receiver: String) {
        segmentID == "ISA" ? ("ISA06", "ISA08") : ("GS02", "GS03")
    }
}

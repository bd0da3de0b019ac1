import Formats

/// A TA1 interchange acknowledgment: the receiver's verdict on one interchange envelope.
public struct InterchangeAcknowledgment: Sendable, Equatable {
    /// TA104 acknowledgment code.
    public enum Code: String, Sendable, CaseIterable {
        /// `A` accepted, no errors.
        case accepted = "A"
        /// `E` accepted, errors noted.
        case acceptedWithErrors = "E"
        /// `R` rejected: the interchange was not processed.
        case rejected = "R"
    }

    /// Position of the TA1 segment.
    public var position: Int
    /// TA101 the acknowledged interchange's ISA13.
    public var controlNumber: String
    /// TA102 interchange date (YYMMDD).
    public var date: String
    /// TA103 interchange time (HHMM).
    public var time: String
    /// TA104 verdict.
    public var code: Code
    /// TA105 note code (three digits; `000` no error).
    public var noteCode: String
    /// Elements outside their code list or length limits (warnings; an invalid TA104 is thrown).
    public var elementIssues: [ElementIssue] = []

    /// Creates an acknowledgment.
    public init(position: Int, controlNumber: String, date: String, time: String, code: Code, noteCode: String) {
        self.position = position
        self.controlNumber = controlNumber
        self.date = date
        self.time = time
        self.code = code
        self.noteCode = noteCode
    }

    /// Reads a TA1 segment.
    ///
    /// - Throws: ``X12Error`` located at the segment when it is not a TA1, an element is missing, or TA104 is not
    ///   `A`, `E` or `R` (rule `ta1-code-invalid`).
    public init(_ segment: X12Segment) throws(X12Error) {
        guard segment.hasID("TA1") else { throw segment.failure("expected a TA1 segment") }
        let elementIssues = try X12ElementChecker.interchangeAcknowledgment.enforce(segment)
        let text = segment.element(4)
        guard let code = Code(rawValue: text) else { throw segment.failure("TA104 '\(text)' is not A, E or R") }
        self.init(
            position: segment.position, controlNumber: try segment.required(1), date: try segment.required(2),
            time: try segment.required(3), code: code, noteCode: try segment.required(5))
        self.elementIssues = elementIssues
    }

    /// TA105 in words for the common codes, the code itself otherwise.
    public var note: String { Self.notes[noteCode] ?? "note code \(noteCode)" }

    private static let notes: [String: String] = [
        "000": "no error",
        "001": "ISA13 and IEA02 differ (the header value is acknowledged)",
        "002": "the control standard in ISA is not supported",
        "003": "this version of the controls is not supported",
        "004": "invalid segment terminator",
        "005": "invalid sender id qualifier",
        "006": "invalid sender id",
        "007": "invalid receiver id qualifier",
        "008": "invalid receiver id",
        "009": "unknown receiver id",
        "014": "invalid interchange date",
        "015": "invalid interchange time",
        "018": "invalid interchange control number",
        "020": "invalid test indicator",
        "021": "IEA01 (number of groups) is invalid",
        "022": "invalid control structure",
        "023": "the transmission ended early (premature end of file)",
        "024": "invalid interchange content (for example a bad GS)",
        "025": "duplicate interchange control number",
        "026": "invalid element separator",
        "027": "invalid component separator",
    ]
}

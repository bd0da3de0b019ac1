/// Checks the envelopes of an X12 interchange, fed segment by segment.
///
/// ISA13 = IEA02, IEA01 = number of GS, GS06 = GE02, GE01 = number of ST, ST02 = SE02, SE01 = segments from ST to
/// SE inclusive, control numbers unique within their envelope, and the nesting ISA > GS > ST (a TA1 may sit
/// directly in the interchange). Several interchanges may follow one another. Each problem is an ``X12Error``
/// located by the segment where it is seen; ``finish()`` reports envelopes the input never closed.
public struct X12EnvelopeValidator: Sendable {
    /// The problems found so far, in input order (at most `maxProblems`).
    public private(set) var problems: [X12Error] = []
    private let maxProblems: Int
    private var interchange: Envelope?
    private var group: Envelope?
    private var set: Envelope?
    private var groupControls: Set<String> = []
    private var setControls: Set<String> = []
    private var lastPosition = 0
    private var sawISA = false

    /// An open envelope: where it started, its control number and what it has counted so far.
    private struct Envelope: Sendable {
        var position: Int
        var control: String
        var count = 0
    }

    /// Creates a validator that keeps at most `maxProblems` problems (a broken file repeats the same one).
    public init(maxProblems: Int = 1000) {
        self.maxProblems = maxProblems
    }

    /// Checks one segment.
    public mutating func check(_ segment: X12Segment) {
        lastPosition = segment.position
        if set != nil { set?.count += 1 }
        switch segment.id {
        case "ISA": openInterchange(segment)
        case "IEA": closeInterchange(segment)
        case "GS": openGroup(segment)
        case "GE": closeGroup(segment)
        case "ST": openSet(segment)
        case "SE": closeSet(segment)
        case "TA1":
            if interchange == nil || group != nil {
                report(segment, "TA1 must sit directly inside an interchange, outside any functional group")
            }
        default:
            if set == nil {
                report(segment, "segment outside a transaction set (ST..SE)")
            }
        }
    }

    /// Ends the input, reporting envelopes left open.
    public mutating func finish() {
        let end = lastPosition + 1
        if let set {
            add(X12Error(segment: end, segmentID: "SE", message: missing("SE", "transaction set", set)))
        }
        if let group {
            add(X12Error(segment: end, segmentID: "GE", message: missing("GE", "functional group", group)))
        }
        if let interchange {
            add(X12Error(segment: end, segmentID: "IEA", message: missing("IEA", "interchange", interchange)))
        }
        if !sawISA {
            add(X12Error(segment: 1, segmentID: "", message: "the input holds no ISA interchange header"))
        }
        set = nil
        group = nil
        interchange = nil
    }

    private func missing(_ trailer: String, _ name: String, _ envelope: Envelope) -> String {
        "the file ends without the \(trailer) of \(name) \(envelope.control) (opened at segment \(envelope.position))"
    }

    private mutating func openInterchange(_ segment: X12Segment) {
        if interchange != nil {
            closeOpenSetAndGroup(segment)
            report(segment, "ISA inside an interchange: the IEA of the previous one is missing")
        }
        sawISA = true
        interchange = Envelope(position: segment.position, control: segment.element(13))
        groupControls = []
    }

    private mutating func closeInterchange(_ segment: X12Segment) {
        closeOpenSetAndGroup(segment)
        guard let interchange else {
            report(segment, "IEA without an ISA")
            return
        }
        expectCount(segment, "IEA01", "functional groups", interchange.count)
        if segment.element(2) != interchange.control {
            report(segment, "IEA02 \(segment.element(2)) does not match ISA13 \(interchange.control)")
        }
        self.interchange = nil
    }

    private mutating func openGroup(_ segment: X12Segment) {
        if set != nil {
            report(segment, "GS inside a transaction set: the SE of set \(set?.control ?? "") is missing")
            set = nil
        }
        if let group {
            report(segment, "GS inside a functional group: the GE of group \(group.control) is missing")
        }
        if interchange == nil {
            report(segment, "GS outside an interchange (no ISA before it)")
        }
        interchange?.count += 1
        let control = segment.element(6)
        if !groupControls.insert(control).inserted {
            report(segment, "GS06 \(control) is not unique within the interchange")
        }
        group = Envelope(position: segment.position, control: control)
        setControls = []
    }

    private mutating func closeGroup(_ segment: X12Segment) {
        if let set {
            report(segment, "GE inside a transaction set: the SE of set \(set.control) is missing")
            self.set = nil
        }
        guard let group else {
            report(segment, "GE without a GS")
            return
        }
        expectCount(segment, "GE01", "transaction sets", group.count)
        if segment.element(2) != group.control {
            report(segment, "GE02 \(segment.element(2)) does not match GS06 \(group.control)")
        }
        self.group = nil
    }

    private mutating func openSet(_ segment: X12Segment) {
        if let set {
            report(segment, "ST inside a transaction set: the SE of set \(set.control) is missing")
        }
        if group == nil {
            report(segment, "ST outside a functional group (no GS before it)")
        }
        group?.count += 1
        let control = segment.element(2)
        if !setControls.insert(control).inserted {
            report(segment, "ST02 \(control) is not unique within the functional group")
        }
        set = Envelope(position: segment.position, control: control, count: 1)
    }

    private mutating func closeSet(_ segment: X12Segment) {
        guard let set else {
            report(segment, "SE without an ST")
            return
        }
        expectCount(segment, "SE01", "segments from ST to SE", set.count)
        if segment.element(2) != set.control {
            report(segment, "SE02 \(segment.element(2)) does not match ST02 \(set.control)")
        }
        self.set = nil
    }

    /// At IEA: a set or group still open lacks its trailer.
    private mutating func closeOpenSetAndGroup(_ segment: X12Segment) {
        if let set {
            report(segment, "\(segment.id) inside a transaction set: the SE of set \(set.control) is missing")
            self.set = nil
        }
        if let group {
            report(segment, "\(segment.id) inside a functional group: the GE of group \(group.control) is missing")
            self.group = nil
        }
    }

    private mutating func expectCount(_ segment: X12Segment, _ name: String, _ what: String, _ actual: Int) {
        let text = segment.element(1)
        if Int(text) != actual {
            report(segment, "\(name) is \(text.isEmpty ? "empty" : text) but there are \(actual) \(what)")
        }
    }

    private mutating func report(_ segment: X12Segment, _ message: String) {
        add(X12Error(segment: segment.position, segmentID: segment.id, message: message))
    }

    private mutating func add(_ problem: X12Error) {
        if problems.count < maxProblems { problems.append(problem) }
    }
}

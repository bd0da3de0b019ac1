import Formats

extension AcknowledgmentReader {
    /// One open 999 transaction set.
    struct State: Sendable {
        let controlNumber: String
        let position: Int
        private var group: (functionalID: String, control: String, version: String)?
        private var sets: [SetAcknowledgment] = []
        private var set: (position: Int, id: String, control: String, version: String)?
        private var segmentErrors: [SegmentError] = []
        private var summary: (segment: X12Segment, result: AcknowledgmentCode, counts: [Int])?

        init(controlNumber: String, position: Int) {
            self.controlNumber = controlNumber
            self.position = position
        }

        mutating func read(_ segment: X12Segment) throws(X12Error) {
            switch segment.id {
            case "AK1":
                group = (try segment.required(1), try segment.required(2), segment.element(3))
            case "AK2":
                if let set { throw segment.failure("AK2 before the IK5 of set \(set.control)") }
                set = (segment.position, try segment.required(1), try segment.required(2), segment.element(3))
                segmentErrors = []
            case "IK3":
                guard set != nil else { throw segment.failure("IK3 outside an AK2 loop") }
                segmentErrors.append(
                    SegmentError(
                        segmentID: try segment.required(1), position: try segment.count(2), loopID: segment.element(3),
                        code: segment.element(4)))
            case "IK4":
                guard set != nil, !segmentErrors.isEmpty else { throw segment.failure("IK4 without an IK3") }
                segmentErrors[segmentErrors.count - 1].elementErrors.append(try Self.elementError(segment))
            case "CTX":
                addContext(try Self.context(segment))
            case "IK5":
                guard let set else { throw segment.failure("IK5 outside an AK2 loop") }
                sets.append(
                    SetAcknowledgment(
                        position: set.position, transactionSetID: set.id, controlNumber: set.control,
                        version: set.version, segmentErrors: segmentErrors, result: try Self.code(segment, set: true),
                        errorCodes: Self.codes(segment, from: 2, through: 6)))
                self.set = nil
                segmentErrors = []
            case "AK9":
                let result = try Self.code(segment, set: false)
                summary = (segment, result, [try segment.count(2), try segment.count(3), try segment.count(4)])
            default: break
            }
        }

        private mutating func addContext(_ context: ErrorContext) {
            guard set != nil, !segmentErrors.isEmpty else { return }
            let last = segmentErrors.count - 1
            if segmentErrors[last].elementErrors.isEmpty {
                segmentErrors[last].context.append(context)
            } else {
                segmentErrors[last].elementErrors[segmentErrors[last].elementErrors.count - 1].context.append(context)
            }
        }

        /// The acknowledgment, at the 999's SE.
        ///
        /// - Throws: ``X12Error`` located at the SE when AK1 or AK9 is missing or an AK2 loop has no IK5.
        func acknowledgment(at segment: X12Segment) throws(X12Error) -> FunctionalAcknowledgment {
            guard let group else { throw segment.failure("the 999 has no AK1") }
            if let set { throw segment.failure("the AK2 loop of set \(set.control) has no IK5") }
            guard let summary else { throw segment.failure("the 999 has no AK9") }
            return FunctionalAcknowledgment(
                controlNumber: controlNumber, functionalID: group.functionalID, groupControlNumber: group.control,
                version: group.version, sets: sets, groupResult: summary.result, included: summary.counts[0],
                received: summary.counts[1], accepted: summary.counts[2],
                groupErrorCodes: Self.codes(summary.segment, from: 5, through: 9),
                issues: Self.issues(sets: sets, summary.segment, summary.result, summary.counts))
        }
    }
}

import Formats

extension AcknowledgmentReader.State {
    /// The AK9 consistency checks (x12.md §5): counts in order, AK904 against the IK5 results, AK901 against AK904.
    static func issues(
        sets: [SetAcknowledgment], _ ak9: X12Segment, _ result: AcknowledgmentCode, _ counts: [Int]
    ) -> [AcknowledgmentIssue] {
        let (included, received, accepted) = (counts[0], counts[1], counts[2])
        var issues: [AcknowledgmentIssue] = []
        if !(accepted <= received && received <= included) {
            issues.append(
                AcknowledgmentIssue(
                    rule: .countOrder, segment: ak9.position,
                    message: "accepted \(accepted) ≤ received \(received) ≤ included \(included) does not hold"))
        }
        let acceptedSets = sets.count { $0.result.isAccepted }
        if accepted != acceptedSets {
            issues.append(
                AcknowledgmentIssue(
                    rule: .acceptedCount, segment: ak9.position,
                    message: "AK904 says \(accepted) sets accepted but \(acceptedSets) IK5 segments are A or E"))
        }
        let expected: String
        let consistent: Bool
        if accepted == 0 {
            (expected, consistent) = ("R (or M, W, X): no set was accepted", result.isRejected)
        } else if accepted >= included {
            (expected, consistent) = ("A or E: every set was accepted", result.isAccepted)
        } else {
            (expected, consistent) = ("P: \(accepted) of \(included) sets were accepted", result == .partiallyAccepted)
        }
        if !consistent {
            issues.append(
                AcknowledgmentIssue(
                    rule: .groupResult, segment: ak9.position,
                    message: "AK901 is \(result.rawValue), expected \(expected)"
                ))
        }
        return issues
    }

    /// IK501 or AK901 (`P` only in AK901).
    static func code(_ segment: X12Segment, set: Bool) throws(X12Error) -> AcknowledgmentCode {
        let text = segment.element(1)
        guard let code = AcknowledgmentCode(rawValue: text), !(set && code == .partiallyAccepted) else {
            throw segment.failure("\(segment.name(1)) '\(text)' is not an acknowledgment code")
        }
        return code
    }

    /// The non-empty elements `from` through `through` (the trailing error codes of IK5 and AK9).
    static func codes(_ segment: X12Segment, from: Int, through: Int) -> [String] {
        (from...through).map { segment.element($0) }.filter { !$0.isEmpty }
    }

    /// IK4: position composite, reference, code, bad value.
    static func elementError(_ segment: X12Segment) throws(X12Error) -> ElementError {
        guard let position = Int(segment.component(1, 1)) else {
            throw segment.failure("IK401 '\(segment.element(1))' has no element position")
        }
        return ElementError(
            position: position, componentPosition: Int(segment.component(1, 2)),
            repetitionPosition: Int(segment.component(1, 3)), reference: segment.element(2),
            code: try segment.required(3), badValue: segment.element(4))
    }

    /// CTX: context name and reference, segment id, position, loop id.
    static func context(_ segment: X12Segment) throws(X12Error) -> ErrorContext {
        _ = try segment.required(1)
        return ErrorContext(
            name: segment.component(1, 1), reference: segment.component(1, 2),
            segmentID: segment.element(2), segmentPosition: Int(segment.element(3)), loopID: segment.element(4))
    }
}

import Claims
import Mapping
import Store

extension InboundHandler {
    /// Applies one event of the 277CA reader (005010X214): each STC is recorded; a claim the payer accepted into
    /// adjudication becomes `accepted-by-payer`, a rejected one `rejected-by-payer` with its services billable
    /// again; a claim already adjudicated by an 835 keeps its state.
    mutating func apply(_ event: ClaimAcknowledgmentEvent) throws {
        switch event {
        case .level(let level):
            for status in level.statuses {
                sequence += 1
                try session.recordClaimStatus(
                    sequence: sequence, payer: profile.id, level: level.level.rawValue, pcn: nil, claimID: nil,
                    payerClaimNumber: nil, status)
            }
            if level.isRejected {
                acknowledgmentIssues.append(
                    RowIssue(
                        line: level.position, rule: "277-level-rejected",
                        message:
                            "the 277CA rejects at the \(level.level.rawValue) level: "
                            + level.statuses.map(\.text).joined(separator: "; ")))
            }
        case .claim(let claim):
            try apply(claim)
        }
    }

    private mutating func apply(_ claim: AcknowledgedClaim) throws {
        acknowledgmentCounts.read += 1
        let pcn = claim.patientControlNumber
        let found = try session.sentClaim(payer: profile.id, pcn: pcn)
        let payerClaimNumber = claim.payerClaimNumber.isEmpty ? nil : claim.payerClaimNumber
        for (level, statuses) in [("claim", claim.statuses), ("line", claim.lineStatuses)] {
            for status in statuses {
                sequence += 1
                try session.recordClaimStatus(
                    sequence: sequence, payer: profile.id, level: level, pcn: pcn, claimID: found?.id,
                    payerClaimNumber: payerClaimNumber, status)
            }
        }
        let codes = (claim.statuses + claim.lineStatuses).map(\.text).joined(separator: "; ")
        guard let found else {
            acknowledgmentCounts.rejected += 1
            acknowledgmentIssues.append(
                RowIssue(
                    line: claim.position, rule: "277-unmatched-claim", severity: .warning,
                    message: "TRN02 \(pcn) matches no claim sent to \(profile.id)", value: pcn))
            return
        }
        let verdict = claim.verdict
        guard verdict != .unknown else {
            acknowledgmentCounts.unchanged += 1
            acknowledgmentIssues.append(
                RowIssue(
                    line: claim.position, rule: "277-unknown-status", severity: .warning,
                    message:
                        "claim \(pcn) is left \(found.status.rawValue): the 277CA's statuses are not known (\(codes))",
                    value: pcn))
            return
        }
        let accepted = verdict == .accepted
        let after = try session.acknowledgeClaim(
            claimID: found.id, accepted: accepted, payerClaimNumber: payerClaimNumber)
        guard after != found.status else {
            acknowledgmentCounts.unchanged += 1
            if found.status.isRejected, accepted {
                acknowledgmentIssues.append(
                    RowIssue(
                        line: claim.position, rule: "277-claim-not-live", severity: .warning,
                        message:
                            "the 277CA accepts claim \(pcn), which is \(found.status.rawValue): it stays rejected; check whether it was sent again",
                        value: pcn))
            }
            return
        }
        acknowledgedBatches.count(batchID: found.batchID, accepted: accepted)
        if accepted {
            acknowledgmentCounts.updated += 1
        } else {
            acknowledgmentCounts.rejected += 1
            acknowledgmentIssues.append(
                RowIssue(
                    line: claim.position, rule: "277-claim-rejected", severity: .warning,
                    message:
                        "the payer rejected claim \(pcn) before adjudication: \(codes); correct it and build again",
                    value: pcn))
        }
    }

    /// Settles the state of every batch the 277CA answered claims of.
    func settleAcknowledgedBatches() throws {
        for (batchID, tally) in acknowledgedBatches.tallies.sorted(by: { $0.key < $1.key }) {
            try session.settleBatch(
                batchID: batchID,
                acknowledgment: "277CA: \(tally.accepted) claims accepted, \(tally.rejected) rejected")
        }
    }
}

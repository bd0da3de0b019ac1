import Foundation
import PayerSimulator
import TestThreads
import Testing

@testable import Gateway
@testable import Store

/// A payer's answers to a batch (999, 277CA, 835) arrive in any order: the books must come out the same, and
/// what the claims are paid must equal what was remitted, to the cent (issue 12, item 4).
@Suite(.blocking) struct AnswerOrderTests {
    /// The claims and money after the whole loop, batch 2's answers taken in `order`.
    struct Outcome: Equatable, CustomStringConvertible {
        /// Each claim: id, frequency, status, paid cents.
        var claims: [[String]]
        /// Σ CLP04 of every claim payment applied.
        var remittedCents: Int64
        /// Σ paid on the claims.
        var paidCents: Int64

        var description: String { "claims \(claims), remitted \(remittedCents), paid \(paidCents)" }
    }

    /// Bills three claims, applies the payer's answers, replaces the paid claim and voids the partly paid one,
    /// and applies the answers to the correction batch in `order` (indices into the files the payer writes; `nil`:
    /// as written). Returns the outcome and how many answers the payer wrote.
    static func loop(order: [Int]?) throws -> (Outcome, answers: Int) {
        let workspace = try RemittanceTests.workspace()
        let (gateway, first) = try RemittanceTests.built(workspace)
        #expect(first.claims == 3)
        _ = try gateway.simulatePayer(payer: "lea-bop")
        #expect(gateway.runPass().allSatisfy { $0.state == .done })
        let status = { (state: String) in
            try #require(
                try gateway.ledger.dump(sql: "SELECT id FROM claims WHERE status = '\(state)'").first?.first.flatMap {
                    Int64($0)
                })
        }
        try gateway.requestCorrection(claimID: try status("paid"), void: false)
        try gateway.requestCorrection(claimID: try status("partial"), void: true)
        let corrections = try gateway.buildClaims(payer: "lea-bop")
        #expect(corrections.corrections == 2)
        let answers = try gateway.simulatePayer(
            payer: "lea-bop", batchID: corrections.batchID, claimAcknowledgment: true)
        let held = workspace.root + "/answers"
        try FileManager.default.createDirectory(atPath: held, withIntermediateDirectories: true)
        let files = try answers.map { path in
            let target = held + "/" + (path as NSString).lastPathComponent
            try FileManager.default.moveItem(atPath: path, toPath: target)
            return target
        }
        let order = order ?? Array(files.indices)
        #expect(order.sorted() == Array(files.indices), "an order of every answer: \(files)")
        for index in order {
            let job = try gateway.ingest(path: files[index], source: "lea-bop-inbox")
            #expect(job.state == .done, "\(files[index]): \(job.lastError ?? "")")
        }
        let claims = try gateway.ledger.dump(
            sql: "SELECT id, frequency, status, COALESCE(CAST(paid_cents AS TEXT), '') FROM claims ORDER BY id")
        // What the 835s paid claim by claim (CLP04 of every claim payment applied; BPR02 also nets the PLB).
        let remitted = try gateway.ledger.dump(
            sql: """
                SELECT COALESCE(SUM(paid_cents), 0) FROM remittance_claims
                WHERE classification IN ('paid', 'partial', 'denied', 'reversed', 'corrected')
                """)
        let paid = try gateway.ledger.dump(sql: "SELECT COALESCE(SUM(paid_cents), 0) FROM claims")
        let outcome = Outcome(
            claims: claims, remittedCents: Int64(remitted.first?.first ?? "") ?? -1,
            paidCents: Int64(paid.first?.first ?? "") ?? -1)
        return (outcome, files.count)
    }

    /// Every ordering of `0..<count`.
    static func permutations(_ count: Int) -> [[Int]] {
        guard count > 1 else { return [Array(0..<count)] }
        return permutations(count - 1).flatMap { shorter in
            (0...shorter.count).map { position in
                var order = shorter
                order.insert(count - 1, at: position)
                return order
            }
        }
    }

    @Test func everyArrivalOrderLeavesTheSameBooksAndPaidEqualsRemitted() throws {
        let (natural, answers) = try Self.loop(order: nil)
        #expect(answers == 3, "a 999, a 277CA and an 835")
        #expect(natural.paidCents == natural.remittedCents, "\(natural)")
        let statuses = Dictionary(grouping: natural.claims, by: { $0[2] }).mapValues(\.count)
        #expect(statuses["replaced"] == 1 && statuses["voided"] == 1, "\(natural)")
        for order in Self.permutations(answers) where order != Array(0..<answers) {
            let (outcome, _) = try Self.loop(order: order)
            #expect(outcome == natural, "order \(order)")
        }
    }
}

import Claims
import Foundation
import TestThreads
import Testing
import Values

@testable import Store

/// The review states of a claim batch: held when written, then released or discarded once, never both.
@Suite(.blocking) struct ClaimReviewTests {
    let ledger: Ledger

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("review-\(UUID().uuidString)").path
        ledger = try Ledger(path: folder + "/dropgate.sqlite")
    }

    func batch(_ control: Int, held: Bool) throws -> Int64 {
        let id = try ledger.claims.buildClaims { session in
            try session.createBatch(
                payer: "p", format: .x12_837P, controlNumber: control, file: "/out/p/held/p-\(control).x12",
                createdAt: Date())
        }
        try ledger.claims.markBatchWritten(id: id, sha256: "abc", bytes: 10, held: held)
        return id
    }

    func state(_ id: Int64) throws -> BatchState? { try ledger.claims.claimBatch(id: id)?.state }

    func refusal(_ body: () throws -> Void) -> StoreError? {
        do {
            try body()
            return nil
        } catch {
            return error as? StoreError
        }
    }

    @Test func aHeldBatchIsReleasedOnceWithWhoAndWhen() throws {
        let id = try batch(1, held: true)
        #expect(try state(id) == .awaitingReview)
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        try ledger.claims.releaseHeldBatch(id: id, file: "/out/p/837P/p-1.x12", by: "ann", now: at)
        let released = try #require(try ledger.claims.claimBatch(id: id))
        #expect(released.state == .built && released.file == "/out/p/837P/p-1.x12")
        #expect(released.releasedBy == "ann" && released.releasedAt == "2027-01-15T08:00:00Z")
        #expect(released.discardedBy == nil)
        #expect(try ledger.claims.builtBatchFiles() == ["/out/p/837P/p-1.x12"])

        let again = refusal { try ledger.claims.releaseHeldBatch(id: id, file: "/x", by: "bob") }
        #expect(again?.code == .invalidTransition)
        #expect(again?.message == "batch \(id) is built: only a batch awaiting review can be released")
        let discard = refusal { try ledger.claims.discardHeldBatch(id: id, file: "/x", by: "bob") }
        #expect(discard?.message == "batch \(id) is built: only a batch awaiting review can be discarded")
        #expect(try ledger.claims.claimBatch(id: id)?.releasedBy == "ann")
    }

    @Test func aHeldBatchIsDiscardedOnceAndCannotBeReleasedAfter() throws {
        let id = try batch(2, held: true)
        try ledger.claims.discardHeldBatch(id: id, file: "/out/p/discarded/p-2.x12", by: "bob")
        let discarded = try #require(try ledger.claims.claimBatch(id: id))
        #expect(discarded.state == .discarded && discarded.discardedBy == "bob" && discarded.discardedAt != nil)
        #expect(discarded.file == "/out/p/discarded/p-2.x12" && discarded.releasedBy == nil)
        #expect(
            refusal { try ledger.claims.releaseHeldBatch(id: id, file: "/x", by: "ann") }?.code == .invalidTransition)
        #expect(
            refusal { try ledger.claims.discardHeldBatch(id: id, file: "/x", by: "ann") }?.code == .invalidTransition)
        #expect(refusal { try ledger.claims.releaseHeldBatch(id: 99, file: "/x", by: "ann") }?.code == .notFound)
    }

    @Test func aBatchNotHeldIsBuiltAndNeverAwaitsReview() throws {
        let id = try batch(3, held: false)
        #expect(try state(id) == .built)
        #expect(
            refusal { try ledger.claims.releaseHeldBatch(id: id, file: "/x", by: "ann") }?.code == .invalidTransition)
    }
}

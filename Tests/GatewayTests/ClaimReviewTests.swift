import Claims
import Foundation
import Mapping
import TestThreads
import Testing
import Values

@testable import Gateway
@testable import Store

/// `review: required`: a built batch is held, not delivered, until an operator releases or discards it.
@Suite(.blocking) struct ClaimReviewTests {
    let workspace: Workspace
    let gateway: Gateway
    let inbound: String

    init() throws {
        let mappings = FileManager.default.temporaryDirectory.appendingPathComponent("review-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Workspace.repositoryRoot + "/Mappings", toPath: mappings)
        let profile = mappings + "/payers/lea-bop.yaml"
        let text = try String(contentsOfFile: profile, encoding: .utf8)
        try (text + "review: required\n").write(toFile: profile, atomically: true, encoding: .utf8)
        workspace = try Workspace(mappings: mappings)
        inbound = workspace.root + "/Payers/lea-bop/inbound"
        workspace.config.deliveries = [
            DeliveryConfig(
                id: "lea-bop-outbox", folder: workspace.config.paths.outbox + "/lea-bop/837P",
                files: [try Glob("*.x12")], destination: .folder(path: inbound))
        ]
        gateway = try ClaimBuildTests.loaded(
            [
                ClaimBuildTests.service("1001", "10/05/2026"), ClaimBuildTests.service("1001", "10/06/2026"),
                ClaimBuildTests.service("1003", "10/05/2026"),
            ], workspace: workspace)
    }

    func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: workspace.root + "/" + folder)) ?? []).sorted()
    }

    func held() throws -> ClaimBatchRecord {
        let summary = try gateway.buildClaims(payer: "lea-bop")
        #expect(summary.servicesBilled == 3 && summary.claims == 2)
        let id = try #require(summary.batchID)
        let batch = try #require(try gateway.ledger.claims.claimBatch(id: id))
        #expect(batch.state == .awaitingReview)
        #expect(batch.file == workspace.root + "/Outbox/lea-bop/held/lea-bop-00000000\(batch.interchangeControl).x12")
        #expect(summary.file == batch.file)
        #expect(batch.sha256 == (try Deliverer.sha256(of: batch.file)))
        #expect(try gateway.claims(batchID: batch.id).map(\.status) == [.built, .built])
        return batch
    }

    @Test func aHeldBatchIsNotDeliveredUntilReleasedThenGoesAsIfNeverHeld() throws {
        let batch = try held()
        #expect(files("Outbox/lea-bop/837P") == [])
        let aging = try gateway.agingClaims(acknowledgmentDays: 0, paymentDays: 0)
        #expect(
            aging.map { $0[7] }
                == Array(repeating: "batch awaiting review for 0 days (claims release or discard)", count: 2))
        #expect(gateway.deliverer.run().isEmpty, "nothing is delivered while the batch awaits review")
        #expect(files("Payers/lea-bop/inbound") == [])
        #expect(try gateway.ledger.dump(sql: "SELECT COUNT(*) FROM deliveries") == [["0"]])

        let by = try gateway.releaseBatch(id: batch.id, by: "ann")
        #expect(by == "ann")
        let released = try #require(try gateway.claimBatch(id: batch.id))
        #expect(released.state == .built && released.releasedBy == "ann" && released.releasedAt != nil)
        #expect(released.file == workspace.root + "/Outbox/lea-bop/837P/lea-bop-000000001.x12")
        #expect(files("Outbox/lea-bop/held") == [])
        #expect(try Deliverer.sha256(of: released.file) == batch.sha256, "the bytes reviewed are the bytes sent")

        #expect(gateway.deliverer.run().map(\.file) == ["lea-bop-000000001.x12"])
        #expect(files("Payers/lea-bop/inbound") == ["lea-bop-000000001.x12"])
        #expect(try gateway.claimBatch(id: batch.id)?.state == .submitted)
        #expect(try gateway.claims(batchID: batch.id).map(\.status) == [.submitted, .submitted])
        let sent = try gateway.agingClaims(acknowledgmentDays: 0, paymentDays: 0)
        #expect(sent.map { $0[7] } == Array(repeating: "no acknowledgment after 0 days", count: 2))

        #expect(throws: StoreError.self) { try gateway.releaseBatch(id: batch.id, by: "ann") }
        #expect(throws: StoreError.self) { try gateway.discardBatch(id: batch.id, by: "ann") }
    }

    @Test func aDiscardedBatchsServicesAreBilledAgainUnderNewNumbers() throws {
        let first = try held()
        let firstClaims = try gateway.claims(batchID: first.id)
        let who = try gateway.discardBatch(id: first.id)
        #expect(!who.isEmpty, "the OS user by default")
        let discarded = try #require(try gateway.claimBatch(id: first.id))
        #expect(discarded.state == .discarded && discarded.discardedBy == who && discarded.discardedAt != nil)
        #expect(discarded.file == workspace.root + "/Outbox/lea-bop/discarded/lea-bop-000000001.x12")
        #expect(files("Outbox/lea-bop/held") == [] && files("Outbox/lea-bop/discarded") == ["lea-bop-000000001.x12"])
        #expect(try gateway.ledger.dump(sql: "SELECT COUNT(*) FROM billed_services") == [["0"]])
        #expect(throws: StoreError.self) { try gateway.releaseBatch(id: first.id, by: "ann") }

        let second = try held()
        #expect(second.id != first.id && second.interchangeControl == 2)
        let secondClaims = try gateway.claims(batchID: second.id)
        #expect(Set(secondClaims.map(\.pcn)).isDisjoint(with: firstClaims.map(\.pcn)))
        #expect(secondClaims.map(\.totalCents) == firstClaims.map(\.totalCents))
        let billed = try gateway.ledger.dump(
            sql:
                "SELECT b.service_date, b.student_id, c.batch_id FROM billed_services b JOIN claims c ON c.id = b.claim_id ORDER BY 1, 2"
        )
        #expect(
            billed == [
                ["2026-10-05", "1001", "\(second.id)"], ["2026-10-05", "1003", "\(second.id)"],
                ["2026-10-06", "1001", "\(second.id)"],
            ])
        #expect(gateway.deliverer.run().isEmpty)
    }
}

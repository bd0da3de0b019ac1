import Foundation
import Mapping
import Store
import TestThreads
import Testing

@testable import Gateway

@Suite(.blocking) struct DeliveryTests {
    @Test func receiptsReachTheFolderDestinationOnceEvenAfterACrashBeforeRecording() throws {
        let workspace = try Workspace()
        let destination = workspace.root + "/district-share"
        workspace.config.deliveries = [
            DeliveryConfig(
                id: "lincoln-receipts", folder: workspace.config.paths.outbox + "/lincoln-usd/reports",
                files: [try Glob("*.receipt.json")], destination: .folder(path: destination))
        ]
        let gateway = try workspace.gateway()
        let job = try gateway.ingest(path: workspace.write("students.csv", Workspace.roster), source: "lincoln-usd")
        let receipt = try #require(job.receiptPath?.split(separator: "/").last.map(String.init))
        let first = gateway.deliverer.run()
        #expect(first.map(\.file) == [receipt])
        #expect(first.first?.foundOnDestination == false)
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination) == [receipt])
        #expect(gateway.deliverer.run().isEmpty, "delivered once")

        // A second file sent, then the process "crashed" before recording: the copy is found, not re-sent.
        let second = try gateway.ingest(
            path: workspace.write("students2.csv", Workspace.roster + "1004,1,K,L,01/02/2014,3,M\n"),
            source: "lincoln-usd")
        let name = try #require(second.receiptPath?.split(separator: "/").last.map(String.init))
        try Deliverer.copy(try #require(second.receiptPath), to: destination + "/" + name)
        let recovered = gateway.deliverer.run()
        #expect(recovered.map(\.file) == [name])
        #expect(recovered.first?.foundOnDestination == true)
        #expect(try gateway.ledger.deliveries.deliveries("lincoln-receipts").count == 2)
    }
}

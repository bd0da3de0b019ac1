import Foundation
import Store
import Testing

@testable import Gateway

/// Passes awaited from async code: run on a thread of their own, stopped by the awaiting task's cancellation.
@Suite struct PassTests {
    @Test func aCancelledPassStopsBeforeTakingAFileAndTheNextOneTakesIt() async throws {
        let workspace = try Workspace()
        let gateway = try workspace.gateway()
        try workspace.write("Inbox/lincoln-usd/students.csv", Workspace.roster)
        let cancelled = await Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await gateway.pass()
        }.value
        #expect(cancelled.isEmpty)
        #expect(try gateway.ledger.jobs.jobs().isEmpty)
        let finished = await gateway.pass()
        #expect(finished.map(\.state) == [.done])
        #expect(finished.first?.origin == workspace.root + "/Inbox/lincoln-usd/students.csv")
    }
}

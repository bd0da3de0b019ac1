import Console
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// `/readyz` beside the daemon: ready while the pass loop beats, not ready (503, with a reason and no data)
/// once it has been silent for longer than twice the poll interval or a minute.
@Suite struct ReadinessTests {
    @Test func aSilentPassLoopMakesTheDaemonNotReady() async throws {
        let fixture = try ConsoleFixture()
        let clock = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        var logger = Logger(label: "readiness-test")
        logger.logLevel = .critical
        let console = Console(
            gateway: fixture.gateway, users: fixture.users, logger: logger, now: { clock.withLock { $0 } },
            passLoop: true)
        try await console.application().test(.router) { client in
            let before = try await client.execute(uri: "/readyz", method: .get)
            #expect(before.status == .serviceUnavailable)
            #expect(String(buffer: before.body) == "not ready: the pass loop has not started\n")

            fixture.gateway.heartbeat.beat(clock.withLock { $0 })
            clock.withLock { $0 += 59 }
            let busy = try await client.execute(uri: "/readyz", method: .get)
            #expect(busy.status == .ok)
            #expect(String(buffer: busy.body) == "ready\n")

            clock.withLock { $0 += 30 }
            let stalled = try await client.execute(uri: "/readyz", method: .get)
            #expect(stalled.status == .serviceUnavailable)
            #expect(String(buffer: stalled.body) == "not ready: the pass loop has not run for 89 s (limit 60 s)\n")
        }
    }

    @Test func theConsoleAloneDoesNotWaitForAPassLoop() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.test { browser in
            let ready = try await browser.get("/readyz")
            #expect(ready.text == "ready\n")
        }
    }
}

import Console
import Foundation
import Gateway
import Hummingbird
import Testing

@Suite struct LoginTests {
    @Test func pagesSendAnonymousVisitorsToTheLoginForm() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.test { browser in
            for path in ["/", "/jobs", "/jobs/1", "/claims", "/audit", "/jobs/1/exceptions.csv"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther, "\(path)")
                #expect(page.headers[.location] == "/login", "\(path)")
                #expect(!page.text.contains("students.csv"), "\(path)")
            }
        }
    }

    @Test func loginSetsAStrictHttpOnlySessionCookieAndIsAudited() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.test { browser in
            let answer = try await browser.login("alice")
            #expect(answer.status == .seeOther)
            #expect(answer.headers[.location] == "/")
            let session = try #require(answer.setCookies.first { $0.hasPrefix("dropgate_session=") })
            #expect(session.contains("HttpOnly"))
            #expect(session.contains("SameSite=Strict"))
            #expect(!session.contains("Secure"))
            let dashboard = try await browser.get("/")
            #expect(dashboard.status == .ok)
            #expect(dashboard.text.contains("alice (admin)"))
            let audit = try await browser.get("/audit")
            #expect(audit.text.contains("<td>alice</td><td>console-login</td>"))
        }
    }

    @Test func aWrongPasswordIsRefusedAndAuditedWithoutThePassword() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.test { browser in
            let refused = try await browser.login("alice", password: "not-the-password")
            #expect(refused.status == .unauthorized)
            #expect(refused.text.contains("Wrong user name or password."))
            #expect(browser.cookies["dropgate_session"] == nil)
            // A password typed into the name field never reaches the audit trail.
            _ = try await browser.login("hunter2-typed-as-name", password: "x")
            try await browser.login("alice")
            let audit = try await browser.get("/audit")
            #expect(audit.text.contains("<td>alice</td><td>console-login-failed</td>"))
            #expect(audit.text.contains("<td>-</td><td>console-login-failed</td>"))
            #expect(!audit.text.contains("hunter2"))
            #expect(!audit.text.contains("not-the-password"))
        }
    }

    @Test func loginIsThrottledAfterRepeatedFailuresEvenWithTheRightPassword() async throws {
        let fixture = try ConsoleFixture(throttle: LoginThrottle(maxFailures: 3, window: 600))
        try await fixture.test { browser in
            for _ in 0..<3 {
                #expect(try await browser.login("bill", password: "wrong-password").status == .unauthorized)
            }
            let throttled = try await browser.login("bill")
            #expect(throttled.status == .tooManyRequests)
            #expect(browser.cookies["dropgate_session"] == nil)
        }
    }

    @Test func aLoginWithoutTheFormsTokenIsRefused() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.test { browser in
            let page = try await browser.post(
                "/login", [("name", "alice"), ("password", ConsoleFixture.password)])
            #expect(page.status == .forbidden)
            #expect(browser.cookies["dropgate_session"] == nil)
        }
    }

    @Test func logoutNeedsTheTokenAndEndsTheSession() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.test { browser in
            try await browser.login("alice")
            let dashboard = try await browser.get("/")
            #expect(try await browser.post("/logout", []).status == .forbidden)
            #expect(try await browser.get("/").status == .ok)
            let out = try await browser.post("/logout", [("csrf", dashboard.csrf ?? "")])
            #expect(out.status == .seeOther)
            #expect(try await browser.get("/").headers[.location] == "/login")
        }
    }

    @Test func aRemovedUsersSessionEnds() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.test { browser in
            try await browser.login("bill")
            #expect(try await browser.get("/").status == .ok)
            try fixture.users.remove(name: "bill")
            #expect(try await browser.get("/").headers[.location] == "/login")
        }
    }

    @Test func healthEndpointsNeedNoLoginAndShowNoData() async throws {
        let fixture = try ConsoleFixture()
        try await fixture.test { browser in
            let live = try await browser.get("/livez")
            #expect(live.status == .ok)
            #expect(live.text == "ok\n")
            let ready = try await browser.get("/readyz")
            #expect(ready.status == .ok)
            #expect(ready.text == "ready\n")
        }
    }
}

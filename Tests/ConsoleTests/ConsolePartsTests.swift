import Foundation
import Gateway
import Mapping
import Testing

@testable import Console

@Suite struct ConsolePartsTests {
    @Test func htmlEscapesEveryValueButNotItsOwnMarkup() {
        let value = "<a href=\"x\" onclick='y'>&</a>"
        let html: HTML = "<td title=\"\(value)\">\(value)</td>"
        #expect(
            html.description
                == "<td title=\"&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;\">"
                + "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;</td>")
    }

    @Test(arguments: [
        ("a=1&b=two+words", ["a": "1", "b": "two words"]),
        ("name=%3Cscript%3E&x=", ["name": "<script>", "x": ""]),
        ("bad=%zz%4", ["bad": "%zz%4"]),
        ("k=caf%C3%A9&k=second", ["k": "café"]),
    ])
    func formFieldsAreDecoded(text: String, fields: [String: String]) {
        #expect(FormData(Substring(text)).fields == fields)
    }

    @Test func queryValuesRoundTrip() {
        let text = "a b&c=d/é<>"
        #expect(FormData.decode(Substring(FormData.encode(text))) == text)
    }

    @Test(arguments: [
        ("127.0.0.1:8480", "127.0.0.1", 8480), ("0.0.0.0:0", "0.0.0.0", 0), ("[::1]:9000", "::1", 9000),
        ("localhost:80", "localhost", 80),
    ])
    func listenAddressesAreRead(text: String, host: String, port: Int) throws {
        let address = try HTTPConfig.parse(listen: text).get()
        #expect(address.host == host)
        #expect(address.port == port)
    }

    @Test(arguments: [
        ("8480", "expected HOST:PORT"), ("127.0.0.1:99999", "port must be a number from 0 to 65535"),
        ("example.com:80", "must be an IP address"), ("256.1.1.1:80", "must be an IP address"),
        ("[zz]:80", "is not an IPv6 address"),
    ])
    func badListenAddressesAreRefusedWithTheReason(text: String, reason: String) {
        guard case .failure(let error) = HTTPConfig.parse(listen: text) else {
            Issue.record("\(text) accepted")
            return
        }
        #expect(error.description.contains(reason))
    }

    @Test func theConfigurationNamesTheLineOfABadListenAddress() {
        let yaml = "sources: []\nhttp:\n  listen: nowhere\n"
        #expect {
            try GatewayConfig.decode(yaml: yaml, file: "dropgate.yaml", root: "/tmp")
        } throws: { error in
            let issue = (error as? DefinitionError)?.issues.first
            return issue?.line == 3 && issue?.message.contains("expected HOST:PORT") == true
        }
    }

    @Test func theConfigurationReadsTheListenerAndTheUsersFile() throws {
        let yaml = "http: { listen: \"[::1]:8500\", secure_cookies: true }\npaths: { users: secret/users }\n"
        let config = try GatewayConfig.decode(yaml: yaml, file: "dropgate.yaml", root: "/srv/dg")
        #expect(config.http == HTTPConfig(host: "::1", port: 8500, secureCookies: true))
        #expect(config.paths.usersFile == "/srv/dg/secret/users")
        #expect(GatewayConfig(root: "/srv/dg").paths.usersFile == "/srv/dg/dropgate.users")
        #expect(GatewayConfig(root: "/srv/dg").http == HTTPConfig(host: "127.0.0.1", port: 8480))
    }

    @Test func theThrottleCountsPerUserAndPerAddressWithinItsWindow() {
        let throttle = LoginThrottle(maxFailures: 2, window: 60)
        let start = Date(timeIntervalSince1970: 1_000_000)
        throttle.recordFailure(user: "a", address: "10.0.0.1", now: start)
        throttle.recordFailure(user: "b", address: "10.0.0.1", now: start)
        // The address has two failures: every user is refused from it, not from elsewhere.
        #expect(!throttle.allows(user: "c", address: "10.0.0.1", now: start))
        #expect(throttle.allows(user: "c", address: "10.0.0.2", now: start))
        throttle.recordFailure(user: "a", address: "10.0.0.3", now: start)
        #expect(!throttle.allows(user: "a", address: "10.0.0.4", now: start))
        #expect(throttle.allows(user: "a", address: "10.0.0.4", now: start.addingTimeInterval(61)))
        throttle.recordFailure(user: "d", address: "10.0.0.5", now: start)
        throttle.recordSuccess(user: "d")
        #expect(throttle.allows(user: "d", address: "10.0.0.6", now: start))
    }

    @Test func sessionsExpireWhenIdleAndAtTheirLifetime() {
        let store = SessionStore(idleTimeout: 10, lifetime: 25)
        let start = Date(timeIntervalSince1970: 1_000_000)
        let user = ConsoleUser(name: "a", role: .admin, district: nil, passwordHash: "$2b$04$x")
        let session = store.start(user: user, now: start)
        #expect(session.token.count == 64 && session.csrfToken.count == 64 && session.token != session.csrfToken)
        #expect(store.session(token: session.token, now: start.addingTimeInterval(9)) != nil)
        #expect(store.session(token: session.token, now: start.addingTimeInterval(18)) != nil)
        #expect(store.session(token: session.token, now: start.addingTimeInterval(26)) == nil)
        let idle = store.start(user: user, now: start)
        #expect(store.session(token: idle.token, now: start.addingTimeInterval(11)) == nil)
        #expect(store.session(token: "unknown", now: start) == nil)
    }
}

import Console
import Foundation
import Gateway
import Hummingbird
import HummingbirdTesting
import Logging
import Store
import Testing

/// A scratch gateway with two districts' jobs, a users file (admin, billing, a riverside-usd district user) and a
/// console over them, tested through Hummingbird's router without sockets.
final class ConsoleFixture: Sendable {
    let root: String
    let gateway: Gateway
    let console: Console
    let users: UserFile
    /// Job ids: a lincoln-usd roster, a riverside-usd roster, a rejected lincoln-usd file, a hostile name's job.
    let lincolnJob: Int64
    let riversideJob: Int64
    let rejectedJob: Int64
    let hostileJob: Int64

    static let password = "correct-horse-battery"
    static let hostileName = "<script>alert(1)<script>.csv"

    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    init(throttle: LoginThrottle = LoginThrottle()) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dropgate-console-\(UUID().uuidString)"
        ).path
        self.root = root
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var config = GatewayConfig(
            root: root, file: root + "/dropgate.yaml",
            sources: ["lincoln-usd", "riverside-usd"].map {
                SourceConfig(id: $0, path: root + "/Inbox/" + $0, stableAfter: 0)
            })
        config.paths.mappings = Self.repositoryRoot + "/Mappings"
        var logger = Logger(label: "console-test")
        logger.logLevel = .critical
        let gateway = try Gateway(config: config, logger: logger)
        let roster = "Student ID,School,Last Name,First Name,Birthdate,Grade,Sex\n1001,1,Garcia,Ana,04/12/2012,5,F\n"
        func ingest(_ name: String, _ text: String, source: String, kind: String) throws -> Int64 {
            let folder = root + "/drops/\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
            return try #require(try gateway.ingest(path: folder + "/" + name, source: source, kind: kind).id)
        }
        lincolnJob = try ingest("students.csv", roster, source: "lincoln-usd", kind: "aeries-students")
        riversideJob = try ingest("students.csv", roster, source: "riverside-usd", kind: "aeries-students")
        rejectedJob = try ingest("broken.csv", "foo,bar\n1,2\n", source: "lincoln-usd", kind: "aeries-students")
        hostileJob = try ingest(
            Self.hostileName, roster + "1002,1,Nguyen,Mai,05/13/2013,4,F\n", source: "lincoln-usd",
            kind: "aeries-students")
        users = UserFile(path: root + "/dropgate.users", cost: 4)
        try users.add(name: "alice", role: .admin, district: nil, password: Self.password)
        try users.add(name: "bill", role: .billing, district: nil, password: Self.password)
        try users.add(name: "dana", role: .district, district: "riverside-usd", password: Self.password)
        self.gateway = gateway
        console = Console(gateway: gateway, users: users, logger: logger, throttle: throttle)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Runs `body` with a client of the console's router (no sockets).
    func test<Value: Sendable>(_ body: @Sendable (Browser) async throws -> Value) async throws -> Value {
        try await console.application().test(.router) { client in try await body(Browser(client: client)) }
    }
}

/// A test client that keeps cookies like a browser and reads forms' CSRF tokens.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]

    init(client: any TestClientProtocol) { self.client = client }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let text: String

        /// The first CSRF token of a form on the page.
        var csrf: String? {
            guard let range = text.range(of: "name=\"csrf\" value=\"") else { return nil }
            return String(text[range.upperBound...].prefix { $0 != "\"" })
        }

        var setCookies: [String] { headers[values: .setCookie] }
    }

    func get(_ uri: String) async throws -> Page {
        try await send(uri, method: .get, body: nil)
    }

    /// Posts a urlencoded form.
    func post(_ uri: String, _ fields: [(String, String)]) async throws -> Page {
        let body = fields.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(uri, method: .post, body: body)
    }

    /// Logs in through the form; returns the answer to the POST.
    @discardableResult
    func login(_ name: String, password: String = ConsoleFixture.password) async throws -> Page {
        let form = try await get("/login")
        return try await post("/login", [("csrf", form.csrf ?? ""), ("name", name), ("password", password)])
    }

    private func send(_ uri: String, method: HTTPRequest.Method, body: String?) async throws -> Page {
        var headers = HTTPFields()
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        let page = Page(status: response.status, headers: response.headers, text: String(buffer: response.body))
        for cookie in page.setCookies {
            let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || cookie.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return page
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

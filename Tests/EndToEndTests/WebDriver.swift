import Foundation

/// A real headless Chromium driven through chromedriver's W3C WebDriver protocol (Debian's `chromium` and
/// `chromium-driver`, installed by scripts/setup). A missing browser or driver fails the test: it is never
/// skipped. Requests go through curl, as the other end-to-end tests' HTTP does.
final class WebDriver {
    private let driver: Process
    private let base: String
    private let session: String
    private let profile: String

    /// Starts chromedriver on a free port and opens one browser session with a fresh profile.
    init() throws {
        for tool in ["/usr/bin/chromedriver", "/usr/bin/chromium"]
        where !FileManager.default.isExecutableFile(atPath: tool) {
            throw Failure("\(tool) is missing: scripts/setup installs Debian's chromium and chromium-driver")
        }
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)").path
        let log = profile + ".log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: "/usr/bin/chromedriver")
        driver.arguments = ["--port=0"]
        driver.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        let deadline = Date().addingTimeInterval(30)
        var port: Int?
        while port == nil && Date() < deadline && driver.isRunning {
            Thread.sleep(forTimeInterval: 0.1)
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            port = text.range(of: "started successfully on port ").flatMap {
                Int(text[$0.upperBound...].prefix { $0.isNumber })
            }
        }
        guard let port else {
            kill(driver.processIdentifier, SIGKILL)
            throw Failure(
                "chromedriver did not report its port: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
        }
        base = "http://127.0.0.1:\(port)"
        let options: [String: Any] = [
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=\(profile)",
            ],
        ]
        let capabilities = ["capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]]
        let opened = try? Self.call(base + "/session", method: "POST", body: capabilities)
        guard let value = opened as? [String: Any], let id = value["sessionId"] as? String else {
            kill(driver.processIdentifier, SIGKILL)
            throw Failure("chromedriver opened no browser session: \(String(describing: opened))")
        }
        session = base + "/session/" + id
    }

    deinit {
        _ = try? Self.call(session, method: "DELETE", body: nil)
        // A child of the test runner inherits its ignored SIGTERM; the browser has closed with the session.
        kill(driver.processIdentifier, SIGKILL)
        driver.waitUntilExit()
        try? FileManager.default.removeItem(atPath: profile)
    }

    /// Loads a page and waits until it has loaded.
    func open(_ url: String) throws { _ = try Self.call(session + "/url", method: "POST", body: ["url": url]) }

    /// The address of the page shown.
    func url() throws -> String { try Self.call(session + "/url", method: "GET", body: nil) as? String ?? "" }

    /// The page's title.
    func title() throws -> String { try Self.call(session + "/title", method: "GET", body: nil) as? String ?? "" }

    /// The first element matching a CSS selector; throws when there is none.
    func element(_ selector: String) throws -> Element {
        let value = try Self.call(
            session + "/element", method: "POST", body: ["using": "css selector", "value": selector])
        return try Element(driver: self, reference: value)
    }

    /// Every element matching a CSS selector, in document order.
    func elements(_ selector: String) throws -> [Element] {
        let value = try Self.call(
            session + "/elements", method: "POST", body: ["using": "css selector", "value": selector])
        return try (value as? [Any] ?? []).map { try Element(driver: self, reference: $0) }
    }

    /// Runs a script in the page and returns its result.
    func run(_ script: String) throws -> Any {
        try Self.call(session + "/execute/sync", method: "POST", body: ["script": script, "args": [Any]()])
    }

    /// The browser's cookies for the page shown, as WebDriver reports them (name, httpOnly, sameSite…).
    func cookies() throws -> [[String: Any]] {
        try Self.call(session + "/cookie", method: "GET", body: nil) as? [[String: Any]] ?? []
    }

    /// A PNG of the browser's viewport.
    func screenshot() throws -> Data {
        let text = try Self.call(session + "/screenshot", method: "GET", body: nil) as? String ?? ""
        return Data(base64Encoded: text) ?? Data()
    }

    /// An element of the page shown.
    struct Element {
        let driver: WebDriver
        let id: String

        init(driver: WebDriver, reference: Any) throws {
            guard let object = reference as? [String: Any],
                let id = object["element-6066-11e4-a52e-4f735466cecf"] as? String
            else { throw Failure("not an element: \(reference)") }
            self.driver = driver
            self.id = id
        }

        /// Its rendered text.
        func text() throws -> String {
            try WebDriver.call(driver.session + "/element/\(id)/text", method: "GET", body: nil) as? String ?? ""
        }

        /// Types text into it.
        func type(_ text: String) throws {
            _ = try WebDriver.call(driver.session + "/element/\(id)/value", method: "POST", body: ["text": text])
        }

        /// Clicks it (a link or a form's button loads the next page before this returns).
        func click() throws {
            _ = try WebDriver.call(driver.session + "/element/\(id)/click", method: "POST", body: [String: Any]())
        }

        /// An attribute's value.
        func attribute(_ name: String) throws -> String? {
            try WebDriver.call(driver.session + "/element/\(id)/attribute/\(name)", method: "GET", body: nil) as? String
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// One WebDriver command; its `value`, or the driver's error as a thrown failure.
    private static func call(_ url: String, method: String, body: Any?) throws -> Any {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        var arguments = ["-s", "-X", method, url, "-H", "Content-Type: application/json"]
        if body != nil { arguments += ["--data-binary", "@-"] }
        process.arguments = arguments
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        if let body { input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: body)) }
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard let answer = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any]
        else {
            throw Failure(
                "\(method) \(url): not a WebDriver answer: \(String(decoding: data.prefix(500), as: UTF8.self))")
        }
        let value = answer["value"] ?? NSNull()
        if let error = value as? [String: Any], let code = error["error"] as? String {
            throw Failure("\(method) \(url): \(code): \(error["message"] as? String ?? "")")
        }
        return value
    }
}

import Foundation
import LoopbackSupport
import TestThreads
import Testing

/// Alerts through the real binary to real servers on loopback started by the tests: a webhook receiver
/// (python's http.server) that checks the HMAC signature, and an SMTP server (aiosmtpd, installed by
/// scripts/setup into `.venv-tools`) that requires a login.
@Suite(.blocking) struct AlertsEndToEndTests {
    static let secret = "hook-secret-\(UUID().uuidString)"

    @Test func aRejectedFileIsSignedToTheWebhookOnceAndADownReceiverGetsItOnTheNextPass() throws {
        let scratch = try Scratch()
        let port = try FreePort.pick()
        try Self.configure(
            scratch,
            alerts: """
                alerts:
                  channels:
                    - name: ops
                      webhook: { url: "http://127.0.0.1:\(port)/hooks/TOKEN", secret_env: DROPGATE_TEST_HOOK_SECRET }
                  routes:
                    - { conditions: [job-rejected, job-dead], sources: [lincoln-usd], channel: ops }
                """)
        try Self.dropRejected(scratch)
        let environment = ["DROPGATE_TEST_HOOK_SECRET": Self.secret]

        // The receiver is down: the alert opens, its notification waits with curl's reason (never the path).
        let first = try Binary.run(["run", "--once"], in: scratch.root, environment: environment)
        #expect(first.status == 1, "the job is rejected: \(first.stderr)")
        let pending = try Self.alerts(scratch)
        #expect(pending.count == 1)
        let alert = try #require(pending.first)
        #expect(alert["state"] as? String == "open")
        #expect(alert["condition"] as? String == "job-rejected")
        let notifications = try #require(alert["notifications"] as? [[String: Any]])
        #expect(notifications.count == 1)
        #expect(notifications.first?["attempts"] as? Int == 1)
        #expect(notifications.first?["sent_at"] == nil)
        let error = notifications.first?["last_error"] as? String ?? ""
        #expect(error.hasPrefix("POST http://127.0.0.1:\(port): "), "\(error)")
        #expect(!error.contains("TOKEN"), "\(error)")
        let listed = try Binary.run(["alerts", "--open"], in: scratch.root)
        #expect(
            listed.stdout.contains("job-rejected") && listed.stdout.contains("pending ops (1 failed"),
            "\(listed.stdout)")

        // The receiver is up: the next pass delivers it, signed; later passes send nothing more.
        let inbox = scratch.path("received")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let receiver = try LoopbackServer.start(
            script: Self.webhookReceiver, arguments: [String(port), inbox], in: scratch,
            environment: ["HOOK_SECRET": Self.secret])
        defer { receiver.stop() }
        Thread.sleep(forTimeInterval: 0.3)  // past the retry delay (base 100ms with jitter)
        for _ in 0..<3 {
            let pass = try Binary.run(["run", "--once"], in: scratch.root, environment: environment)
            #expect(pass.status == 0, "\(pass.stderr)")
        }
        let received = scratch.files(under: "received")
        #expect(received == ["000.json"], "exactly one delivery, every signature valid")
        let request = try scratch.json("received/000.json")
        #expect(request["path"] as? String == "/hooks/TOKEN")
        #expect(request["content_type"] as? String == "application/json")
        #expect(request["event_header"] as? String == "opened")
        let body = try #require(request["body"] as? String)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(document["event"] as? String == "opened")
        let sent = try #require(document["alert"] as? [String: Any])
        let key = try #require(alert["key"] as? String)
        #expect(sent["key"] as? String == key)
        #expect(sent["condition"] as? String == "job-rejected")
        #expect(sent["source"] as? String == "lincoln-usd")
        #expect(sent["state"] as? String == "open")
        #expect(!body.contains("Garcia") && !body.contains(".csv"), "no file name or data: \(body)")
        let after = try Self.alerts(scratch)
        #expect(after.first?["state"] as? String == "open", "a channel never changes the alert")
        #expect(after.first?["last_notified_at"] is String)
    }

    @Test func anAlertIsMailedWithLoginToAnSMTPServer() throws {
        let scratch = try Scratch()
        let port = try FreePort.pick()
        try scratch.write("secrets/smtp-password", "mail-pass-\(port)\n")
        try Self.configure(
            scratch,
            alerts: """
                alerts:
                  channels:
                    - name: district
                      email:
                        url: smtp://127.0.0.1:\(port)
                        from: dropgate@example.org
                        to: [data@lincoln.example.org, ops@example.org]
                        user_env: DROPGATE_TEST_SMTP_USER
                        password_file: secrets/smtp-password
                  routes:
                    - { channel: district }
                """)
        try Self.dropRejected(scratch)
        let mailbox = scratch.path("mail")
        try FileManager.default.createDirectory(atPath: mailbox, withIntermediateDirectories: true)
        let server = try LoopbackServer.start(
            script: Self.smtpServer, arguments: [String(port), mailbox], in: scratch, python: try Self.toolsPython(),
            environment: ["SMTP_USER": "alerts", "SMTP_PASSWORD": "mail-pass-\(port)"])
        defer { server.stop() }
        let run = try Binary.run(
            ["run", "--once"], in: scratch.root, environment: ["DROPGATE_TEST_SMTP_USER": "alerts"])
        #expect(run.status == 1, "the job is rejected: \(run.stderr)")
        #expect(scratch.files(under: "mail") == ["000.eml"], "\(run.stderr)")
        let mail = try String(contentsOfFile: scratch.path("mail/000.eml"), encoding: .utf8)
        let id = try #require(try Self.alerts(scratch).first?["subject"] as? String)
        for line in [
            "X-Test-Mail-From: dropgate@example.org", "X-Test-Rcpt-To: data@lincoln.example.org,ops@example.org",
            "X-Test-Login: alerts", "From: dropgate@example.org", "To: data@lincoln.example.org, ops@example.org",
            "Subject: [DropGate] opened: job-rejected \(id) (lincoln-usd)", "X-DropGate-Alert: job-rejected:\(id)",
            "Content-Type: text/plain; charset=utf-8", "Condition: job-rejected", "Source: lincoln-usd",
        ] {
            #expect(mail.contains(line + "\r\n"), "\(line) in:\n\(mail)")
        }
        #expect(mail.contains("\r\nDate: "))
        #expect(!mail.contains("Garcia") && !mail.contains(".csv"), "no file name or data:\n\(mail)")
        let again = try Binary.run(
            ["run", "--once"], in: scratch.root, environment: ["DROPGATE_TEST_SMTP_USER": "alerts"])
        #expect(again.status == 0)
        #expect(scratch.files(under: "mail") == ["000.eml"], "sent once")
    }

    /// Adds `alerts` to the scratch configuration, with a retry base short enough for the next pass.
    static func configure(_ scratch: Scratch, alerts: String) throws {
        let yaml = try String(contentsOfFile: scratch.path("dropgate.yaml"), encoding: .utf8)
        let faster = yaml.replacingOccurrences(of: "  base: 2s\n", with: "  base: 100ms\n")
        #expect(faster != yaml)
        try scratch.write("dropgate.yaml", faster + alerts + "\n")
    }

    /// A file no mapping recognises, named after a person, settled (an old mtime): `run --once` rejects it.
    static func dropRejected(_ scratch: Scratch) throws {
        let path = "Inbox/lincoln-usd/Garcia-Ana-notes.csv"
        try scratch.write(path, "Colour,Size\nred,1\n")
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: scratch.path(path))
    }

    /// `dropgate alerts --json`.
    static func alerts(_ scratch: Scratch) throws -> [[String: Any]] {
        let output = try Binary.run(["alerts", "--json"], in: scratch.root)
        #expect(output.status == 0, "\(output.stderr)")
        return try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]] ?? []
    }

    /// The python with aiosmtpd: `DROPGATE_TOOLS_PYTHON`, else `<repository>/.venv-tools/bin/python`. Missing, the
    /// test fails with a message: it is never skipped.
    static func toolsPython() throws -> String {
        let path =
            ProcessInfo.processInfo.environment["DROPGATE_TOOLS_PYTHON"]
            ?? Binary.repositoryRoot + "/.venv-tools/bin/python"
        let check = Process()
        check.executableURL = URL(fileURLWithPath: path)
        check.arguments = ["-c", "import aiosmtpd"]
        check.standardError = FileHandle.nullDevice
        guard FileManager.default.isExecutableFile(atPath: path), (try? check.run()) != nil else {
            throw LoopbackServer.Failure("aiosmtpd's python is missing at \(path): run scripts/setup")
        }
        check.waitUntilExit()
        guard check.terminationStatus == 0 else {
            throw LoopbackServer.Failure("aiosmtpd is not installed for \(path): run scripts/setup")
        }
        return path
    }

    /// Records each POST whose `X-DropGate-Signature` is the HMAC-SHA256 of its body under `HOOK_SECRET` (204);
    /// answers 401 to any other and records it as `bad-N`.
    static let webhookReceiver = """
        import hashlib, hmac, http.server, json, os, sys
        port, folder, secret = int(sys.argv[1]), sys.argv[2], os.environ["HOOK_SECRET"].encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
                valid = hmac.compare_digest(expected, self.headers.get("X-DropGate-Signature", ""))
                count = len(os.listdir(folder))
                name = "%03d.json" % count if valid else "bad-%03d" % count
                record = {"path": self.path, "content_type": self.headers.get("Content-Type"),
                          "event_header": self.headers.get("X-DropGate-Event"), "body": body.decode()}
                with open(os.path.join(folder, name), "w") as f:
                    json.dump(record, f)
                self.send_response(204 if valid else 401)
                self.end_headers()

            def log_message(self, *args):
                pass

        server = http.server.HTTPServer(("127.0.0.1", port), Handler)
        print("ready", flush=True)
        server.serve_forever()
        """

    /// An aiosmtpd server requiring a login (`SMTP_USER`, `SMTP_PASSWORD`; plain text on loopback) that writes each
    /// message, after its envelope and login as `X-Test-*` lines, to `NNN.eml`.
    static let smtpServer = """
        import os, sys, time
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        port, folder = int(sys.argv[1]), sys.argv[2]
        user, password = os.environ["SMTP_USER"].encode(), os.environ["SMTP_PASSWORD"].encode()

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                count = len(os.listdir(folder))
                with open(os.path.join(folder, "%03d.eml" % count), "wb") as f:
                    f.write(b"X-Test-Mail-From: " + envelope.mail_from.encode() + b"\\r\\n")
                    f.write(b"X-Test-Rcpt-To: " + ",".join(envelope.rcpt_tos).encode() + b"\\r\\n")
                    f.write(b"X-Test-Login: " + (session.auth_data or b"") + b"\\r\\n")
                    f.write(envelope.original_content)
                return "250 OK"

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login == user and auth_data.password == password
            return AuthResult(success=ok, auth_data=auth_data.login if ok else None)

        controller = Controller(Handler(), hostname="127.0.0.1", port=port, authenticator=authenticator,
                                auth_required=True, auth_require_tls=False)
        controller.start()
        print("ready", flush=True)
        while True:
            time.sleep(1)
        """
}

/// A python server on a loopback port, started by a test and stopped by its pid.
final class LoopbackServer {
    let process: Process

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    private init(process: Process) { self.process = process }

    /// Writes `script` into the scratch folder, runs it, and waits for its `ready` line.
    static func start(
        script: String, arguments: [String], in scratch: Scratch, python: String = "/usr/bin/python3",
        environment: [String: String]
    ) throws -> LoopbackServer {
        let path = scratch.path("server-\(UUID().uuidString).py")
        try scratch.write(path, script)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [path] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = LoopbackServer(process: process)
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("ready\n") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else {
                server.stop()
                throw Failure("\(python) \(path) exited before it was ready")
            }
            seen += chunk
        }
        return server
    }

    /// Kills the server: a child of the test runner inherits its ignored SIGTERM.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

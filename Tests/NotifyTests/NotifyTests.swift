import Foundation
import LoopbackSupport
import TestThreads
import Testing

@testable import Notify

/// The libcurl transport against what it must refuse or report; the deliveries themselves are tested against real
/// HTTP and SMTP servers end to end (`AlertsEndToEndTests`).
@Suite(.blocking) struct NotifyTests {
    @Test func endpointsNeverShowPathQueryOrLogin() {
        #expect(Endpoint.display("https://hooks.example.com/services/T0/B0/SECRET?x=1") == "https://hooks.example.com")
        #expect(Endpoint.display("smtp://user:pw@mail.example.com:587") == "smtp://mail.example.com:587")
        #expect(Endpoint.display("http://127.0.0.1:8080/hook") == "http://127.0.0.1:8080")
    }

    @Test func loopbackHostsAreRecognised() {
        #expect(Endpoint.isLoopback("smtp://127.0.0.1:2525"))
        #expect(Endpoint.isLoopback("smtp://localhost:25"))
        #expect(Endpoint.isLoopback("smtp://[::1]:25"))
        #expect(!Endpoint.isLoopback("smtp://mail.example.com:587"))
    }

    @Test func aRefusedConnectionIsCurlsErrorTextWithoutThePath() throws {
        let (descriptor, port) = try FreePort.holdUnused()
        defer { close(descriptor) }
        let post = HTTPPost(url: "http://127.0.0.1:\(port)/hook/TOKEN", headers: [], body: Array("{}".utf8), timeout: 5)
        let error = try #require(throws: NotifyError.self) { try post.send() }
        #expect(error.code == .transfer(code: 7))
        #expect(error.description.hasPrefix("POST http://127.0.0.1:\(port): "), "\(error)")
        #expect(error.description.contains("onnect"), "\(error)")
        #expect(!error.description.contains("TOKEN"))
    }

    @Test func unsupportedSchemesAndHeaderLineBreaksAreRefused() throws {
        let ftp = HTTPPost(url: "ftp://127.0.0.1/x", headers: [], body: [])
        #expect(throws: NotifyError.self) { try ftp.send() }
        let injected = HTTPPost(url: "http://127.0.0.1:9/x", headers: ["X-A: 1\r\nX-B: 2"], body: [])
        let error = try #require(throws: NotifyError.self) { try injected.send() }
        #expect(error.code == .invalidRequest)
        let mail = SMTPMail(url: "smtp://127.0.0.1:9", from: "a@b>\r\nRCPT", to: ["c@d"], message: [])
        #expect(throws: NotifyError.self) { try mail.send() }
    }

    @Test func aMailToAnHTTPURLIsRefused() throws {
        let mail = SMTPMail(url: "http://127.0.0.1:9", from: "a@b", to: ["c@d"], message: [])
        let error = try #require(throws: NotifyError.self) { try mail.send() }
        #expect(error.code == .invalidRequest)
        #expect(error.description.contains("smtp://"), "\(error)")
    }
}

import Foundation
import LoopbackSupport
import SFTP
import TestThreads
import Testing

@Suite(.serialized, .blocking)
struct SFTPFailureTests {
    let log = TestLogger()

    @Test func nothingListeningIsATransientRefusal() throws {
        // A port held bound but not listening refuses connections, and no server another suite starts in
        // parallel can take it over (a stopped server's freed port could be reused by one).
        let (holder, port) = try FreePort.holdUnused()
        defer { close(holder) }
        let server = try SSHServer()
        var endpoint = server.endpoint()
        endpoint.port = port
        let error = #expect(throws: SFTPError.self) {
            try SFTPConnection.connect(endpoint, logger: log.logger)
        }
        guard case .connectRefused? = error?.code else {
            Issue.record("expected connectRefused, got \(String(describing: error))")
            return
        }
        #expect(error?.isTransient == true)
    }

    @Test func serverKilledMidDownloadIsTransientLeavesNoFileAndRestartWorks() throws {
        let server = try SSHServer()
        let remote = server.data + "/big.bin"
        _ = try Shell.run("/usr/bin/truncate", "-s", "200M", remote)
        let local = server.root + "/local"
        try FileManager.default.createDirectory(atPath: local, withIntermediateDirectories: true)
        let connection = try SFTPConnection.connect(server.endpoint(), logger: log.logger)
        defer { connection.close() }

        var received = 0
        let error = #expect(throws: SFTPError.self) {
            try connection.download(remote, to: local + "/big.bin") { chunk in
                received += chunk.count
                if received >= 20_000_000 && received - chunk.count < 20_000_000 { server.stop() }
            }
        }
        #expect(error?.isTransient == true, "\(String(describing: error))")
        #expect(received >= 20_000_000 && received < 200 * 1024 * 1024)
        #expect(try TestFiles.names(local).isEmpty, "no partial or temporary file may remain")

        try server.start()
        let again = try SFTPConnection.connect(server.endpoint(), logger: log.logger)
        defer { again.close() }
        #expect(try again.download(remote, to: local + "/big.bin") == 200 * 1024 * 1024)
        #expect(try TestFiles.names(local) == ["big.bin"])
    }

    @Test func rsaOnlyServerNamesTheCause() throws {
        let server = try SSHServer(hostKeyType: "rsa")
        let error = #expect(throws: SFTPError.self) {
            try SFTPConnection.connect(server.endpoint(hostKey: .insecureAcceptAny), logger: log.logger)
        }
        #expect(error?.description.contains("ed25519 or ECDSA host key") == true, "\(String(describing: error))")
        #expect(error?.isTransient == false)
    }
}

import SFTP
import TestThreads
import Testing

@Suite(.blocking) struct RemoteNameTests {
    @Test(arguments: [
        "roster.csv", "Attendance 2024-09.CSV", ".hidden", "élève.txt", "a..b", String(repeating: "x", count: 255),
    ])
    func acceptsOrdinaryNames(_ name: String) {
        #expect(SFTPConnection.isSafeRemoteName(name))
    }

    @Test(arguments: [
        "", ".", "..", "../etc/passwd", "a/b", "/abs", "a\\b", "tab\there", "new\nline", "nul\u{0}byte", "del\u{7f}",
        "c1\u{85}", "bad\u{fffd}utf8", String(repeating: "x", count: 256), String(repeating: "é", count: 128),
    ])
    func refusesHostileNames(_ name: String) {
        #expect(!SFTPConnection.isSafeRemoteName(name))
    }
}

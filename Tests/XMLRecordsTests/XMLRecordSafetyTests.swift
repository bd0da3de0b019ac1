import Glibc
import Testing
import XMLRecords

/// Entities and DTDs never make the reader open a file or a connection, or expand text.
@Suite struct XMLRecordSafetyTests {
    static let layout = try! XMLRecordLayout(recordPath: "//Member", fieldPaths: ["MemberId", "@id"])

    /// A TCP socket listening on 127.0.0.1, to tell whether anything tried to connect.
    final class Listener {
        let socket: Int32
        let port: UInt16

        init() throws {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            try #require(socket >= 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let listening = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                    bind(socket, address, length) == 0 && listen(socket, 8) == 0
                        && getsockname(socket, address, &length) == 0
                }
            }
            self.socket = socket
            port = UInt16(bigEndian: address.sin_port)
            try #require(listening)
        }

        /// Whether a connection is waiting to be accepted.
        func wasContacted() -> Bool {
            let connection = accept(socket, nil, nil)
            if connection >= 0 {
                close(connection)
                return true
            }
            return false
        }

        deinit {
            close(socket)
        }
    }

    /// A temporary file holding `text`, removed at the end of `body`.
    static func withTemporaryFile<R>(_ text: String, _ body: (String) throws -> R) throws -> R {
        var template = Array("/tmp/xmlrecords-secret-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        try #require(descriptor >= 0)
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer {
            unlink(path)
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        try #require(written == bytes.count)
        return try body(path)
    }

    @Test(arguments: XMLFeed.chunkSizes)
    func externalEntityIsNotRead(chunk: Int) throws {
        let outcome = try Self.withTemporaryFile("SECRET") { path in
            let xml = """
                <?xml version="1.0"?>
                <!DOCTYPE Members [<!ENTITY secret SYSTEM "file://\(path)">]>
                <Members><Member id="1"><MemberId>a&secret;b</MemberId></Member></Members>
                """
            return XMLFeed.read(xml, chunk: chunk, layout: Self.layout)
        }
        #expect(outcome.error == nil)
        #expect(
            outcome.rows == [
                Row(
                    3, ["ab", "1"],
                    problem: "field 'MemberId' contains the entity reference '&secret;', which is not expanded")
            ])
    }

    @Test func internalEntityIsNotSubstitutedInAttributes() throws {
        let xml = "<!DOCTYPE Members [<!ENTITY who \"X\">]><Members><Member id=\"&who;1\"/></Members>"
        let outcome = XMLFeed.read(xml, chunk: 5, layout: Self.layout)
        #expect(outcome.error == nil)
        #expect(
            outcome.rows == [
                Row(1, ["", "1"], problem: "field '@id' contains the entity reference '&who;', which is not expanded")
            ])
    }

    @Test(arguments: XMLFeed.chunkSizes)
    func nothingIsFetchedOverTheNetwork(chunk: Int) throws {
        let listener = try Listener()
        let url = "http://127.0.0.1:\(listener.port)"
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE Members SYSTEM "\(url)/members.dtd" [
              <!ENTITY % remote SYSTEM "\(url)/parameters.dtd">
              %remote;
              <!ENTITY fetched SYSTEM "\(url)/entity.xml">
            ]>
            <Members><Member id="1"><MemberId>&fetched;</MemberId></Member></Members>
            """
        let outcome = XMLFeed.read(xml, chunk: chunk, layout: Self.layout)
        #expect(!listener.wasContacted())
        #expect(outcome.error == nil)
        #expect(outcome.rows.map(\.fields) == [["", "1"]])
    }

    @Test func entityExpansionBombIsNotExpanded() throws {
        var declarations = "<!ENTITY lol0 \"lol\">"
        for level in 1...12 {
            declarations += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        let xml = "<!DOCTYPE Members [\(declarations)]><Members><Member><MemberId>&lol12;</MemberId></Member></Members>"
        let outcome = XMLFeed.read(xml, chunk: 1 << 20, layout: Self.layout)
        #expect(outcome.rows.isEmpty)
        #expect(outcome.recordError?.message == "Detected an entity reference loop")
    }
}

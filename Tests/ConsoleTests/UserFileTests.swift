import Foundation
import Testing

@testable import Console

@Suite struct UserFileTests {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("users-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    @Test func usersAreAddedWithBcryptHashesInAFileOnlyTheOwnerReads() throws {
        let file = UserFile(path: folder + "/users", cost: 4)
        try file.add(name: "alice", role: .admin, district: nil, password: "correct-horse-battery")
        try file.add(name: "dana", role: .district, district: "riverside-usd", password: "another-password")
        let text = try String(contentsOfFile: file.path, encoding: .utf8)
        #expect(!text.contains("correct-horse-battery"))
        #expect(text.contains("dana:district:riverside-usd:$2b$04$"))
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try file.authenticate(name: "alice", password: "correct-horse-battery")?.role == .admin)
        #expect(try file.authenticate(name: "alice", password: "another-password") == nil)
        #expect(try file.authenticate(name: "nobody", password: "correct-horse-battery") == nil)
        try file.setPassword(name: "alice", password: "a-new-password-1")
        #expect(try file.authenticate(name: "alice", password: "correct-horse-battery") == nil)
        #expect(try file.authenticate(name: "alice", password: "a-new-password-1") != nil)
        try file.remove(name: "dana")
        #expect(try file.load().map(\.name) == ["alice"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["users"])
    }

    @Test func refusedChangesSayWhy() throws {
        let file = UserFile(path: folder + "/users", cost: 4)
        try file.add(name: "alice", role: .admin, district: nil, password: "correct-horse-battery")
        let cases: [(() throws -> Void, String)] = [
            ({ try file.add(name: "alice", role: .admin, district: nil, password: "0123456789") }, "already exists"),
            (
                { try file.add(name: "bad name", role: .admin, district: nil, password: "0123456789") },
                "invalid user name"
            ),
            ({ try file.add(name: "bob", role: .district, district: nil, password: "0123456789") }, "needs --district"),
            ({ try file.add(name: "bob", role: .billing, district: "x", password: "0123456789") }, "needs --district"),
            ({ try file.add(name: "bob", role: .billing, district: nil, password: "short") }, "at least 10"),
            ({ try file.setPassword(name: "bob", password: "0123456789") }, "no user 'bob'"),
            ({ try file.remove(name: "bob") }, "no user 'bob'"),
        ]
        for (change, reason) in cases {
            #expect {
                try change()
            } throws: { error in
                "\(error)".hasPrefix(file.path + ": ") && "\(error)".contains(reason)
            }
        }
    }

    @Test(arguments: [
        ("alice:admin::$2b$04$abc\nalice:billing::$2b$04$abc\n", 2, "appears twice"),
        ("# comment\n\nalice:root::$2b$04$abc\n", 3, "unknown role 'root'"),
        ("alice:admin:$2b$04$abc\n", 1, "expected name:role:district:hash"),
        ("dana:district::$2b$04$abc\n", 1, "names its district"),
        ("alice:admin::plaintext\n", 1, "not a bcrypt hash"),
    ])
    func aMalformedLineIsNamed(text: String, line: Int, reason: String) throws {
        let path = folder + "/users"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try UserFile(path: path).load()
        } throws: { error in
            "\(error)".contains("\(path):\(line): ") && "\(error)".contains(reason)
        }
    }
}

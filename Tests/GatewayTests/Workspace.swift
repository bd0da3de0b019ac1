import Foundation
import Logging
import PostgresSupport
import Store
import Testing
import Values

@testable import Gateway

/// A scratch gateway: its own folders and database, the repository's shipped mappings.
final class Workspace {
    let root: String
    var config: GatewayConfig

    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    init(sources: [String] = ["lincoln-usd", "riverside-usd"], mappings: String? = nil) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-test-\(UUID().uuidString)")
            .path
        self.root = root
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        config = GatewayConfig(
            root: root, file: root + "/dropgate.yaml",
            sources: sources.map { SourceConfig(id: $0, path: root + "/Inbox/" + $0, stableAfter: 0) })
        config.paths.mappings = mappings ?? Self.repositoryRoot + "/Mappings"
        if TestStore.isPostgres {
            let (url, passwordFile) = try TestStore.makeDatabase()
            config.paths.database = url
            config.paths.databasePassword = .file(passwordFile)
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    func gateway(today: Day = Day(year: 2025, month: 10, day: 1) ?? Day(daysSinceEpoch: 0)) throws -> Gateway {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return try Gateway(config: config, logger: logger, today: { today })
    }

    /// Writes a file into the workspace and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = root + "/" + name
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let path = root + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    func receipt(_ job: JobRecord) throws -> Receipt {
        let path = try #require(job.receiptPath)
        return try Receipt.decode(Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static let rosterHeader = "Student ID,School,Last Name,First Name,Birthdate,Grade,Sex\n"
    static let roster =
        rosterHeader + """
            1001,1,Garcia,Ana,04/12/2012,5,F
            1002,1,Nguyen,Mai,05/13/2013,4,F
            1003,2,Smith,Sam,06/14/2011,6,M

            """
    static let attendanceHeader = "Student ID,School,Date,All Day,Daily Attendance Percentage\n"
}

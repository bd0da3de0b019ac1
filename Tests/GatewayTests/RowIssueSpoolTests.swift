import Foundation
import Mapping
import TestThreads
import Testing

@testable import Gateway

/// Exception rows spilled to a scratch file come back whole and in order, and a rollback takes back exactly the
/// rows added after its mark, whether they were spilled or not.
@Suite(.blocking) struct RowIssueSpoolTests {
    let folder: String

    init() throws {
        folder =
            FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-spool-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// Row `index`, with every optional field present or absent in turn and text that is not ASCII.
    static func issue(_ index: Int) -> RowIssue {
        RowIssue(
            line: index * 3 - 7, column: index % 2 == 0 ? "Date \(index)" : nil,
            field: index % 3 == 0 ? nil : "field_\(index)", rule: "rule-\(index % 5)",
            severity: index % 4 == 0 ? .error : .warning, message: "row \(index): élève ✓ \"quoted\", comma\nline",
            value: index % 7 == 0 ? nil : String(repeating: "v", count: index % 300))
    }

    func read(_ spool: RowIssueSpool) throws -> [RowIssue] {
        var rows: [RowIssue] = []
        try spool.forEach { rows.append($0) }
        return rows
    }

    @Test(arguments: [1, 7, 4096])
    func rowsComeBackInOrder(memoryLimit: Int) throws {
        let spool = RowIssueSpool(folder: folder, memoryLimit: memoryLimit)
        let expected = (0..<2_500).map(Self.issue)
        for issue in expected { try spool.append(issue) }
        #expect(spool.count == expected.count)
        #expect(try read(spool) == expected)
        #expect(try spool.all() == expected)
        // The scratch file has no name: nothing is left in the folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
    }

    @Test(arguments: [(1, 10, 40), (7, 3, 5), (7, 10, 100), (100, 10, 50), (100, 150, 30)])
    func rollbackTakesBackWhatFollowsTheMark(memoryLimit: Int, before: Int, after: Int) throws {
        let spool = RowIssueSpool(folder: folder, memoryLimit: memoryLimit)
        for index in 0..<before { try spool.append(Self.issue(index)) }
        let mark = spool.mark()
        for index in before..<(before + after) { try spool.append(Self.issue(index)) }
        try spool.rollback(to: mark)
        #expect(spool.count == before)
        #expect(try read(spool) == (0..<before).map(Self.issue))
        // Rows added after a rollback follow the kept ones.
        for index in 1_000..<1_020 { try spool.append(Self.issue(index)) }
        #expect(try read(spool) == (0..<before).map(Self.issue) + (1_000..<1_020).map(Self.issue))
    }
}

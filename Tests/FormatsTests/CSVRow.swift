@testable import Formats

/// A record copied out of the parser, for comparing.
struct CSVRow: Equatable, Sendable, CustomStringConvertible {
    var line: Int
    var fields: [[UInt8]]
    var problem: CSVRecordProblem?

    init(_ line: Int, _ fields: [String], _ problem: CSVRecordProblem? = nil) {
        self.line = line
        self.fields = fields.map { Array($0.utf8) }
        self.problem = problem
    }

    init(line: Int, bytes: [[UInt8]], problem: CSVRecordProblem? = nil) {
        self.line = line
        self.fields = bytes
        self.problem = problem
    }

    init(_ record: borrowing CSVRecord) {
        line = record.line
        problem = record.problem
        fields = []
        for index in 0..<record.count {
            fields.append(record.withField(index) { Array($0) })
        }
    }

    var description: String {
        let shown = fields.map { String(decoding: $0, as: UTF8.self).debugDescription }.joined(separator: ", ")
        return "line \(line): [\(shown)]" + (problem.map { " \($0)" } ?? "")
    }
}

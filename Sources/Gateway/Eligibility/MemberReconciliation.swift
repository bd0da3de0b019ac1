import Formats
import Foundation
import Store
import Transport

/// Reconciles the members a job loaded with the district's students and writes the reconciliation report.
///
/// Runs inside the job's transaction: spans, report and job state commit together.
enum MemberReconciliation {
    /// The JSON summary written beside the receipt.
    struct Summary: Codable, Equatable {
        var jobId: Int64
        var members: Int
        var matched: Int
        var matchedByCin: Int
        var matchedByNameBirthdate: Int
        var ambiguous: Int
        var unmatched: Int
        var matchedPercent: Double
        var details: String
    }

    /// Matches, records spans and writes `<job>-<file>.members.json` and `.members.csv` (ambiguous and unmatched).
    static func run(session: LoadSession, summaryPath: String, detailPath: String) throws -> Summary {
        let matcher = MemberMatcher(students: try session.studentIdentities())
        let members = try session.membersOfThisJob()
        var spans: [StudentSpan] = []
        var byCIN = 0
        var byName = 0
        var ambiguous = 0
        var unmatched = 0
        let details = try AtomicFileWriter(path: detailPath)
        try details.write(
            CSVEscaping.line([
                "member_id", "cin", "last_name", "first_name", "birthdate", "outcome", "reason", "candidates",
            ]))
        for member in members {
            let identity = [
                member.memberId, member.cin ?? "", member.lastName ?? "", member.firstName ?? "",
                member.birthdate ?? "",
            ]
            switch matcher.match(member) {
            case .matched(let student, let method):
                spans.append(StudentSpan(studentID: student, member: member, matchedBy: method))
                if method == "cin" { byCIN += 1 } else { byName += 1 }
            case .ambiguous(let candidates):
                ambiguous += 1
                try details.write(
                    CSVEscaping.line(
                        identity + ["ambiguous", "several students fit", candidates.joined(separator: ";")]))
            case .unmatched(let reason):
                unmatched += 1
                try details.write(CSVEscaping.line(identity + ["unmatched", reason, ""]))
            }
        }
        try session.recordEligibility(spans)
        try details.commit()
        let matched = byCIN + byName
        let percent = members.isEmpty ? 0 : (Double(matched) * 1000 / Double(members.count)).rounded() / 10
        let summary = Summary(
            jobId: session.jobID, members: members.count, matched: matched, matchedByCin: byCIN,
            matchedByNameBirthdate: byName, ambiguous: ambiguous, unmatched: unmatched, matchedPercent: percent,
            details: detailPath.split(separator: "/").last.map(String.init) ?? detailPath)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFileWriter.write(String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n", to: summaryPath)
        return summary
    }
}

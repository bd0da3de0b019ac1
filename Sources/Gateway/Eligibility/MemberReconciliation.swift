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
        var spans: [StudentSpan] = []
        var total = 0
        var byCIN = 0
        var byName = 0
        var ambiguous = 0
        var unmatched = 0
        let details = try AtomicFileWriter(path: detailPath)
        try details.write(
            CSVEscaping.line([
                "member_id", "cin", "last_name", "first_name", "birthdate", "outcome", "reason", "candidates",
            ]))
        // Members stream from the database; matched spans are written in batches to keep memory flat.
        try session.forEachMemberOfThisJob { member in
            total += 1
            let identity = [
                member.memberId, member.cin ?? "", member.lastName ?? "", member.firstName ?? "",
                member.birthdate ?? "",
            ]
            switch matcher.match(member) {
            case .matched(let student, let method):
                spans.append(StudentSpan(studentID: student, member: member, matchedBy: method))
                if method == "cin" { byCIN += 1 } else { byName += 1 }
                if spans.count >= 1024 {
                    try session.recordEligibility(spans)
                    spans.removeAll(keepingCapacity: true)
                }
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
        let percent = total == 0 ? 0 : (Double(matched) * 1000 / Double(total)).rounded() / 10
        let summary = Summary(
            jobId: session.jobID, members: total, matched: matched, matchedByCin: byCIN,
            matchedByNameBirthdate: byName, ambiguous: ambiguous, unmatched: unmatched, matchedPercent: percent,
            details: detailPath.split(separator: "/").last.map(String.init) ?? detailPath)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFileWriter.write(String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n", to: summaryPath)
        return summary
    }
}

import Claims
import Formats
import Foundation
import Store
import Transport

/// Reconciles the members a job loaded with the district's students (``MemberMatcher``) and writes the
/// reconciliation report.
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
        let matcher = MemberMatcher(students: try session.studentIdentities().map(\.identity))
        var spans: [StudentSpan] = []
        var counts = MemberMatchCounts()
        let details = try AtomicFileWriter(path: detailPath)
        try details.write(
            CSVEscaping.line([
                "member_id", "cin", "last_name", "first_name", "birthdate", "outcome", "reason", "candidates",
            ]))
        // Members stream from the database; matched spans are written in batches to keep memory flat.
        try session.forEachMemberOfThisJob { member in
            let fields = [
                member.memberId, member.cin ?? "", member.lastName ?? "", member.firstName ?? "",
                member.birthdate ?? "",
            ]
            let match = matcher.match(member.identity)
            counts.count(match)
            switch match {
            case .matched(let student, let method):
                spans.append(StudentSpan(studentID: student, member: member, matchedBy: method))
                if spans.count >= 1024 {
                    try session.recordEligibility(spans)
                    spans.removeAll(keepingCapacity: true)
                }
            case .ambiguous(let candidates):
                try details.write(
                    CSVEscaping.line(
                        fields + ["ambiguous", "several students fit", candidates.joined(separator: ";")]))
            case .unmatched(let reason):
                try details.write(CSVEscaping.line(fields + ["unmatched", reason, ""]))
            }
        }
        try session.recordEligibility(spans)
        try details.commit()
        let summary = Summary(
            jobId: session.jobID, members: counts.members, matched: counts.matched, matchedByCin: counts.matchedByCIN,
            matchedByNameBirthdate: counts.matchedByNameBirthdate, ambiguous: counts.ambiguous,
            unmatched: counts.unmatched, matchedPercent: counts.matchedPercent,
            details: detailPath.split(separator: "/").last.map(String.init) ?? detailPath)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFileWriter.write(String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n", to: summaryPath)
        return summary
    }
}

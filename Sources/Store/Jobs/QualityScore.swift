import Foundation

/// A file's data-quality score, 0 to 100, with the rules it broke most.
///
/// `score = floor(100 × (rows − errorRows − 0.25 × warningRows) / rows)`: every row rejected by an error costs a
/// whole row, every loaded row with a warning a quarter of one. 100 means every row loaded clean (also for a file
/// with no rows); a file rejected as a whole scores 0.
public struct QualityScore: Sendable, Equatable, Codable {
    /// How often a rule was broken in the file.
    public struct RuleCount: Sendable, Equatable, Codable {
        /// The rule id (`required`, `pattern`, `lookup-students`, …).
        public var rule: String
        /// Exceptions (errors and warnings) it raised.
        public var count: Int

        /// Creates a count.
        public init(rule: String, count: Int) {
            self.rule = rule
            self.count = count
        }
    }

    /// 0 to 100.
    public var score: Int
    /// The (at most) three rules with the most exceptions, most first (ties by rule id).
    public var worstRules: [RuleCount]

    /// What a loaded row with warnings costs, as a share of a row.
    public static let warningWeight = 0.25
    /// How many rules ``worstRules`` lists.
    public static let listedRules = 3

    /// A score as stored.
    public init(score: Int, worstRules: [RuleCount]) {
        self.score = score
        self.worstRules = worstRules
    }

    /// The score of a file from its counts.
    ///
    /// - Parameters:
    ///   - rows: data rows read.
    ///   - errorRows: rows not loaded because of an error.
    ///   - warningRows: rows loaded with at least one warning.
    ///   - ruleCounts: exceptions per rule id.
    public init(rows: Int, errorRows: Int, warningRows: Int, ruleCounts: [String: Int]) {
        let worst = Self.worst(ruleCounts)
        guard rows > 0 else {
            self.init(score: 100, worstRules: worst)
            return
        }
        let clean = Double(rows) - Double(errorRows) - Self.warningWeight * Double(warningRows)
        let score = Int((100 * clean / Double(rows)).rounded(.down))
        self.init(score: min(100, max(0, score)), worstRules: worst)
    }

    /// The most broken rules of `ruleCounts`, most first, ties by rule id.
    public static func worst(_ ruleCounts: [String: Int]) -> [RuleCount] {
        ruleCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(listedRules)
            .map { RuleCount(rule: $0.key, count: $0.value) }
    }

    /// The worst rules as stored in `jobs.quality_rules`: `required:12,pattern:3`.
    public var storedRules: String {
        worstRules.map { "\($0.rule):\($0.count)" }.joined(separator: ",")
    }

    /// A score read back from `jobs.quality_score` and `jobs.quality_rules`; `nil` when the job has none.
    public init?(score: Int?, storedRules: String?) {
        guard let score else { return nil }
        let rules = (storedRules ?? "").split(separator: ",").compactMap { item -> RuleCount? in
            guard let colon = item.lastIndex(of: ":"), let count = Int(item[item.index(after: colon)...]) else {
                return nil
            }
            return RuleCount(rule: String(item[..<colon]), count: count)
        }
        self.init(score: score, worstRules: rules)
    }
}

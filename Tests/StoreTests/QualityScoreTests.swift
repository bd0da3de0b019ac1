import TestThreads
import Testing

@testable import Store

/// The data-quality score: `floor(100 × (rows − errorRows − 0.25 × warningRows) / rows)`.
@Suite(.blocking) struct QualityScoreTests {
    @Test(arguments: [
        (100, 0, 0, 100),  // every row clean
        (100, 10, 0, 90),  // an error costs a whole row
        (100, 0, 10, 97),  // a warning a quarter of one: 97.5 rounds down
        (100, 10, 20, 85),
        (8, 3, 1, 59),  // 59.375
        (3, 3, 0, 0),  // nothing loaded
        (1000, 1, 0, 99),  // one bad row in a thousand is not 100
        (0, 0, 0, 100),  // no rows: nothing wrong
    ])
    func formula(rows: Int, errorRows: Int, warningRows: Int, score: Int) {
        #expect(
            QualityScore(rows: rows, errorRows: errorRows, warningRows: warningRows, ruleCounts: [:]).score == score)
    }

    @Test func worstRulesAreTheThreeMostBrokenTiesByRuleID() {
        let quality = QualityScore(
            rows: 10, errorRows: 5, warningRows: 0,
            ruleCounts: ["pattern": 1, "required": 4, "not-in-values": 2, "above-max": 2, "length": 1])
        #expect(
            quality.worstRules == [
                .init(rule: "required", count: 4), .init(rule: "above-max", count: 2),
                .init(rule: "not-in-values", count: 2),
            ])
        #expect(quality.storedRules == "required:4,above-max:2,not-in-values:2")
        #expect(
            QualityScore(score: 50, storedRules: quality.storedRules)
                == QualityScore(score: 50, worstRules: quality.worstRules))
        #expect(QualityScore(score: nil, storedRules: "required:4") == nil)
        #expect(QualityScore(score: 100, storedRules: nil)?.worstRules == [])
    }
}

import Claims
import Testing

@Suite("Money in integer cents")
struct MoneyTests {
    @Test(
        "parses X12 amounts",
        arguments: [
            ("175", 17500), ("175.5", 17550), ("175.05", 17505), ("-12.45", -1245), (".5", 50), ("0", 0),
            ("66.24", 6624),
        ] as [(String, Int64)])
    func parses(text: String, cents: Int64) {
        #expect(Money(x12: text)?.cents == cents)
    }

    @Test(
        "refuses more than two decimals, plus signs, separators and junk",
        arguments: ["175.001", "+5", "1,000", "", "-", "1.2.3", "12a", "."])
    func refuses(text: String) {
        #expect(Money(x12: text) == nil)
    }

    @Test(
        "writes the shortest X12 form and two decimals for reports",
        arguments: [
            (6624, "66.24", "66.24"), (1200, "12", "12.00"), (1250, "12.5", "12.50"), (-305, "-3.05", "-3.05"),
            (7, "0.07", "0.07"),
        ]
            as [(Int64, String, String)])
    func writes(cents: Int64, x12: String, report: String) {
        #expect(Money(cents: cents).x12 == x12)
        #expect(Money(cents: cents).description == report)
        #expect(Money(x12: x12)?.cents == cents)
    }
}

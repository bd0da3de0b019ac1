import Testing
import Values

@testable import Mapping

@Suite struct DateBoundTests {
    static let parsed: [(text: String, expected: DateBound)] = [
        ("today", .relative(days: 0)), (" Today ", .relative(days: 0)), ("today+30d", .relative(days: 30)),
        ("today-1y", .relativeYears(-1)), ("today+6m", .relativeMonths(6)), ("today-2w", .relative(days: -14)),
        ("TODAY+1D", .relative(days: 1)),
    ]

    @Test(arguments: parsed)
    func parses(text: String, expected: DateBound) throws {
        #expect(try DateBound(parsing: text) == expected)
    }

    @Test func parsesAbsoluteDates() throws {
        let day = try #require(Day(year: 2020, month: 8, day: 1))
        #expect(try DateBound(parsing: "2020-08-01") == .absolute(day))
        let leap = try #require(Day(year: 2024, month: 2, day: 29))
        #expect(try DateBound(parsing: "2024-02-29") == .absolute(leap))
    }

    @Test(arguments: [
        ("today+30d", "2025-10-31"), ("today", "2025-10-01"), ("today-2w", "2025-09-17"), ("today+6m", "2026-04-01"),
        ("today-1y", "2024-10-01"), ("2020-08-01", "2020-08-01"),
    ])
    func resolves(text: String, expected: String) throws {
        let today = try #require(Day(year: 2025, month: 10, day: 1))
        #expect(try DateBound(parsing: text).resolve(today: today).description == expected)
    }

    @Test func relativeYearsClampLeapDays() throws {
        let leap = try #require(Day(year: 2024, month: 2, day: 29))
        #expect(try DateBound(parsing: "today-1y").resolve(today: leap).description == "2023-02-28")
        let endOfMonth = try #require(Day(year: 2025, month: 8, day: 31))
        #expect(try DateBound(parsing: "today+1m").resolve(today: endOfMonth).description == "2025-09-30")
    }

    @Test(arguments: [
        ("tomorrow", 0, "expected a date"), ("today+", 6, "expected a number"), ("today+30", 8, "one unit"),
        ("today*3d", 5, "'+' or '-'"), ("today+3x", 7, "unknown unit"), ("2023-02-29", 0, "not a calendar date"),
        ("today+1234567d", 6, "more than 6 digits"), ("", 0, "expected a date"), ("today+3dd", 7, "one unit"),
        ("08/01/2020", 0, "expected a date"),
    ])
    func rejects(text: String, offset: Int, fragment: String) {
        #expect {
            try DateBound(parsing: text)
        } throws: { error in
            guard let error = error as? DateFormatError else { return false }
            return error.offset == offset && error.message.contains(fragment)
        }
    }
}

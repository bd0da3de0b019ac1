import Testing

@testable import Values

@Suite struct DayTests {
    @Test(arguments: [(2024, 2, 29), (2000, 2, 29), (1, 1, 1), (9999, 12, 31), (2025, 12, 31), (2025, 4, 30)])
    func validDates(year: Int, month: Int, day: Int) throws {
        let value = try #require(Day(year: year, month: month, day: day))
        #expect(value.year == year)
        #expect(value.month == month)
        #expect(value.day == day)
    }

    @Test(arguments: [
        (2025, 2, 30), (2023, 2, 29), (1900, 2, 29), (2025, 13, 1), (2025, 0, 1), (2025, 4, 31), (2025, 1, 0),
        (2025, 1, 32), (0, 1, 1), (10_000, 1, 1),
    ])
    func invalidDates(year: Int, month: Int, day: Int) {
        #expect(Day(year: year, month: month, day: day) == nil)
    }

    @Test func epochDays() {
        #expect(Day(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
        #expect(Day(year: 1969, month: 12, day: 31)?.daysSinceEpoch == -1)
        #expect(Day(year: 2000, month: 1, day: 1)?.daysSinceEpoch == 10_957)
        #expect(Day(year: 2024, month: 8, day: 12)?.daysSinceEpoch == 19_947)
        #expect(Day(daysSinceEpoch: 0).description == "1970-01-01")
    }

    @Test func roundTripsAcrossTheWholeRange() throws {
        for days in stride(from: Day.minDaysSinceEpoch, through: Day.maxDaysSinceEpoch, by: 997) {
            let day = Day(daysSinceEpoch: days)
            let rebuilt = try #require(Day(year: day.year, month: day.month, day: day.day))
            #expect(rebuilt.daysSinceEpoch == days)
        }
    }

    @Test func clampsOutsideTheRange() {
        #expect(Day(daysSinceEpoch: .max).description == "9999-12-31")
        #expect(Day(daysSinceEpoch: .min).description == "0001-01-01")
        #expect(Day(daysSinceEpoch: 0).adding(days: .max).description == "9999-12-31")
        #expect(Day(daysSinceEpoch: 0).adding(years: -5000).description == "0001-01-01")
        #expect(Day(daysSinceEpoch: 0).adding(months: .max).description == "9999-12-31")
    }

    @Test(arguments: [
        ("2024-01-31", 1, "2024-02-29"), ("2023-01-31", 1, "2023-02-28"), ("2024-03-31", -1, "2024-02-29"),
        ("2024-12-15", 1, "2025-01-15"), ("2024-01-15", -13, "2022-12-15"), ("2024-05-31", 0, "2024-05-31"),
    ])
    func addingMonthsClampsToMonthEnd(start: String, months: Int, expected: String) throws {
        let day = try #require(Day(iso: start))
        #expect(day.adding(months: months).description == expected)
    }

    @Test(arguments: [
        ("2024-02-10", "2024-02-29"), ("2023-02-01", "2023-02-28"), ("1900-02-28", "1900-02-28"),
        ("2000-02-01", "2000-02-29"), ("2025-12-31", "2025-12-31"), ("2026-04-01", "2026-04-30"),
        ("9999-12-01", "9999-12-31"),
    ])
    func lastOfMonth(day: String, expected: String) throws {
        #expect(try #require(Day(iso: day)).lastOfMonth.description == expected)
    }

    @Test func addingYearsAndDays() throws {
        let leap = try #require(Day(year: 2024, month: 2, day: 29))
        #expect(leap.adding(years: 1).description == "2025-02-28")
        #expect(leap.adding(years: 4).description == "2028-02-29")
        #expect(leap.adding(days: 1).description == "2024-03-01")
        #expect(leap.adding(days: -60).description == "2023-12-31")
    }

    @Test func orderingAndDescription() throws {
        let early = try #require(Day(year: 1, month: 1, day: 1))
        let late = try #require(Day(year: 2024, month: 2, day: 29))
        #expect(early < late)
        #expect(early.description == "0001-01-01")
        #expect(late.description == "2024-02-29")
        #expect(Set([late, late.adding(days: 0)]).count == 1)
    }

    @Test func todayReadsTheClock() {
        let before = Day.today()
        let ahead = Day.today(utcOffsetSeconds: 86_400)
        let after = Day.today()
        #expect(before.year >= 2025)
        #expect(ahead == before.adding(days: 1) || ahead == after.adding(days: 1))
    }
}

import Testing

@testable import Values

@Suite struct FixedDecimalTests {
    static let parsed: [(text: String, units: Int64, scale: Int)] = [
        ("12", 12, 0), ("-3.5", -35, 1), ("+0.25", 25, 2), ("100.00", 10_000, 2), (".5", 5, 1), ("5.", 5, 0),
        ("0", 0, 0), ("-0", 0, 0), ("000123", 123, 0), ("0.000000001", 1, 9), ("0.000", 0, 3),
        ("999999999999999999", 999_999_999_999_999_999, 0), ("-999999999.999999999", -999_999_999_999_999_999, 9),
        ("0.1000000000", 1, 1), ("1.0000000000000000000", 1, 0), ("00000000000000000001.5", 15, 1),
    ]

    @Test(arguments: parsed)
    func parses(text: String, units: Int64, scale: Int) throws {
        let value = try #require(FixedDecimal.parse(text))
        #expect(value.units == units)
        #expect(value.scale == scale)
        let viaBytes = Array(text.utf8).withUnsafeBufferPointer { FixedDecimal.parse($0) }
        #expect(viaBytes?.units == units)
    }

    @Test(arguments: [
        "1e3", "", "-", "+", ".", "-.", "1,000", "12.3.4", "1234567890123456789", "0.1234567891", " 1", "1 ",
        "--1", "1-", "0x10", "١", "1.2e", "9999999999999999999",
    ])
    func rejects(text: String) {
        #expect(FixedDecimal.parse(text) == nil)
    }

    @Test(
        arguments: [
            (150, 2, "1.5"), (-5, 1, "-0.5"), (0, 3, "0"), (100, 0, "100"), (-100, 2, "-1"), (1, 9, "0.000000001"),
            (Int64.min, 0, "-9223372036854775808"), (-1_000_000_001, 9, "-1.000000001"),
        ] as [(Int64, Int, String)])
    func canonicalDescription(units: Int64, scale: Int, expected: String) {
        #expect(FixedDecimal(units: units, scale: scale).description == expected)
    }

    @Test func comparesExactlyAcrossScales() throws {
        func value(_ text: String) throws -> FixedDecimal { try #require(FixedDecimal.parse(text)) }
        #expect(try value("1.50") == value("1.5"))
        #expect(try !(value("1.50") < value("1.5")))
        #expect(try value("1.5") < value("1.51"))
        #expect(try value("-1.5") < value("-1.49"))
        #expect(try value("0.1") > value("0.09"))
        #expect(try value("100") == value("100.000000000"))
        #expect(try value("-0") == value("0.00"))
        #expect(try Set([value("1.50"), value("1.5"), value("1.500")]).count == 1)
        let huge = FixedDecimal(units: .max, scale: 0)
        let small = FixedDecimal(units: .max, scale: 9)
        #expect(small < huge)
        #expect(FixedDecimal(units: .min, scale: 0) < FixedDecimal(units: .min, scale: 9))
        #expect(FixedDecimal(units: 10, scale: 0) > FixedDecimal(units: 9_999_999_999, scale: 9))
    }

    @Test func rescales() {
        #expect(FixedDecimal(units: 15, scale: 1).rescaled(to: 3) == FixedDecimal(units: 1500, scale: 3))
        #expect(FixedDecimal(units: 15, scale: 1).rescaled(to: 3)?.units == 1500)
        #expect(FixedDecimal(units: 1500, scale: 3).rescaled(to: 1)?.units == 15)
        #expect(FixedDecimal(units: 1505, scale: 3).rescaled(to: 1) == nil)
        #expect(FixedDecimal(units: .max, scale: 0).rescaled(to: 1) == nil)
        #expect(FixedDecimal(units: 1, scale: 0).rescaled(to: 10) == nil)
        #expect(FixedDecimal(units: 1, scale: 0).rescaled(to: -1) == nil)
    }

    @Test(
        arguments: [
            ("12.5", 1250), ("12.50", 1250), ("12.500", 1250), ("-0.01", -1), ("12", 1200), ("0", 0),
        ] as [(String, Int64)])
    func cents(text: String, expected: Int64) {
        #expect(FixedDecimal.parse(text)?.cents == expected)
    }

    @Test(arguments: ["12.505", "0.001", "999999999999999999"])
    func centsRejectsSubCentOrOverflow(text: String) throws {
        #expect(try #require(FixedDecimal.parse(text)).cents == nil)
    }
}

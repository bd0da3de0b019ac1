import Testing
import Values

@testable import Mapping

@Suite struct DateFormatTests {
    static let valid: [(format: String, input: String, expected: String)] = [
        ("MM/dd/yyyy", "02/28/2025", "2025-02-28"), ("M/d/yyyy", "2/3/2025", "2025-02-03"),
        ("M/d/yyyy", "12/31/2025", "2025-12-31"), ("M/d/yyyy", "02/03/2025", "2025-02-03"),
        ("yyyy-MM-dd", "2024-02-29", "2024-02-29"), ("dd-MMM-yy", "05-aug-24", "2024-08-05"),
        ("dd-MMM-yy", "05-AUG-70", "1970-08-05"), ("d MMM yyyy", "1 Dec 1999", "1999-12-01"),
        ("yyyyMMdd", "20240229", "2024-02-29"), ("d.M.yyyy", "1.1.2000", "2000-01-01"),
        ("yy-MM-dd", "69-01-01", "2069-01-01"), ("yy-MM-dd", "70-01-01", "1970-01-01"),
        ("dd/MM/yyyy", "31/12/9999", "9999-12-31"), ("yyyy年M月d日", "2024年8月1日", "2024-08-01"),
    ]

    @Test(arguments: valid)
    func parses(format: String, input: String, expected: String) throws {
        let dateFormat = try DateFormat(format)
        #expect(dateFormat.parse(input)?.description == expected)
        let viaBytes = Array(input.utf8).withUnsafeBufferPointer { dateFormat.parse($0) }
        #expect(viaBytes?.description == expected)
    }

    static let invalid: [(format: String, input: String)] = [
        ("MM/dd/yyyy", "02/30/2025"), ("yyyy-MM-dd", "2023-02-29"), ("yyyy-MM-dd", "2024-13-01"),
        ("yyyy-MM-dd", "2024-2-29"), ("yyyy-MM-dd", "2024-02-29x"), ("yyyy-MM-dd", "2024-02-2"),
        ("yyyy-MM-dd", "0000-01-01"), ("yyyy-MM-dd", ""), ("yyyy-MM-dd", "2024/02/29"), ("M/d/yyyy", "2/3/25"),
        ("M/d/yyyy", "123/3/2025"), ("MM/dd/yyyy", "2/03/2025"), ("dd-MMM-yy", "05-Agu-24"),
        ("dd-MMM-yy", "05-Au-24"), ("dd-MMM-yy", "05-J@N-24"), ("yyyy-MM-dd", "２０２４-02-29"),
    ]

    @Test(arguments: invalid)
    func rejects(format: String, input: String) throws {
        #expect(try DateFormat(format).parse(input) == nil)
    }

    static let errors: [(format: String, offset: Int, fragment: String)] = [
        ("yyy-MM-dd", 0, "'yyy'"), ("yyyy-MMMM-dd", 5, "'MMMM'"), ("yyyy-MM-ddd", 8, "'ddd'"),
        ("yyyy-MM", 7, "no day"), ("MM-dd", 5, "no year"), ("yyyy-dd", 7, "no month"),
        ("yyyy-MM-dd HH:mm", 11, "letter 'H'"), ("yyyy-MM-dd-yy", 11, "year appears twice"),
        ("yyyyMd", 5, "ambiguous"), ("Myyyy-dd", 1, "ambiguous"), ("", 0, "no year"),
    ]

    @Test(arguments: errors)
    func rejectsFormats(format: String, offset: Int, fragment: String) {
        #expect {
            try DateFormat(format)
        } throws: { error in
            guard let error = error as? DateFormatError else { return false }
            return error.offset == offset && error.message.contains(fragment)
        }
    }

    @Test func variableWidthFieldsBetweenLiteralsAreAccepted() throws {
        #expect(try DateFormat("d-M-yyyy").parse("1-12-2024")?.description == "2024-12-01")
        #expect(try DateFormat("dMMMyyyy").parse("9jan2024")?.description == "2024-01-09")
    }

    @Test func equalityAndDescription() throws {
        #expect(try DateFormat("M/d/yyyy") == DateFormat("M/d/yyyy"))
        #expect(try DateFormat("M/d/yyyy") != DateFormat("MM/dd/yyyy"))
        #expect(try DateFormat("M/d/yyyy").description == "M/d/yyyy")
        #expect(DateFormat.iso == (try DateFormat("yyyy-MM-dd")))
        #expect(DateFormatError(offset: 2, message: "bad").description == "bad at offset 2")
    }
}

import Mapping
import Transport
import Values

/// Generates roster and attendance files of any size with invalid rows at known places.
///
/// Used by `dropgate bench ingest` and by the large-file tests; the expected outcome is computed while
/// generating, so a test can compare it with the receipt exactly.
public struct SampleGenerator: Sendable {
    /// How many rows of each outcome a generated attendance file holds.
    public struct Expectation: Sendable, Equatable {
        /// Data rows written.
        public var rows = 0
        /// Rows that must load.
        public var valid = 0
        /// Rows that must be rejected, by rule id.
        public var invalidByRule: [String: Int] = [:]

        /// Rows that must be rejected.
        public var invalid: Int { invalidByRule.values.reduce(0, +) }
    }

    /// Number of students on the roster.
    public var students: Int
    /// Every `invalidEvery`-th attendance row is invalid (0: none).
    public var invalidEvery: Int
    /// First school day.
    public var firstDay: Day

    /// Creates a generator.
    public init(
        students: Int, invalidEvery: Int = 100,
        firstDay: Day = Day(year: 2024, month: 8, day: 12) ?? Day(daysSinceEpoch: 19947)
    ) {
        self.students = students
        self.invalidEvery = invalidEvery
        self.firstDay = firstDay
    }

    static func studentID(_ index: Int) -> String { String(100_000 + index) }

    /// Writes a valid roster of `students` students.
    public func writeRoster(to path: String) throws {
        let writer = try AtomicFileWriter(path: path)
        try writer.write("Student ID,School,Last Name,First Name,Birthdate,Grade,Sex,CIN\r\n")
        let lastNames = ["Garcia", "Nguyen", "Smith", "Hernandez", "Lopez", "Kim", "Patel", "Johnson"]
        let firstNames = ["Ana", "Luis", "Mai", "Sam", "Jose", "Lena", "Omar", "Ivy"]
        for index in 0..<students {
            let birth = Day(year: 2008 + index % 10, month: 1 + index % 12, day: 1 + index % 28) ?? firstDay
            let date = "\(pad(birth.month))/\(pad(birth.day))/\(birth.year)"
            try writer.write(
                "\(Self.studentID(index)),\(1 + index % 9),\(lastNames[index % 8]),\(firstNames[(index / 8) % 8]),\(date),\(index % 13),\(index % 2 == 0 ? "F" : "M"),\(index % 3 == 0 ? Self.cin(index) : "")\r\n"
            )
        }
        try writer.commit()
    }

    /// Writes `rows` attendance rows: students × consecutive days, every `invalidEvery`-th row broken in
    /// one of five ways (impossible date, 130 %, letters in the id, unknown code, unknown student).
    public func writeAttendance(rows: Int, to path: String) throws -> Expectation {
        let writer = try AtomicFileWriter(path: path)
        try writer.write("Student ID,School,Date,All Day,Daily Attendance Percentage,Period 1,Period 2,Period 3\r\n")
        var expectation = Expectation()
        let codes = ["", "", "", "", "A", "I", "X", "L"]
        var broken = 0
        for row in 0..<rows {
            let student = row % students
            let day = firstDay.adding(days: row / students)
            var id = Self.studentID(student)
            var date = "\(pad(day.month))/\(pad(day.day))/\(day.year)"
            let code = codes[row % codes.count]
            var allDay = code
            // Consistent with the periods (`code`, blank, `code`): a tardy `L` attends, the other codes miss.
            var pct = code.isEmpty || code == "L" ? "100" : "0"
            if invalidEvery > 0, row % invalidEvery == invalidEvery - 1 {
                let rule: String
                switch broken % 5 {
                case 0: date = "02/30/\(day.year)"; rule = RuleID.invalidDate
                case 1: pct = "130"; rule = RuleID.aboveMax
                case 2: id = "12A45"; rule = RuleID.pattern
                case 3: allDay = "Q"; rule = RuleID.notInValues
                default: id = String(900_000_000 + row); rule = "unmapped-student"
                }
                broken += 1
                expectation.invalidByRule[rule, default: 0] += 1
            } else {
                expectation.valid += 1
            }
            expectation.rows += 1
            try writer.write("\(id),\(1 + student % 9),\(date),\(allDay),\(pct),\(code),,\(code)\r\n")
        }
        try writer.commit()
        return expectation
    }

    /// Writes `rows` attendance rows in the shape of a full Aeries export (15 columns): the student's name
    /// and the teacher's quoted with commas, six period codes consistent with the daily percentage, a
    /// modified date, and a comment column that is mostly empty, sometimes quoted with an embedded line
    /// break. Every `invalidEvery`-th row is broken in one of six ways (impossible date, 130 %, letters in
    /// the id, unknown period code, unknown student, no date). The name, comment and teacher columns are not
    /// mapped: they are read and skipped, as in a real export.
    public func writeWideAttendance(rows: Int, to path: String) throws -> Expectation {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(
            "Student ID,Student Name,School,Date,All Day,Daily Attendance Percentage,Period 1,Period 2,Period 3,"
                + "Period 4,Period 5,Period 6,Modified,Comment,Teacher\r\n")
        // All-day code, the six periods, and the percentage they give (present codes P, L, M, B attend).
        let days: [(allDay: String, periods: [String], pct: String)] = [
            ("", ["P", "P", "P", "P", "P", "P"], "100"), ("", ["P", "P", "P", "P", "P", "P"], "100"),
            ("", ["L", "P", "P", "P", "P", "P"], "100"), ("", ["P", "P", "P", "I", "I", "I"], "50"),
            ("A", ["A", "A", "A", "A", "A", "A"], "0"), ("I", ["I", "I", "I", "I", "I", "I"], "0"),
            ("", ["P", "P", "P", "P", "", ""], "100"), ("X", ["X", "X", "X", "X", "X", "X"], "0"),
        ]
        let lastNames = ["Garcia", "Nguyen", "Smith", "Hernandez", "Lopez", "Kim", "Patel", "Johnson"]
        let firstNames = ["Ana", "Luis", "Mai", "Sam", "Jose", "Lena", "Omar", "Ivy"]
        let comments = ["", "", "", "", "", "\"Parent called, 8:05\"", "", "\"Left at noon\nreturned 1:10\""]
        var expectation = Expectation()
        var broken = 0
        var buffer = ""
        for row in 0..<rows {
            let student = row % students
            let day = firstDay.adding(days: row / students)
            var id = Self.studentID(student)
            var date = "\(pad(day.month))/\(pad(day.day))/\(day.year)"
            var (allDay, periods, pct) = days[row % days.count]
            if invalidEvery > 0, row % invalidEvery == invalidEvery - 1 {
                let rule: String
                switch broken % 6 {
                case 0: date = "02/30/\(day.year)"; rule = RuleID.invalidDate
                case 1: pct = "130"; rule = RuleID.aboveMax
                case 2: id = "12A45"; rule = RuleID.pattern
                case 3: periods[2] = "Q"; rule = RuleID.notInValues
                case 4: id = String(900_000_000 + row); rule = "unmapped-student"
                default: date = ""; rule = RuleID.required
                }
                broken += 1
                expectation.invalidByRule[rule, default: 0] += 1
            } else {
                expectation.valid += 1
            }
            expectation.rows += 1
            let name = "\"\(lastNames[student % 8]), \(firstNames[(student / 8) % 8])\""
            let teacher = "\"\(lastNames[(student / 3) % 8]), \(firstNames[student % 8])\""
            buffer += "\(id),\(name),\(1 + student % 9),\(date),\(allDay),\(pct),"
            buffer += periods.joined(separator: ",")
            buffer += ",07/01/2024,\(comments[row % comments.count]),\(teacher)\r\n"
            if buffer.utf8.count >= 1 << 20 {
                try writer.write(buffer)
                buffer = ""
            }
        }
        try writer.write(buffer)
        try writer.commit()
        return expectation
    }

    /// Writes an XML member batch of at least `bytes` bytes: members match roster students by CIN (every
    /// third), by name and birth date (the rest of the first `students`), or nobody (beyond the roster).
    /// Returns the number of members.
    public func writeMemberBatch(bytes: Int64, to path: String) throws -> Int {
        let writer = try AtomicFileWriter(path: path)
        try writer.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<MemberBatch batchId=\"BENCH\">\n  <Members>\n")
        let lastNames = ["Garcia", "Nguyen", "Smith", "Hernandez", "Lopez", "Kim", "Patel", "Johnson"]
        let firstNames = ["Ana", "Luis", "Mai", "Sam", "Jose", "Lena", "Omar", "Ivy"]
        var count = 0
        while writer.byteCount < bytes {
            let index = count
            let birth = Day(year: 2008 + index % 10, month: 1 + index % 12, day: 1 + index % 28) ?? firstDay
            let cin = index % 3 == 0 ? "<CIN>\(Self.cin(index))</CIN>" : ""
            try writer.write(
                "    <Member plan=\"P\(index % 4)\"><MemberId>M\(index)</MemberId>\(cin)<Name><Last>\(lastNames[index % 8])</Last><First>\(firstNames[(index / 8) % 8])</First></Name><DateOfBirth>\(birth)</DateOfBirth><Eligibility start=\"2025-07-01\"/><AidCode>1X</AidCode><County>41</County></Member>\n"
            )
            count += 1
        }
        try writer.write("  </Members>\n</MemberBatch>\n")
        try writer.commit()
        return count
    }

    /// A well-formed CIN for student `index` (9, seven digits, a permitted letter).
    static func cin(_ index: Int) -> String {
        let digits = String(index % 10_000_000)
        return "9" + String(repeating: "0", count: 7 - digits.count) + digits + "C"
    }

    private func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}

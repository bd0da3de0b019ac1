import Claims
import Testing

@Suite struct MemberMatcherTests {
    static let students = [
        PersonIdentity(
            id: "1", cin: "91234567A", lastName: "Hernández", firstName: "José", birthdate: "2012-04-12"),
        PersonIdentity(id: "2", cin: nil, lastName: "O'Brien-Núñez", firstName: "Mai", birthdate: "2013-05-13"),
        PersonIdentity(id: "3", cin: nil, lastName: "Smith", firstName: "Sam", birthdate: "2011-06-14"),
        PersonIdentity(id: "4", cin: nil, lastName: "Smith", firstName: "Sam", birthdate: "2011-06-14"),
        PersonIdentity(id: "5", cin: "97654321C", lastName: "Kim", firstName: "Lee", birthdate: "2014-01-02"),
    ]
    let matcher = MemberMatcher(students: students)

    func member(_ cin: String?, _ last: String, _ first: String, _ birthdate: String) -> PersonIdentity {
        PersonIdentity(id: "M", cin: cin, lastName: last, firstName: first, birthdate: birthdate)
    }

    @Test func cinWinsOverNames() {
        #expect(
            matcher.match(member("91234567A", "Other", "Name", "2000-01-01")) == .matched(studentID: "1", by: .cin))
    }

    @Test func namesMatchIgnoringCaseAccentsHyphensAndSpaces() {
        #expect(
            matcher.match(member(nil, "HERNANDEZ", "jose", "2012-04-12"))
                == .matched(studentID: "1", by: .nameBirthdate))
        #expect(
            matcher.match(member(nil, "obrien nunez", "MAI", "2013-05-13"))
                == .matched(studentID: "2", by: .nameBirthdate))
    }

    @Test func twoCandidatesAreAmbiguous() {
        #expect(matcher.match(member(nil, "Smith", "Sam", "2011-06-14")) == .ambiguous(candidates: ["3", "4"]))
    }

    @Test func aDifferentBirthdateOrCINDoesNotMatch() {
        guard case .unmatched = matcher.match(member(nil, "Kim", "Lee", "2014-01-03")) else {
            Issue.record("a different birth date is another person")
            return
        }
        guard case .unmatched(let reason) = matcher.match(member("90000000A", "Kim", "Lee", "2014-01-02")) else {
            Issue.record("a student carrying another CIN is another person")
            return
        }
        #expect(reason.contains("whose CIN differs"))
    }

    @Test func countsAddUp() {
        var counts = MemberMatchCounts()
        for person in [
            member("91234567A", "Other", "Name", "2000-01-01"), member(nil, "HERNANDEZ", "jose", "2012-04-12"),
            member(nil, "Smith", "Sam", "2011-06-14"), member(nil, "Kim", "Lee", "2014-01-03"),
            member(nil, "obrien nunez", "MAI", "2013-05-13"), member(nil, "Nobody", "Known", "2014-05-05"),
        ] {
            counts.count(matcher.match(person))
        }
        #expect(counts.members == 6 && counts.matched == 3 && counts.matchedByCIN == 1)
        #expect(counts.matchedByNameBirthdate == 2 && counts.ambiguous == 1 && counts.unmatched == 2)
        #expect(counts.matchedPercent == 50)
        #expect(MemberMatchCounts().matchedPercent == 0)
    }
}

import Testing
import XMLRecords

@Suite struct XMLRecordLayoutTests {
    @Test(arguments: [
        ("MemberBatch/Members/Member", ["MemberId", "Name/Last", "@id", "Eligibility/@start", "."]),
        ("/MemberBatch", ["e:Name/e:Last", "@xml:lang", "first.name", "Aid-Code", "_x"]),
        ("//Member", []),
        ("//Members/e:Member", ["MemberId", "MemberId"]),
    ])
    func validPaths(recordPath: String, fieldPaths: [String]) throws {
        let layout = try XMLRecordLayout(recordPath: recordPath, fieldPaths: fieldPaths)
        #expect(layout == (try XMLRecordLayout(recordPath: recordPath, fieldPaths: fieldPaths)))
    }

    @Test(arguments: [
        ("", "the record path is empty"),
        ("//", "record path '//' has an empty step"),
        ("Members//Member", "record path 'Members//Member' has an empty step"),
        ("Members/", "record path 'Members/' has an empty step"),
        ("Members/@id", "record path 'Members/@id' has the step '@id', which is not an element name"),
        ("Members/*", "record path 'Members/*' has the step '*', which is not an element name"),
        ("Member[1]", "record path 'Member[1]' has the step 'Member[1]', which is not an element name"),
        ("Members/..", "record path 'Members/..' has the step '..', which is not an element name"),
        ("Mem ber", "record path 'Mem ber' has the step 'Mem ber', which is not an element name"),
        (":Member", "record path ':Member' has the step ':Member', which is not an element name"),
        ("a:b:c", "record path 'a:b:c' has the step 'a:b:c', which is not an element name"),
    ])
    func invalidRecordPath(recordPath: String, message: String) {
        let error = #expect(throws: XMLLayoutError.self) {
            try XMLRecordLayout(recordPath: recordPath, fieldPaths: ["MemberId"])
        }
        #expect(error?.message == message)
        #expect(error?.description == message)
    }

    @Test(arguments: [
        ("", "field path 2 is empty"),
        ("Name//Last", "field path 'Name//Last' has an empty step"),
        ("/MemberId", "field path '/MemberId' has an empty step"),
        ("Name/", "field path 'Name/' has an empty step"),
        ("@id/Name", "field path '@id/Name' has the attribute '@id' before its last step"),
        ("Name/@", "field path 'Name/@' has '@', which is not an attribute name"),
        ("./Name", "field path './Name' has the step '.', which is not an element name"),
        ("..", "field path '..' has the step '..', which is not an element name"),
        ("Name[2]", "field path 'Name[2]' has the step 'Name[2]', which is not an element name"),
        ("Name/text()", "field path 'Name/text()' has the step 'text()', which is not an element name"),
    ])
    func invalidFieldPath(fieldPath: String, message: String) {
        let error = #expect(throws: XMLLayoutError.self) {
            try XMLRecordLayout(recordPath: "//Member", fieldPaths: ["MemberId", fieldPath])
        }
        #expect(error?.message == message)
    }
}

import Testing

@testable import Mapping

@Suite struct TimeOfDayTests {
    @Test(arguments: [
        ("9:05", 545), ("09:05", 545), ("00:00", 0), ("0:00", 0), ("23:59", 1439), ("21:05:30", 1265),
        ("9:05 PM", 1265), ("9:05pm", 1265), ("9:05Pm", 1265), ("12:00 AM", 0), ("12:30 pm", 750),
        ("1:00AM", 60), ("11:59:59 PM", 1439), ("12:00 PM", 720),
    ])
    func parses(text: String, minutes: Int) {
        let time = Array(text.utf8).withUnsafeBufferPointer { TimeOfDay.parse($0) }
        #expect(time?.minutes == minutes)
    }

    @Test(arguments: [
        "", "24:00", "9:5", "9:60", "905", "9:05:6", "9:05:60", "123:00", "13:00 PM", "0:30 AM", "9:05  PM",
        "9:05 P", "9:05 PX", "9:05 XM", "9:05 am x", " 9:05", "9:05 ", ":05", "9:", "9-05",
    ])
    func rejects(text: String) {
        #expect(Array(text.utf8).withUnsafeBufferPointer { TimeOfDay.parse($0) } == nil)
    }

    @Test func constructionAndOrder() throws {
        #expect(TimeOfDay(minutes: 1440) == nil)
        #expect(TimeOfDay(minutes: -1) == nil)
        let early = try #require(TimeOfDay(minutes: 60))
        let late = try #require(TimeOfDay(minutes: 61))
        #expect(early < late)
    }
}

import TestThreads
import Testing

@testable import Transport

@Suite(.blocking) struct StabilityTrackerTests {
    func entry(_ name: String, size: Int64, modified: Double) -> FileSystem.Entry {
        FileSystem.Entry(name: name, size: size, modified: Int64(modified * 1e9), isRegularFile: true)
    }

    @Test func aGrowingFileIsTakenOnlyOnceItStopsChanging() {
        var tracker = StabilityTracker(stableAfter: 2, trustModificationTime: false)
        #expect(tracker.observe([entry("a.csv", size: 10, modified: 100)], now: 100).ready.isEmpty)
        #expect(tracker.observe([entry("a.csv", size: 20, modified: 101)], now: 101).ready.isEmpty)
        #expect(tracker.observe([entry("a.csv", size: 20, modified: 101)], now: 102.5).ready.isEmpty)
        let ready = tracker.observe([entry("a.csv", size: 20, modified: 101)], now: 103.1)
        #expect(ready.ready.map(\.name) == ["a.csv"])
        #expect(ready.settling == 0)
    }

    @Test func anOldLocalFileIsTakenAtFirstSight() {
        var tracker = StabilityTracker(stableAfter: 2, trustModificationTime: true)
        let result = tracker.observe(
            [entry("a.csv", size: 10, modified: 50), entry("b.csv", size: 1, modified: 99.5)], now: 100)
        #expect(result.ready.map(\.name) == ["a.csv"])
        #expect(result.settling == 1)
    }

    @Test(arguments: [
        ".hidden.csv", "upload.csv.part", "upload.csv.tmp", "UPLOAD.CSV.PART", "x.csv.filepart", "x.csv.done",
    ])
    func temporaryNamesAreNeverTaken(name: String) {
        var tracker = StabilityTracker(stableAfter: 0, trustModificationTime: true)
        #expect(tracker.observe([entry(name, size: 10, modified: 0)], now: 100).ready.isEmpty)
        #expect(StabilityTracker.isTemporaryName(name))
    }
}

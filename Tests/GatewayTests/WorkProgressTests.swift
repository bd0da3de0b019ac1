import Logging
import TestThreads
import Testing

@testable import Gateway

@Suite(.blocking) struct WorkProgressTests {
    @Test func aLineShowsCountsBytesRateAndTimeLeft() {
        let work = WorkProgress(
            title: "job 12", jobID: 12, source: "lincoln-usd", unit: "records", totalBytes: 72_000_000)
        let snapshot = WorkProgress.Snapshot(units: 340_112, bytes: 23_400_000, totalBytes: 72_000_000, elapsed: 10)
        #expect(
            work.line(snapshot) == "job 12 · 340,112 records · 23.4 of 72.0 MB (32%) · 34,011 records/s · 0:21 left")
        let metadata = work.metadata(snapshot)
        #expect(metadata["job.id"] == "12")
        #expect(metadata["records"] == "340112")
        #expect(metadata["percent"] == "32")
        #expect(metadata["rate_per_s"] == "34011")
    }

    @Test func withoutAKnownSizeThereIsNoShareAndNoTimeLeft() {
        let work = WorkProgress(title: "claims build lea-bop", source: "lea-bop", unit: "services")
        let snapshot = WorkProgress.Snapshot(units: 1_500, bytes: 0, totalBytes: nil, elapsed: 3)
        #expect(work.line(snapshot) == "claims build lea-bop · 1,500 services · 500 services/s")
        #expect(snapshot.secondsLeft == nil && snapshot.fraction == nil)
        #expect(work.metadata(snapshot)["job.id"] == nil)
    }

    @Test func timeLeftReadsAsAClock() {
        #expect(WorkProgress.clock(0.2) == "0:01")
        #expect(WorkProgress.clock(61) == "1:01")
        #expect(WorkProgress.clock(3_725) == "1:02:05")
        #expect(WorkProgress.grouped(999) == "999")
        #expect(WorkProgress.grouped(1_000) == "1,000")
        #expect(WorkProgress.megabytes(49_999) == "0.0")
        #expect(WorkProgress.megabytes(50_000) == "0.1")
    }

    @Test func workIsInFlightWhileItRunsEvenWhenItThrows() throws {
        struct Failed: Error {}
        let register = WorkInFlight()
        register.track(title: "job 1", jobID: 1, source: "a", unit: "records", totalBytes: 10) { progress in
            progress.advance(3)
            progress.read(4)
            #expect(register.current.map(\.title) == ["job 1"])
            #expect(register.current.first?.units == 3 && register.current.first?.bytes == 4)
        }
        #expect(register.current.isEmpty)
        #expect(throws: Failed.self) {
            try register.track(title: "job 2", source: "a", unit: "records") { _ in throw Failed() }
        }
        #expect(register.current.isEmpty)
    }
}

import Foundation
import Store
import Values

extension Alerter {
    /// The `file-missing` conditions holding at `now`, from each source's `expect:` schedule.
    ///
    /// A kind is missing for a date when no job of that kind from that source (in any state but `duplicate`) was
    /// created since the start of that date in the schedule's zone; a late file counts and closes the alert.
    /// Only today's deadline (the local date at `now`) can open an alert, once it has passed on a scheduled,
    /// non-holiday day; an alert already open for an earlier date stays open until a file arrives.
    ///
    /// - Parameter open: keys of the alerts open now.
    func missingFiles(now: Date, open: Set<String>) throws -> [AlertCandidate] {
        var candidates: [AlertCandidate] = []
        for source in config.sources {
            for arrival in source.expect {
                let today = arrival.day(of: now)
                let due =
                    arrival.isExpected(on: today, holidays: source.holidays)
                    && arrival.deadline(on: today).map { now >= $0 } == true
                for kind in arrival.kinds {
                    let prefix = Self.missingKey(source: source.id, kind: kind, day: nil)
                    var days = Set(
                        open.filter { $0.hasPrefix(prefix) }.compactMap { Day(iso: $0.dropFirst(prefix.count)) })
                    if due { days.insert(today) }
                    for day in days.sorted() {
                        guard let start = arrival.start(of: day),
                            !(try ledger.alerts.received(source: source.id, kind: kind, since: start))
                        else { continue }
                        candidates.append(
                            AlertCandidate(
                                condition: AlertCondition.fileMissing.rawValue, source: source.id,
                                subject: "\(source.id)/\(kind)/\(day)",
                                detail: "no \(kind) file from \(source.id) by \(arrival.deadlineText) on \(day)"))
                    }
                }
            }
        }
        return candidates
    }

    /// `file-missing:SOURCE/KIND/DATE`, or its prefix without the date when `day` is `nil`.
    static func missingKey(source: String, kind: String, day: Day?) -> String {
        AlertCondition.fileMissing.rawValue + ":\(source)/\(kind)/" + (day.map(\.description) ?? "")
    }
}

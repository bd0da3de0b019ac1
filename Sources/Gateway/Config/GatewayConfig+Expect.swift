import Foundation
import Mapping
import Values

extension GatewayConfig {
    /// Decodes a source's `expect:` list; every mistake is reported with its line (kinds are checked against the
    /// mappings when the gateway opens).
    static func expectations(_ node: YAMLNode) -> [ExpectedArrival] {
        var arrivals: [ExpectedArrival] = []
        for item in node.sequence() ?? [] {
            guard let fields = item.fields(allowed: ["kinds", "by", "days", "timezone"]) else { continue }
            guard let kinds = fields["kinds"]?.strings(), !kinds.isEmpty else {
                item.issue("an expect entry needs 'kinds' (a list of mapping kinds)")
                continue
            }
            guard let byNode = fields["by"], let by = byNode.string() else {
                item.issue("an expect entry needs 'by' (a local time like \"07:30\")")
                continue
            }
            guard let (hour, minute) = clockTime(by) else {
                byNode.issue("'by' must be a time from 00:00 to 23:59 like \"07:30\", found '\(by)'")
                continue
            }
            guard let daysNode = fields["days"], let names = daysNode.strings(), !names.isEmpty else {
                item.issue("an expect entry needs 'days' (a list like [mon, tue, wed, thu, fri])")
                continue
            }
            var weekdays = Set<Int>()
            for name in names {
                guard let index = ExpectedArrival.dayNames.firstIndex(of: name.lowercased()) else {
                    daysNode.issue(
                        "unknown day '\(name)'; days: \(ExpectedArrival.dayNames.joined(separator: ", "))")
                    continue
                }
                weekdays.insert(index + 1)
            }
            guard let zoneNode = fields["timezone"], let zone = zoneNode.string() else {
                item.issue("an expect entry needs 'timezone' (an IANA name like America/Los_Angeles)")
                continue
            }
            guard let timeZone = TimeZone(identifier: zone) else {
                zoneNode.issue("unknown timezone '\(zone)'; use an IANA name like America/Los_Angeles or UTC")
                continue
            }
            arrivals.append(
                ExpectedArrival(
                    kinds: kinds, hour: hour, minute: minute, weekdays: weekdays, timeZone: timeZone,
                    line: fields["kinds"]?.line ?? item.line))
        }
        return arrivals
    }

    /// Decodes a source's `holidays:` list of ISO dates (`2026-12-25`).
    static func holidays(_ node: YAMLNode) -> Set<Day> {
        var days = Set<Day>()
        for text in node.strings() ?? [] {
            guard let day = Day(iso: text) else {
                node.issue("holidays must be dates like 2026-12-25, found '\(text)'")
                continue
            }
            days.insert(day)
        }
        return days
    }

    /// `HH:MM` (00:00 to 23:59) as hour and minute.
    private static func clockTime(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        return (hour, minute)
    }
}

import Claims
import Store
import Values

extension Gateway {
    /// Unbilled services whose payer's filing deadline is at most `within` days away, or already passed,
    /// grouped per payer and deadline; nearest deadline first.
    ///
    /// A service counts for a payer when its district is one the profile bills and its code is in the
    /// profile's fee schedule. Nothing about the student is read.
    ///
    /// - Parameters:
    ///   - within: days from today (0 or more) within which an upcoming deadline is listed.
    ///   - payer: only this payer profile; `nil`: every profile.
    /// - Throws: ``GatewayError`` for an unknown payer; store errors.
    public func filingDeadlines(within: Int, payer: String? = nil) throws -> [FilingDeadline] {
        let profiles = payers.filter { payer == nil || $0.id == payer }
        if let payer, profiles.isEmpty {
            let known = payers.map(\.id).joined(separator: ", ")
            throw GatewayError(.notFound, "unknown payer '\(payer)'; payer profiles: \(known.isEmpty ? "none" : known)")
        }
        let today = today()
        var rows: [FilingDeadline] = []
        for profile in profiles {
            var byDeadline: [Day: FilingDeadline] = [:]
            for district in profile.districts {
                for (date, code, count) in try ledger.claims.unbilledServiceCounts(district: district)
                where profile.feeSchedule[code] != nil {
                    let deadline = profile.filingLimit.deadline(for: date)
                    let daysLeft = deadline.daysSinceEpoch - today.daysSinceEpoch
                    guard daysLeft <= within else { continue }
                    var row =
                        byDeadline[deadline]
                        ?? FilingDeadline(
                            payer: profile.id, deadline: deadline, daysLeft: daysLeft, services: 0, firstService: date,
                            lastService: date, delayReasonCode: profile.filingLimit.delayReasonCode)
                    row.services += count
                    row.firstService = min(row.firstService, date)
                    row.lastService = max(row.lastService, date)
                    byDeadline[deadline] = row
                }
            }
            rows += byDeadline.values
        }
        return rows.sorted { ($0.deadline, $0.payer) < ($1.deadline, $1.payer) }
    }
}

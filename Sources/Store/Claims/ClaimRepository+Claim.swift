import Claims
import GRDB
import Values

extension ClaimRepository {
    /// A recorded claim with its lines, as it was written to the payer.
    static func claim(_ db: any SQLConnection, id: Int64) throws -> Claim? {
        guard
            let row = try db.fetchOne(
                sql: """
                    SELECT pcn, frequency, payer_claim_number, member_id, last_name, first_name, birthdate, sex,
                           address, city, state, zip, rendering_npi, rendering_name, diagnoses, place_of_service,
                           corrects
                    FROM claims WHERE id = ?
                    """, arguments: [id])
        else { return nil }
        var address: PostalAddress?
        if let street: String = row[8] {
            address = PostalAddress(street: street, city: row[9] ?? "", state: row[10] ?? "", zip: row[11] ?? "")
        }
        let subscriber = Subscriber(
            memberID: row[3], lastName: row[4], firstName: row[5],
            birthdate: (row[6] as String?).flatMap { Day(iso: $0) },
            sex: row[7], address: address)
        var payerClaimNumber: String? = row[2]
        if payerClaimNumber == nil, let corrected: Int64 = row[16] {
            payerClaimNumber = try db.fetchOne(
                String.self, sql: "SELECT payer_claim_number FROM claims WHERE id = ?", arguments: [corrected])
        }
        var lines: [ClaimLine] = []
        let lineRows = try db.fetchAll(
            sql: """
                SELECT district, service_date, student_id, rendering_npi, billing_code, start_time, code, modifiers,
                       units, charge_cents, pointers
                FROM claim_lines WHERE claim_id = ? ORDER BY line
                """, arguments: [id])
        for line in lineRows {
            let date = try ClaimBuildSession.storedDay(line[1], table: "claim_lines")
            lines.append(
                ClaimLine(
                    service: ServiceKey(
                        district: line[0], studentID: line[2], date: date, startTime: line[5], renderingNPI: line[3],
                        billingCode: line[4]),
                    code: line[6], modifiers: ClaimBuildSession.list(line[7]), units: line[8],
                    charge: Money(cents: line[9]), pointers: ClaimBuildSession.list(line[10]).compactMap { Int($0) }))
        }
        return Claim(
            patientControlNumber: row[0], frequency: Claim.Frequency(rawValue: row[1]) ?? .original,
            payerClaimNumber: payerClaimNumber, subscriber: subscriber, renderingNPI: row[12], renderingName: row[13],
            diagnoses: ClaimBuildSession.list(row[14]), placeOfService: row[15], lines: lines)
    }
}

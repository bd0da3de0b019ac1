import Claims
import Foundation
import GRDB
import Mapping
import Values

/// The one write transaction of a claim build: control number, batch, claims, lines and billed services
/// commit together or not at all.
///
/// Only valid inside ``ClaimRepository/buildClaims(_:)``.
public final class ClaimBuildSession {
    let db: any SQLConnection
    private var nextClaimID: Int64 = 0
    /// The per-claim inserts, prepared on the first claim (a build can record 100,000).
    private var inserts: Inserts?

    private var stamps: (date: Date, text: String)?

    init(db: any SQLConnection) {
        self.db = db
    }

    /// The stored form of `date`, formatted once per build (formatters are expensive).
    private func stamp(_ date: Date) -> String {
        if let stamps, stamps.date == date { return stamps.text }
        let text = Ledger.timestamp(date)
        stamps = (date, text)
        return text
    }

    /// Takes the payer's next interchange control number (1 after 999,999,999 is refused, never wrapped).
    ///
    /// One statement reserves it, so gateways sharing a PostgreSQL database never take the same number.
    public func nextControlNumber(payer: String) throws -> Int {
        let number =
            try db.fetchOne(
                Int.self,
                sql: """
                    INSERT INTO control_numbers (payer, last_interchange) VALUES (?, 1)
                    ON CONFLICT (payer) DO UPDATE SET last_interchange = control_numbers.last_interchange + 1
                    RETURNING last_interchange
                    """, arguments: [payer]) ?? 0
        guard number <= 999_999_999 else {
            throw StoreError(.invalidTransition, "payer \(payer) has used every interchange control number")
        }
        return number
    }

    /// Records a batch in state `writing` (totals set by ``finishBatch(id:claims:lines:totalCents:)``);
    /// ``ClaimRepository/markBatchWritten(id:sha256:bytes:)`` completes it.
    public func createBatch(
        payer: String, format: PayerProfile.ClaimFormat, controlNumber: Int, file: String, createdAt: Date
    ) throws -> Int64 {
        let id = try db.fetchOne(
            Int64.self,
            sql: """
                INSERT INTO claim_batches (payer, format, interchange_control, file, state, claims, lines, total_cents, created_at)
                VALUES (?, ?, ?, ?, 'writing', 0, 0, 0, ?) RETURNING id
                """, arguments: [payer, format.rawValue, controlNumber, file, Ledger.timestamp(createdAt)])
        guard let id else { throw StoreError(.sqlite, "the new batch of \(payer) got no id") }
        return id
    }

    /// Sets a batch's totals once its claims are recorded.
    public func finishBatch(id: Int64, claims: Int, lines: Int, totalCents: Int64) throws {
        try db.execute(
            sql: "UPDATE claim_batches SET claims = ?, lines = ?, total_cents = ? WHERE id = ?",
            arguments: [claims, lines, totalCents, id])
    }

    /// Records a claim and its lines, marks its services billed, and returns the claim with its patient
    /// control number (`DG` + the claim id: unique, never reused, no personal data).
    ///
    /// - Parameters:
    ///   - claim: the claim (its patient control number is assigned here).
    ///   - batchID: the batch it goes out in.
    ///   - setControl: ST02 of its transaction set.
    ///   - corrects: the claim a replacement or void corrects. It keeps its status until the payer accepts the
    ///     correction (then `replaced` or `voided`); a rejected correction hands the services back to it.
    public func add(
        _ claim: Claim, payer: String, batchID: Int64, setControl: String, corrects: Int64? = nil, now: Date = Date()
    ) throws -> Claim {
        let id = try takeClaimID()
        var recorded = claim
        recorded.patientControlNumber = Self.patientControlNumber(id)
        let period = claim.period
        let subscriber = claim.subscriber
        let inserts = try self.inserts ?? Inserts(db: db)
        self.inserts = inserts
        let district = claim.lines.first?.service.district ?? ""
        let student = claim.lines.first?.service.studentID ?? ""
        let text = { (value: String?) in value.map(SQLValue.text) ?? .null }
        try inserts.claim.execute(
            .int(id), .int(batchID), .text(payer), .text(recorded.patientControlNumber), .text(setControl),
            .text(claim.frequency.rawValue), corrects.map(SQLValue.int) ?? .null, .text(district),
            .text(student), .text(subscriber.memberID), .text(subscriber.lastName), .text(subscriber.firstName),
            text(subscriber.birthdate?.description), .text(subscriber.sex), text(subscriber.address?.street),
            text(subscriber.address?.city), text(subscriber.address?.state), text(subscriber.address?.zip),
            .text(claim.renderingNPI), .text(claim.renderingName), .text(claim.placeOfService),
            .text(claim.diagnoses.joined(separator: ";")), .text(period?.from.description ?? ""),
            .text(period?.to.description ?? ""), .int(claim.total.cents),
            // The payer's number for this claim comes with its own 835; a correction's REF*F8 is read from the
            // claim it corrects.
            .null, .text(stamp(now)))
        for (index, line) in claim.lines.enumerated() {
            let key = line.service
            let date = key.date.description
            try inserts.line.execute(
                .int(id), .int(Int64(index + 1)), .text(key.district), .text(date), .text(key.studentID),
                .text(key.renderingNPI), .text(key.billingCode), .text(key.startTime), .text(line.code),
                .text(line.modifiers.joined(separator: ";")), .int(Int64(line.units)), .int(line.charge.cents),
                .text(line.pointers.map(String.init).joined(separator: ";")))
            // A replacement or void takes its services over from the claim it corrects; the payer's
            // acknowledgment decides what happens next (see `LoadSession.acknowledge`).
            try inserts.billed.execute(
                .text(key.district), .text(date), .text(key.studentID), .text(key.renderingNPI),
                .text(key.billingCode), .text(key.startTime), .int(id))
        }
        if let corrects {
            try db.execute(sql: "UPDATE claims SET correction = NULL WHERE id = ?", arguments: [corrects])
        }
        return recorded
    }

    /// The next claim id: counted from the last one on SQLite (one writer), taken from the table's sequence on
    /// PostgreSQL (gateways building at once never share one).
    private func takeClaimID() throws -> Int64 {
        switch db.dialect {
        case .sqlite:
            if nextClaimID == 0 {
                nextClaimID =
                    (try db.fetchOne(Int64.self, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'claims'") ?? 0) + 1
            }
            defer { nextClaimID += 1 }
            return nextClaimID
        case .postgres:
            guard let id = try db.fetchOne(Int64.self, sql: "SELECT nextval(pg_get_serial_sequence('claims', 'id'))")
            else { throw StoreError(.postgres, "the claims sequence gave no id") }
            return id
        }
    }

    static func patientControlNumber(_ id: Int64) -> String {
        let digits = String(id)
        return "DG" + String(repeating: "0", count: max(0, 9 - digits.count)) + digits
    }

    /// Calls `body` with each loaded service of `district` up to `through` that is on no live claim, ordered by
    /// student, rendering NPI, date and start time (the order ``ClaimAssembler`` needs).
    public func forEachUnbilledService(
        district: String, through: Day, _ body: (BillableService) throws -> Void
    ) throws {
        let spans = try eligibility(district: district)
        let roster = try practitioners(district: district)
        try db.forEach(
            sql: Self.serviceColumns + """
                WHERE s.district = ? AND s.service_date <= ?
                  AND NOT EXISTS (SELECT 1 FROM billed_services b
                                  WHERE b.district = s.district AND b.service_date = s.service_date
                                    AND b.student_id = s.student_id AND b.rendering_npi = s.rendering_npi
                                    AND b.billing_code = s.billing_code AND b.start_time = s.start_time)
                ORDER BY s.student_id, s.rendering_npi, s.service_date, s.start_time
                """, arguments: [district, through.description]
        ) { row in
            try body(try Self.service(row, district: district, spans: spans, roster: roster))
        }
    }

    /// The services a recorded claim bills, as they are now (a replacement carries the corrected data), in
    /// line order. A service deleted since is left out.
    public func currentServices(ofClaim claimID: Int64) throws -> [BillableService] {
        let district = try db.fetchOne(
            String.self, sql: "SELECT district FROM claims WHERE id = ?", arguments: [claimID])
        guard let district else { return [] }
        let spans = try eligibility(district: district)
        let roster = try practitioners(district: district)
        return try db.fetchAll(
            sql: Self.serviceColumns + """
                JOIN claim_lines l ON l.district = s.district AND l.service_date = s.service_date
                    AND l.student_id = s.student_id AND l.rendering_npi = s.rendering_npi
                    AND l.billing_code = s.billing_code AND l.start_time = s.start_time
                WHERE l.claim_id = ?
                ORDER BY l.line
                """, arguments: [claimID]
        ).map { try Self.service($0, district: district, spans: spans, roster: roster) }
    }

    /// The columns ``service(_:district:spans:roster:)`` reads: a service with its student, if on the roster.
    private static let serviceColumns = """
        SELECT s.student_id, s.service_date, s.start_time, s.rendering_npi, s.billing_code, s.modifiers,
               s.units, s.place_of_service, s.rendering_name, s.diagnosis_codes, s.consent,
               st.student_id, st.last_name, st.first_name, st.birthdate, st.sex, st.address, st.city,
               st.state, st.zip
        FROM services s
        LEFT JOIN students st ON st.district = s.district AND st.student_id = s.student_id

        """

    private static func service(
        _ row: SQLRow, district: String, spans: [String: [EligibilitySpan]], roster: [String: [PractitionerPeriod]]
    ) throws -> BillableService {
        let studentID: String = row[0]
        let date = try storedDay(row[1], table: "services")
        let key = ServiceKey(
            district: district, studentID: studentID, date: date, startTime: row[2], renderingNPI: row[3],
            billingCode: row[4])
        var student: Subscriber?
        if (row[11] as String?) != nil {
            var address: PostalAddress?
            if let street: String = row[16], let city: String = row[17], let state: String = row[18],
                let zip: String = row[19], !street.isEmpty
            {
                address = PostalAddress(street: street, city: city, state: state, zip: zip.filter(\.isNumber))
            }
            student = Subscriber(
                memberID: "", lastName: row[12] ?? "", firstName: row[13] ?? "",
                birthdate: (row[14] as String?).flatMap { Day(iso: $0) }, sex: row[15] ?? "U", address: address)
        }
        return BillableService(
            key: key, modifiers: list(row[5]), units: row[6] ?? 1, placeOfService: row[7],
            renderingName: row[8] ?? "", diagnoses: list(row[9]), consent: (row[10] as Int?) == 1,
            student: student, eligibility: spans[studentID] ?? [], practitioner: roster[key.renderingNPI] ?? [])
    }

    /// Claims whose operator asked for a replacement or void, with what the correction needs.
    public func requestedCorrections(payer: String) throws -> [(id: Int64, claim: Claim)] {
        let ids = try db.fetchAll(
            Int64.self, sql: "SELECT id FROM claims WHERE payer = ? AND correction IS NOT NULL ORDER BY id",
            arguments: [payer])
        return try ids.compactMap { id in
            guard let claim = try ClaimRepository.claim(db, id: id),
                let request: String = try db.fetchOne(
                    String.self, sql: "SELECT correction FROM claims WHERE id = ?", arguments: [id])
            else { return nil }
            var correction = claim
            correction.frequency = request == "void" ? .void : .replacement
            return (id, correction)
        }
    }

    /// The district's practitioner roster (payer profile `qualified`), per NPI.
    private func practitioners(district: String) throws -> [String: [PractitionerPeriod]] {
        try DomainRepository.practitionerPeriods(db, table: "practitioners", district: district)
    }

    private func eligibility(district: String) throws -> [String: [EligibilitySpan]] {
        var spans: [String: [EligibilitySpan]] = [:]
        try db.forEach(
            sql: """
                SELECT student_id, member_id, eligibility_start, eligibility_end, plan_code
                FROM student_eligibility WHERE district = ? ORDER BY student_id, eligibility_start
                """, arguments: [district]
        ) { row in
            let start = try Self.storedDay(row[2], table: "student_eligibility")
            spans[row[0], default: []].append(
                EligibilitySpan(
                    memberID: row[1], start: start, end: (row[3] as String?).flatMap { Day(iso: $0) },
                    planCode: row[4]))
        }
        return spans
    }

    /// A date as the loaders store it (`yyyy-MM-dd`); anything else means the database was edited by hand, and
    /// the build stops rather than leave the row out.
    static func storedDay(_ text: String, table: String) throws -> Day {
        guard let day = Day(iso: text) else {
            throw StoreError(.sqlite, "\(table) holds a date that is not yyyy-MM-dd: '\(text)'")
        }
        return day
    }

    /// The items of a `;`-separated list as stored (modifiers, diagnosis codes, pointers), spaces trimmed.
    static func list(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.utf8.split(separator: UInt8(ascii: ";")).compactMap { item in
            var slice = Substring(item)
            while slice.first == " " { slice = slice.dropFirst() }
            while slice.last == " " { slice = slice.dropLast() }
            return slice.isEmpty ? nil : String(slice)
        }
    }

    /// The statements ``add(_:payer:batchID:setControl:corrects:now:)`` runs for each claim and line.
    private struct Inserts {
        let claim: any PreparedStatement
        let line: any PreparedStatement
        let billed: any PreparedStatement

        init(db: any SQLConnection) throws {
            claim = try db.prepare(
                """
                INSERT INTO claims (id, batch_id, payer, pcn, set_control, frequency, corrects, district, student_id,
                    member_id, last_name, first_name, birthdate, sex, address, city, state, zip, rendering_npi,
                    rendering_name, place_of_service, diagnoses, period_start, period_end, total_cents, status,
                    payer_claim_number, status_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'built', ?, ?)
                """)
            line = try db.prepare(
                """
                INSERT INTO claim_lines (claim_id, line, district, service_date, student_id, rendering_npi,
                    billing_code, start_time, code, modifiers, units, charge_cents, pointers)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            billed = try db.prepare(
                """
                INSERT INTO billed_services (district, service_date, student_id, rendering_npi, billing_code, start_time, claim_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (district, service_date, student_id, rendering_npi, billing_code, start_time)
                DO UPDATE SET claim_id = excluded.claim_id
                """)
        }
    }
}

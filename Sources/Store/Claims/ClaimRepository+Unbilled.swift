import GRDB
import Values

extension ClaimRepository {
    /// A district's services on no claim yet, counted per service date and billing code (upper-cased), by date.
    ///
    /// What `claims aging --filing` needs to find services nearing their payer's filing limit: dates, codes
    /// and counts only, no student.
    public func unbilledServiceCounts(district: String) throws -> [(date: Day, code: String, count: Int)] {
        try database.read { db in
            try db.fetchAll(
                sql: """
                    SELECT s.service_date, UPPER(s.billing_code), COUNT(*)
                    FROM services s
                    WHERE s.district = ?
                      AND NOT EXISTS (SELECT 1 FROM billed_services b
                                      WHERE b.district = s.district AND b.service_date = s.service_date
                                        AND b.student_id = s.student_id AND b.rendering_npi = s.rendering_npi
                                        AND b.billing_code = s.billing_code AND b.start_time = s.start_time)
                    GROUP BY s.service_date, UPPER(s.billing_code)
                    ORDER BY s.service_date
                    """, arguments: [district]
            ).map { row in
                (try ClaimBuildSession.storedDay(row[0], table: "services"), row[1], row[2])
            }
        }
    }
}

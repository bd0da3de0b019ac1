import GRDB

extension ClaimRepository {
    /// The last interchange control number taken per payer.
    public func controlNumbers() throws -> [String: Int64] {
        try database.read { db in
            var numbers: [String: Int64] = [:]
            for row in try db.fetchAll(sql: "SELECT payer, last_interchange FROM control_numbers") {
                numbers[row["payer"]] = row["last_interchange"]
            }
            return numbers
        }
    }

    /// Raises a payer's last interchange control number to `number` (never lowers it), so numbers used after
    /// a backup are not used again once it is restored.
    public func raiseControlNumber(payer: String, to number: Int64) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO control_numbers (payer, last_interchange) VALUES (?, ?)
                    ON CONFLICT (payer) DO UPDATE
                    SET last_interchange = max(control_numbers.last_interchange, excluded.last_interchange)
                    """, arguments: [payer, number])
            try db.audit(job: nil, "control-number-raised", "payer \(payer): at least \(number) after a restore")
        }
    }
}

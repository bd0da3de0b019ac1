extension Migration {
    /// The remark codes (RARCs of MIA, MOA and LQ*HE) each remitted claim carried, claim level first (`code;…`).
    static let v21RemittanceRemarks = Migration(
        name: "v21-remittance-remarks",
        ledgerTables: [],
        sql: "ALTER TABLE remittance_claims ADD COLUMN remarks TEXT NOT NULL DEFAULT '';")
}

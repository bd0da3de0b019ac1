import Foundation
import GRDB
import TestThreads
import Testing

@testable import Store

/// v11 rebuilds `claims` to widen its status CHECK: rows, references and the index survive it.
@Suite(.blocking) struct ClaimAcknowledgmentMigrationTests {
    @Test func claimsSurviveTheRebuildAndTakeTheNewStates() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("v11-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("db.sqlite").path)
        try Migrations.migrator.migrate(queue, upTo: "v10-job-leases")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO claim_batches (id, payer, format, interchange_control, file, state, claims, lines,
                        total_cents, created_at) VALUES (1, 'p', '837P', 1, '/f', 'submitted', 2, 1, 100, 't');
                    INSERT INTO claims (id, batch_id, payer, pcn, set_control, frequency, district, student_id, member_id,
                        last_name, first_name, sex, rendering_npi, rendering_name, place_of_service, diagnoses,
                        period_start, period_end, total_cents, status, status_at)
                    VALUES (1, 1, 'p', 'DG1', '0001', '1', 'd', 's', 'm', 'l', 'f', 'F', 'n', 'r', '03', 'F840',
                        '2025-01-01', '2025-01-31', 100, 'paid', 't');
                    INSERT INTO claims (id, batch_id, payer, pcn, set_control, frequency, corrects, district, student_id,
                        member_id, last_name, first_name, sex, rendering_npi, rendering_name, place_of_service, diagnoses,
                        period_start, period_end, total_cents, status, status_at)
                    VALUES (2, 1, 'p', 'DG2', '0001', '7', 1, 'd', 's', 'm', 'l', 'f', 'F', 'n', 'r', '03', 'F840',
                        '2025-01-01', '2025-01-31', 100, 'submitted', 't');
                    INSERT INTO claim_lines (claim_id, line, district, service_date, student_id, rendering_npi,
                        billing_code, start_time, code, modifiers, units, charge_cents, pointers)
                    VALUES (2, 1, 'd', '2025-01-02', 's', 'n', 'b', '09:00', '90832', '', 1, 100, '1');
                    INSERT INTO billed_services VALUES ('d', '2025-01-02', 's', 'n', 'b', '09:00', 2);
                    """)
        }
        try Migrations.migrator.migrate(queue)
        try queue.write { db in
            #expect(
                try String.fetchAll(db, sql: "SELECT pcn || ':' || status FROM claims ORDER BY id") == [
                    "DG1:paid", "DG2:submitted",
                ])
            #expect(try Int.fetchOne(db, sql: "SELECT corrects FROM claims WHERE id = 2") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM billed_services WHERE claim_id = 2") == 1)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(
                try String.fetchOne(db, sql: "SELECT name FROM sqlite_master WHERE name = 'claims_by_batch'") != nil)
            try db.execute(sql: "UPDATE claims SET status = 'accepted-by-payer' WHERE id = 2")
            try db.execute(sql: "UPDATE claims SET status = 'rejected-by-payer' WHERE id = 2")
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE claims SET status = 'lost' WHERE id = 2")
            }
        }
    }
}

import Foundation
import GRDB
import TestThreads
import Testing

@testable import Store

/// v14 rebuilds `claim_batches` to widen its state CHECK and add who released or discarded a batch: rows,
/// the claims referring to them and the id sequence survive it.
@Suite(.blocking) struct ClaimReviewMigrationTests {
    @Test func batchesSurviveTheRebuildAndTakeTheReviewStates() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("v14-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("db.sqlite").path)
        try Migrations.migrator.migrate(queue, upTo: "v13-district-rules")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO claim_batches (id, payer, format, interchange_control, file, state, claims, lines,
                        total_cents, created_at, sha256, bytes, acknowledged_at, acknowledgment)
                    VALUES (7, 'p', '837P', 3, '/f', 'accepted', 1, 1, 100, 't', 'abc', 42, 'u', '999 A');
                    INSERT INTO claims (id, batch_id, payer, pcn, set_control, frequency, district, student_id, member_id,
                        last_name, first_name, sex, rendering_npi, rendering_name, place_of_service, diagnoses,
                        period_start, period_end, total_cents, status, status_at)
                    VALUES (1, 7, 'p', 'DG1', '0001', '1', 'd', 's', 'm', 'l', 'f', 'F', 'n', 'r', '03', 'F840',
                        '2025-01-01', '2025-01-31', 100, 'accepted', 't');
                    """)
        }
        try Migrations.migrator.migrate(queue)
        try queue.write { db in
            let kept = try String.fetchOne(
                db,
                sql: """
                    SELECT state || '|' || interchange_control || '|' || sha256 || '|' || bytes || '|' || acknowledgment
                        || '|' || COALESCE(released_by, released_at, discarded_by, discarded_at, 'none')
                    FROM claim_batches WHERE id = 7
                    """)
            #expect(kept == "accepted|3|abc|42|999 A|none")
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            try db.execute(
                sql: """
                    INSERT INTO claim_batches (payer, format, interchange_control, file, state, claims, lines,
                        total_cents, created_at) VALUES ('p', '837P', 4, '/g', 'awaiting-review', 0, 0, 0, 't')
                    """)
            #expect(db.lastInsertedRowID == 8, "ids go on after the migrated rows")
            try db.execute(sql: "UPDATE claim_batches SET state = 'discarded', discarded_by = 'ann' WHERE id = 8")
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE claim_batches SET state = 'held' WHERE id = 8")
            }
        }
    }
}

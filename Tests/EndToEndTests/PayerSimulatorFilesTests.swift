import Foundation
import PyX12Support
import TestThreads
import Testing

/// Every file `dropgate simulate payer` writes passes pyx12, for every shipped 837P payer profile and every
/// option: TA1, 999, 277CA with a rejected claim, 835 with a reversal in the same file, a replacement and a
/// void answered with the reversal of the payment made, and a 999 rejecting a set. The 277CA is applied: the
/// rejected claim shows its status and STC codes in words.
@Suite(.serialized, .blocking) struct PayerSimulatorFilesTests {
    /// The payer profiles shipped in Mappings/payers whose format is 837P.
    static func profiles837P() throws -> [String] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Mappings/payers")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().compactMap { name in
            guard name.hasSuffix(".yaml") else { return nil }
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            guard text.split(separator: "\n").contains(where: { $0.hasPrefix("format: 837P") }) else { return nil }
            return String(name.dropLast(5))
        }
    }

    /// Runs `simulate payer` and validates every file it wrote; returns their names.
    @discardableResult
    static func simulate(_ payer: String, _ options: [String], in scratch: Scratch) throws -> [String] {
        let result = try Binary.run(["simulate", "payer", "--payer", payer] + options, in: scratch.root)
        #expect(result.status == 0, "\(payer) \(options): \(result.stderr)")
        let files = result.stdout.split(separator: "\n").compactMap { line in
            line.hasPrefix("wrote ") ? String(line.dropFirst(6)) : nil
        }
        #expect(!files.isEmpty, "\(payer) \(options): \(result.stdout)")
        for file in files {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            let name = (file as NSString).lastPathComponent
            let verdict = try PyX12.validate(bytes, name: name)
            #expect(verdict.isOK && verdict.errors.isEmpty, "\(payer) \(options) \(name): \(verdict)")
        }
        return files.map { ($0 as NSString).lastPathComponent }
    }

    /// The claims of the payer's batches, newest batch first: id, pcn, status.
    static func claims(_ payer: String, in scratch: Scratch) throws -> [[String: Any]] {
        let batches = try Binary.run(["claims", "batches", "--payer", payer, "--json"], in: scratch.root)
        let list = try JSONSerialization.jsonObject(with: Data(batches.stdout.utf8)) as? [[String: Any]] ?? []
        return try list.flatMap { batch -> [[String: Any]] in
            let id = batch["id"] as? Int ?? 0
            let claims = try Binary.run(["claims", "batch", String(id), "--json"], in: scratch.root)
            return try JSONSerialization.jsonObject(with: Data(claims.stdout.utf8)) as? [[String: Any]] ?? []
        }
    }

    @Test func everyFileOfEveryProfileAndOptionPassesPyX12() throws {
        let profiles = try Self.profiles837P()
        #expect(profiles == ["cybhi", "lea-bop"])
        let scratch = try ClaimsEndToEndTests.loadedScratch()
        for payer in profiles {
            #expect(try Binary.run(["claims", "build", "--payer", payer], in: scratch.root).status == 0)
            #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
            let names = try Self.simulate(payer, ["--ta1", "--claim-acknowledgment"], in: scratch)
            // The TA1 travels in the 999's interchange.
            #expect(names.map { $0.split(separator: ".").dropFirst().first ?? "" } == ["999", "277", "835"])
            #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)

            // The 277CA rejected one claim: its status and STC codes in words.
            let rejected = try #require(
                try Self.claims(payer, in: scratch).first { $0["status"] as? String == "rejected-by-payer" })
            let show = try Binary.run(["claims", "show", String(rejected["id"] as? Int ?? 0)], in: scratch.root)
            #expect(show.stdout.contains("status rejected-by-payer"), "\(show.stdout)")
            #expect(
                show.stdout.contains("277CA statuses") && show.stdout.contains("  U: acknowledgement: re"),
                "\(show.stdout)")
            let accepted = try Self.claims(payer, in: scratch).filter {
                ["paid", "partial"].contains($0["status"] as? String ?? "")
            }
            #expect(accepted.count >= 2, "\(payer): \(accepted)")

            // A replacement and a void of paid claims: answered with the reversal of the payment made.
            let (replacedID, voidedID) = (accepted[0]["id"] as? Int ?? 0, accepted[1]["id"] as? Int ?? 0)
            let replace = try Binary.run(["claims", "replace", String(replacedID)], in: scratch.root)
            #expect(replace.status == 0, "\(replace.stderr)")
            let void = try Binary.run(["claims", "void", String(voidedID)], in: scratch.root)
            #expect(void.status == 0, "\(void.stderr)")
            #expect(try Binary.run(["claims", "build", "--payer", payer], in: scratch.root).status == 0)
            #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
            try Self.simulate(payer, ["--seed", "11"], in: scratch)
            let applied = try Binary.run(["run", "--once", "--json"], in: scratch.root)
            #expect(applied.status == 0, "\(applied.stderr)")
            // The reversals name the claims paid (CLP01 and CLP07 of the payment): nothing is left unmatched.
            let after = try Self.claims(payer, in: scratch)
            func status(_ id: Int) -> String { after.first { $0["id"] as? Int == id }?["status"] as? String ?? "" }
            // Whatever order the 835 and the 999 are taken in, the accepted replacement retires the original.
            #expect(status(replacedID) == "replaced", "\(payer): \(after)")
            #expect(status(voidedID) == "voided", "\(payer): \(after)")
            let jobs = try Binary.run(["jobs", "--json"], in: scratch.root)
            let list = try JSONSerialization.jsonObject(with: Data(jobs.stdout.utf8)) as? [[String: Any]] ?? []
            let remittances = list.filter {
                $0["source"] as? String == "\(payer)-inbox" && $0["kind"] as? String == "x12-835"
            }
            let newest = try #require(remittances.max { ($0["id"] as? Int ?? 0) < ($1["id"] as? Int ?? 0) })
            #expect(newest["state"] as? String == "done" && newest["rejected"] as? Int == 0, "\(newest)")

            // A 999 rejecting the set of a new batch (the rejected claim's services are billable again).
            #expect(try Binary.run(["claims", "build", "--payer", payer], in: scratch.root).status == 0)
            #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
            try Self.simulate(payer, ["--reject-set", "0001", "--claim-acknowledgment"], in: scratch)
            #expect(try Binary.run(["run", "--once"], in: scratch.root).status == 0)
        }
    }
}

import Claims
import Foundation
import PyX12Support
import TestThreads
import Testing

/// Dated fee schedules, practitioner qualification and review before release, through the real binary on the
/// samples.
@Suite(.serialized, .blocking) struct ClaimRulesEndToEndTests {
    static let serviceHeader =
        "Student ID,Service Date,Start Time,End Time,Minutes,Billing Code,Modifiers,Units,Place of Service,Rendering NPI,Rendering Name,Supervising NPI,Diagnosis Codes,Group or Individual,Parental Consent,Service ID"

    static func json(_ output: Binary.Output) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any] ?? [:]
    }

    static func batches(_ scratch: Scratch) throws -> [[String: Any]] {
        let listed = try Binary.run(["claims", "batches", "--json"], in: scratch.root)
        #expect(listed.status == 0, "\(listed.stderr)")
        return try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
    }

    static func files(_ scratch: Scratch, _ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: scratch.path(folder))) ?? []).sorted()
    }

    /// The segments of an X12 file, split on `~` with line breaks dropped.
    static func segments(_ text: String) -> [[String]] {
        text.split(separator: "~").map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "*", omittingEmptySubsequences: false)
                .map(String.init)
        }
    }

    @Test func servicesOnBothSidesOfARateChangeAreBilledAtTheirOwnRates() throws {
        let scratch = try ClaimsEndToEndTests.loadedScratch()
        // cybhi's 90834 is 100.00 from 2026-01-01 and 104.00 from 2026-10-12 (Mappings/payers/cybhi.yaml); a
        // service before the first period has no rate.
        try scratch.write(
            "Inbox/lincoln-usd/spi_services_2025-12.csv",
            Self.serviceHeader + "\n"
                + "40100,12/15/2025,08:45,09:30,45,90834,,1,03,1234567893,\"Rivera, Ana (SLP)\",,F80.2,I,Y,EARLY-1\n")
        let run = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(run.status == 0, "\(run.stderr)")

        let build = try Binary.run(["claims", "build", "--payer", "cybhi", "--json"], in: scratch.root)
        #expect(build.status == 0, "\(build.stderr)")
        let summary = try Self.json(build)
        #expect((summary["excluded"] as? [String: Int])?["rate-not-in-effect"] == 1, "\(build.stdout)")
        let report = try String(
            contentsOfFile: scratch.path(try #require(summary["exception_report"] as? String)), encoding: .utf8)
        #expect(
            report.split(whereSeparator: \.isNewline).contains {
                $0.hasPrefix("lincoln-usd,40100,2025-12-15,08:45,1234567893,90834,rate-not-in-effect,")
            }, "\(report)")

        let text = try String(contentsOfFile: scratch.path(try #require(summary["file"] as? String)), encoding: .utf8)
        var before: [String] = []
        var after: [String] = []
        var claimCharge: Money?
        var lineSum = Money.zero
        var lastLine: (code: String, charge: String, units: String)?
        var checkedClaims = 0
        func closeClaim() {
            if let charge = claimCharge {
                #expect(charge == lineSum, "CLM02 is the sum of its SV1 charges")
                checkedClaims += 1
            }
        }
        for segment in Self.segments(text) {
            switch segment.first {
            case "CLM":
                closeClaim()
                claimCharge = Money(x12: segment[2])
                lineSum = .zero
            case "SV1":
                lastLine = (segment[1].components(separatedBy: ":")[1], segment[2], segment[4])
                lineSum += Money(x12: segment[2]) ?? Money(cents: -1_000_000)
            case "DTP" where segment[1] == "472":
                guard let line = lastLine, line.code == "90834" else { continue }
                #expect(line.units == "1")
                if segment[3] < "20261012" { before.append(line.charge) } else { after.append(line.charge) }
            default: break
            }
        }
        closeClaim()
        #expect(checkedClaims == summary["claims"] as? Int)
        #expect(!before.isEmpty && Set(before) == ["100"], "\(before)")
        #expect(!after.isEmpty && Set(after) == ["104"], "\(after)")
        let check = try PyX12.validate(Array(text.utf8), name: "cybhi.x12")
        #expect(check.isOK && check.errors == [], "\(check)")
    }

    /// The samples loaded, with lea-bop's profile requiring review.
    static func reviewedScratch() throws -> Scratch {
        let scratch = try ClaimsEndToEndTests.loadedScratch()
        let profile = scratch.path("Mappings/payers/lea-bop.yaml")
        let text = try String(contentsOfFile: profile, encoding: .utf8)
        try scratch.write("Mappings/payers/lea-bop.yaml", text + "review: required\n")
        return scratch
    }

    /// Builds lea-bop's batch: held for review, not in the delivery folder.
    static func buildHeld(_ scratch: Scratch, control: Int) throws -> [String: Any] {
        let build = try Binary.run(["claims", "build", "--payer", "lea-bop", "--json"], in: scratch.root)
        #expect(build.status == 0, "\(build.stderr)")
        let summary = try json(build)
        let file = try #require(summary["file"] as? String)
        #expect(file.hasSuffix("Outbox/lea-bop/held/lea-bop-00000000\(control).x12"))
        let text = try String(contentsOfFile: scratch.path(file), encoding: .utf8)
        let check = try PyX12.validate(Array(text.utf8), name: "held.x12")
        #expect(check.isOK && check.errors == [], "\(check)")
        let batch = try #require(try batches(scratch).first { $0["id"] as? Int == summary["batch_id"] as? Int })
        #expect(batch["state"] as? String == "awaiting-review")
        #expect(files(scratch, "Outbox/lea-bop/837P") == [])
        return summary
    }

    @Test func aReviewedBatchWaitsInTheHeldFolderUntilReleasedThenIsDelivered() throws {
        let scratch = try Self.reviewedScratch()
        let summary = try Self.buildHeld(scratch, control: 1)
        let id = try #require(summary["batch_id"] as? Int)

        let pass = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(pass.status == 0, "\(pass.stderr)")
        #expect(Self.files(scratch, "Payers/lea-bop/inbound") == [], "no delivery while awaiting review")
        let listed = try Binary.run(["claims", "batches"], in: scratch.root)
        #expect(listed.stdout.contains("awaiting-review") && listed.stdout.contains("REVIEW"), "\(listed.stdout)")

        let release = try Binary.run(["claims", "release", "\(id)", "--by", "Ann Lee"], in: scratch.root)
        #expect(release.status == 0, "\(release.stderr)")
        #expect(release.stdout.contains("batch \(id) released by Ann Lee"))
        #expect(Self.files(scratch, "Outbox/lea-bop/held") == [])
        #expect(Self.files(scratch, "Outbox/lea-bop/837P") == ["lea-bop-000000001.x12"])
        let released = try #require(try Self.batches(scratch).first { $0["id"] as? Int == id })
        #expect(released["state"] as? String == "built" && released["released_by"] as? String == "Ann Lee")
        #expect((released["released_at"] as? String)?.hasSuffix("Z") == true)

        let again = try Binary.run(["claims", "release", "\(id)"], in: scratch.root)
        #expect(again.status == 1)
        #expect(again.stderr.contains("batch \(id) is built: only a batch awaiting review can be released"))
        let discard = try Binary.run(["claims", "discard", "\(id)"], in: scratch.root)
        #expect(discard.status == 1 && discard.stderr.contains("can be discarded"), "\(discard.stderr)")
        let unknown = try Binary.run(["claims", "release", "999"], in: scratch.root)
        #expect(unknown.status == 1 && unknown.stderr.contains("no claim batch 999"))

        let deliver = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(deliver.status == 0, "\(deliver.stderr)")
        #expect(Self.files(scratch, "Payers/lea-bop/inbound") == ["lea-bop-000000001.x12"])
        #expect(try Self.batches(scratch).first { $0["id"] as? Int == id }?["state"] as? String == "submitted")
        let show = try Binary.run(["claims", "show", "DG000000001"], in: scratch.root)
        #expect(show.stdout.contains("batch state submitted  review released by Ann Lee"), "\(show.stdout)")
    }

    @Test func aDiscardedBatchIsRebuiltWithTheSameServicesUnderNewControlNumbers() throws {
        let scratch = try Self.reviewedScratch()
        let first = try Self.buildHeld(scratch, control: 1)
        let id = try #require(first["batch_id"] as? Int)
        let discard = try Binary.run(["claims", "discard", "\(id)"], in: scratch.root)
        #expect(discard.status == 0, "\(discard.stderr)")
        let discarded = try #require(try Self.batches(scratch).first { $0["id"] as? Int == id })
        #expect(discarded["state"] as? String == "discarded")
        #expect(discarded["discarded_by"] as? String == NSUserName(), "the OS user by default")
        #expect(Self.files(scratch, "Outbox/lea-bop/held") == [])
        #expect(Self.files(scratch, "Outbox/lea-bop/discarded") == ["lea-bop-000000001.x12"])
        let refused = try Binary.run(["claims", "release", "\(id)"], in: scratch.root)
        #expect(refused.status == 1 && refused.stderr.contains("is discarded"), "\(refused.stderr)")

        let second = try Self.buildHeld(scratch, control: 2)
        #expect(second["services_billed"] as? Int == first["services_billed"] as? Int)
        #expect(second["total_cents"] as? Int == first["total_cents"] as? Int)
        let old = try String(
            contentsOfFile: scratch.path("Outbox/lea-bop/discarded/lea-bop-000000001.x12"), encoding: .utf8)
        let new = try String(contentsOfFile: scratch.path(try #require(second["file"] as? String)), encoding: .utf8)
        func billed(_ text: String) -> [String] {
            Self.segments(text).filter { $0.first == "SV1" || ($0.first == "DTP" && $0[1] == "472") }
                .map { $0.joined(separator: "*") }
        }
        func pcns(_ text: String) -> Set<String> { Set(Self.segments(text).filter { $0.first == "CLM" }.map { $0[1] }) }
        #expect(billed(new) == billed(old), "the same services at the same charges")
        #expect(!billed(new).isEmpty)
        #expect(pcns(new).isDisjoint(with: pcns(old)), "claim numbers are never reused")
        let isa13 = { (text: String) in Self.segments(text).first { $0.first == "ISA" }?[13] }
        #expect(isa13(old) == "000000001" && isa13(new) == "000000002")
        let pass = try Binary.run(["run", "--once"], in: scratch.root)
        #expect(pass.status == 0)
        #expect(Self.files(scratch, "Payers/lea-bop/inbound") == [])
    }

    @Test func practitionersOffTheirQualificationAreFlaggedAtIntakeAndLeftOutOfTheClaims() throws {
        let scratch = try ClaimsEndToEndTests.loadedScratch()
        // Samples/lincoln-usd/practitioners.csv loads before the service log (intake order), so the log flags:
        // row 44 the nurse's 97110 (PT only; the row is also rejected for its units), row 52 the physical
        // therapist whose license lapsed in 2024, row 53 the speech-language pathologist's T1002 (RN, LVN).
        let reports = scratch.files(under: "Outbox/lincoln-usd/reports")
        let log = try #require(reports.first { $0.hasSuffix("spi_services_2026-10.csv.exceptions.csv") }, "\(reports)")
        let flagged = try String(contentsOfFile: scratch.path("Outbox/lincoln-usd/reports/\(log)"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).filter { $0.contains(",practitioner-") }
            .map { $0.split(separator: ",").prefix(5).joined(separator: ",") }
        #expect(
            flagged == [
                "44,Rendering NPI,rendering_npi,practitioner-not-qualified,warning",
                "52,Rendering NPI,rendering_npi,practitioner-unlicensed,warning",
                "53,Rendering NPI,rendering_npi,practitioner-not-qualified,warning",
            ])

        let build = try Binary.run(["claims", "build", "--payer", "lea-bop", "--json"], in: scratch.root)
        #expect(build.status == 0, "\(build.stderr)")
        let summary = try Self.json(build)
        let excluded = summary["excluded"] as? [String: Int] ?? [:]
        #expect(excluded["practitioner-unlicensed"] == 1, "\(build.stdout)")
        #expect(excluded["practitioner-not-qualified"] == 1, "\(build.stdout)")
        #expect(excluded["practitioner-unknown"] == nil)
        let report = try String(
            contentsOfFile: scratch.path(try #require(summary["exception_report"] as? String)), encoding: .utf8)
        let lines = report.split(whereSeparator: \.isNewline)
        #expect(
            lines.contains {
                $0.hasPrefix("lincoln-usd,40100,2026-10-08,13:00,1003000126,97110,practitioner-unlicensed,")
            }, "\(report)")
        #expect(
            lines.contains {
                $0.hasPrefix("lincoln-usd,40100,2026-10-09,13:00,1234567893,T1002,practitioner-not-qualified,")
            }, "\(report)")
    }
}

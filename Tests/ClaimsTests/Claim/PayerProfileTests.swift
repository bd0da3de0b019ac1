import Claims
import Foundation
import Mapping
import Testing

@Suite("Payer profiles")
struct PayerProfileTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Mappings/payers")

    @Test("the shipped profiles decode; verified CYBHI wellness-coach rates are exact")
    func shippedProfiles() throws {
        for name in ["lea-bop.yaml", "cybhi.yaml"] {
            let path = Self.shipped.appendingPathComponent(name).path
            let profile = try PayerProfile.decode(yaml: try String(contentsOfFile: path, encoding: .utf8), file: path)
            #expect(profile.format == .x12_837P)
            #expect(profile.billingProvider.address.zip.count == 9)
            #expect(!profile.feeSchedule.isEmpty)
        }
        let cybhiPath = Self.shipped.appendingPathComponent("cybhi.yaml").path
        let cybhi = try PayerProfile.decode(
            yaml: try String(contentsOfFile: cybhiPath, encoding: .utf8), file: cybhiPath)
        #expect(cybhi.feeSchedule["0591T"]?.rates == [FeeRate(from: nil, rate: Money(cents: 6624))])
        #expect(cybhi.feeSchedule["0592T"]?.rates == [FeeRate(from: nil, rate: Money(cents: 4108))])
        #expect(cybhi.feeSchedule["0593T"]?.rates == [FeeRate(from: nil, rate: Money(cents: 1245))])
        #expect(cybhi.feeSchedule["0591T"]?.verified == true)
        #expect(cybhi.feeSchedule["90834"]?.verified == false)
        #expect(cybhi.filingLimit == FilingLimit(span: .daysAfterService(365)))
    }

    @Test("decodes every field of a profile")
    func decodes() throws {
        let profile = try ClaimFixtures.profile()
        #expect(profile.id == "test-payer")
        #expect(profile.billingProvider.taxID == "946001234")
        #expect(profile.billingProvider.address.zip == "956481234")
        #expect(profile.envelope?.usage == "T")
        #expect(profile.maxLinesPerClaim == 3)
        #expect(profile.maxClaimsPerSet == 4)
        #expect(profile.feeSchedule["92507"]?.modifiers == ["GN"])
        #expect(profile.feeSchedule["T1002"]?.rates == [FeeRate(from: nil, rate: Money(cents: 1575))])
        #expect(profile.feeSchedule["92507"]?.verified == false)
    }

    @Test(
        "reports each mistake with its line",
        arguments: [
            ("npi: \"1467389254\"", "npi: \"1234567890\"", "check digit"),
            ("tax_id: \"94-6001234\"", "tax_id: \"07-6001234\"", "not an EIN"),
            ("zip: \"95648-1234\"", "zip: \"95648\"", "9-digit ZIP"),
            ("street: 2000 Lincoln Ave", "street: P.O. Box 12", "not a PO box"),
            ("rate: \"52.00\"", "rate: \"52.001\"", "at most two decimals"),
            ("max_lines_per_claim: 3", "max_lines_per_claim: 51", "out of range 1...50"),
            ("usage: T", "usage: X", "T (test) or P (production)"),
            ("billing_period: month", "billing_period: week", "unknown billing_period 'week'"),
            ("taxonomy: 251300000X", "taxonomy: 2513", "taxonomy code"),
            ("phone: \"9165550142\"", "phone: \"555-0142\"", "10 digits"),
            ("billing_period: month", "billing_period: month\nfilling_days: 3", "unknown key 'filling_days'"),
            ("\"T1002\": { rate", "\"T10\": { rate", "5-character CPT/HCPCS code"),
        ])
    func reportsMistakes(original: String, broken: String, expected: String) throws {
        let yaml = ClaimFixtures.profileYAML.replacingOccurrences(of: original, with: broken)
        #expect(yaml != ClaimFixtures.profileYAML)
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains(broken.split(separator: "\n").last!) }.map { $0 + 1 }
        do {
            _ = try ClaimFixtures.profile(yaml)
            Issue.record("a broken profile was accepted: \(broken)")
        } catch {
            let issue = try #require(error.issues.first { $0.message.contains(expected) }, "\(error.issues)")
            #expect(issue.line == line)
            #expect(issue.file == "test-payer.yaml")
        }
    }

    @Test("a missing section is reported, not guessed")
    func missingSection() throws {
        let yaml = ClaimFixtures.profileYAML.replacingOccurrences(
            of: "receiver: { name: Test Medicaid, id: TESTRECEIVER }\n", with: "")
        #expect(throws: DefinitionError.self) { try ClaimFixtures.profile(yaml) }
        do {
            _ = try ClaimFixtures.profile(yaml)
        } catch {
            #expect(error.issues.contains { $0.message.contains("missing required section 'receiver'") })
        }
    }

    @Test("PO box spellings are recognised, street names that merely contain BOX are not")
    func postOfficeBoxes() {
        for street in ["PO Box 12", "P.O. BOX 12", "Post Office Box 9", "Lockbox 55", "Box 7"] {
            #expect(PostalAddress(street: street, city: "", state: "", zip: "").isPostOfficeBox, "\(street)")
        }
        for street in ["12 Boxwood Ln", "2000 Lincoln Ave", "1 Boxer Rd"] {
            #expect(!PostalAddress(street: street, city: "", state: "", zip: "").isPostOfficeBox, "\(street)")
        }
    }
}

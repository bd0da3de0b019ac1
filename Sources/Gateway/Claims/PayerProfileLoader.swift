import Claims
import Foundation
import Mapping

/// Reads the payer profiles of `<mappings>/payers/` and checks them against the configuration.
public enum PayerProfileLoader {
    /// The folder payer profiles live in.
    public static func folder(mappings: String) -> String {
        mappings + "/payers"
    }

    /// Loads every `*.yaml` profile of the folder (none is fine: the gateway then bills nobody).
    ///
    /// A profile may name districts this gateway does not serve (mappings are shared between gateways): it
    /// bills nothing for them. Where batches go is the `deliveries` section of dropgate.yaml (folder
    /// `<payer>/837P`), which also holds the SFTP credentials profiles must not carry.
    ///
    /// - Throws: ``DefinitionError`` with every issue of every profile, plus duplicate payer ids.
    public static func load(_ folder: String) throws -> [PayerProfile] {
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        let (profiles, found) = DefinitionFiles.decode(try DefinitionFiles.yaml(in: folder)) {
            (text, file) throws(DefinitionError) in try PayerProfile.decode(yaml: text, file: file)
        }
        var issues = found
        var seen: [String: String] = [:]
        for profile in profiles {
            if let earlier = seen[profile.id] {
                issues.append(
                    DefinitionIssue(
                        file: profile.file, line: 0, message: "payer '\(profile.id)' is already defined in \(earlier)"))
            } else {
                seen[profile.id] = profile.file
            }
        }
        guard issues.isEmpty else { throw DefinitionError(issues: issues) }
        return profiles
    }

    /// Issues where a profile's `qualified` names a practitioner type the practitioner roster mapping (the
    /// mapping loading the `practitioners` table claim builds read) does not accept for the profile's districts,
    /// or where no such mapping exists: such a type could never match, and its services would all be excluded.
    public static func qualificationIssues(_ payers: [PayerProfile], mappings: MappingSet) -> [DefinitionIssue] {
        let rosters = mappings.mappings.map(\.definition).filter { $0.target == "practitioners" }
        var issues: [DefinitionIssue] = []
        for profile in payers {
            var known: Set<String> = []
            for roster in rosters {
                guard let field = roster.fields.first(where: { $0.name == "practitioner_type" }) else { continue }
                switch field.values {
                case .none: continue
                case .inline(let values): known.formUnion(values.values)
                case .table(let name):
                    for district in profile.districts {
                        if let codes = roster.codeTables[name]?.codes(for: district) { known.formUnion(codes.keys) }
                    }
                }
            }
            for (code, entry) in profile.feeSchedule.sorted(by: { $0.key < $1.key }) where !entry.qualified.isEmpty {
                guard !rosters.isEmpty else {
                    issues.append(
                        DefinitionIssue(
                            file: profile.file, line: entry.qualifiedLine,
                            message:
                                "\(code) names qualified practitioner types, but no mapping loads the practitioners table (a practitioner roster)"
                        ))
                    continue
                }
                for type in entry.qualified where !known.contains(type) {
                    issues.append(
                        DefinitionIssue(
                            file: profile.file, line: entry.qualifiedLine,
                            message:
                                "\(code) qualifies practitioner type '\(type)', which the practitioner roster does not accept; known: \(known.sorted().joined(separator: ", "))"
                        ))
                }
            }
        }
        return issues
    }
}

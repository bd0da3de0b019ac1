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
}

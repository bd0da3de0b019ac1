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
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { folder + "/" + $0 }
        var issues: [DefinitionIssue] = []
        var profiles: [PayerProfile] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                issues.append(DefinitionIssue(file: file, line: 0, message: "cannot read the file"))
                continue
            }
            do {
                let profile = try PayerProfile.decode(yaml: String(decoding: data, as: UTF8.self), file: file)
                if let earlier = profiles.first(where: { $0.id == profile.id }) {
                    issues.append(
                        DefinitionIssue(
                            file: file, line: 0, message: "payer '\(profile.id)' is already defined in \(earlier.file)")
                    )
                }
                profiles.append(profile)
            } catch {
                issues += error.issues
            }
        }
        guard issues.isEmpty else { throw DefinitionError(issues: issues) }
        return profiles
    }
}

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
    /// - Parameters:
    ///   - folder: the profiles folder.
    ///   - sources: configured source ids a profile's `districts` may name (`nil`: not checked).
    ///   - deliveries: configured delivery ids a profile's `delivery` may name (`nil`: not checked).
    /// - Throws: ``DefinitionError`` with every issue of every profile, plus duplicate payer ids and unknown
    ///   districts or deliveries.
    public static func load(_ folder: String, sources: [String]? = nil, deliveries: [String]? = nil) throws
        -> [PayerProfile]
    {
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
                for district in profile.districts where sources.map({ !$0.contains(district) }) ?? false {
                    issues.append(
                        DefinitionIssue(
                            file: file, line: 0,
                            message:
                                "district '\(district)' is not a configured source; sources: \(sources?.joined(separator: ", ") ?? "")"
                        ))
                }
                if let delivery = profile.delivery, let deliveries, !deliveries.contains(delivery) {
                    issues.append(
                        DefinitionIssue(
                            file: file, line: 0,
                            message:
                                "delivery '\(delivery)' is not configured in dropgate.yaml; deliveries: \(deliveries.joined(separator: ", "))"
                        ))
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

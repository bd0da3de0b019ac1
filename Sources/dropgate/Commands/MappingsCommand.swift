import ArgumentParser
import Claims
import Gateway
import Mapping
import Values

struct MappingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mappings",
        abstract: "Work with mapping definitions.",
        subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lint mapping definitions and payer profiles; report each mistake with its file and line.",
            discussion: """
                Checks YAML syntax, unknown keys, field types, patterns, date formats and limits, code tables, \
                rules and lookups that name undefined fields, kinds defined twice, and that each mapping's target \
                table and key exist. Payer profiles (payers/*.yaml under the mappings folder) are checked too: NPI \
                check digits, EIN, the billing provider's 9-digit ZIP and street address, envelope ids, rates with \
                at most two decimals, limits. Exit status 1 when any mistake is found. The daemon refuses to start \
                on the same mistakes.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "A mapping file or folder (default: the configured mappings folder, else ./Mappings).")
        var path: String?

        func run() throws {
            let target = path ?? GatewayConfig.mappingsFolder(configPath: options.configPath)
            var issues: [DefinitionIssue] = []
            var mappings: MappingSet?
            do {
                let set = try MappingLoader.load(target)
                mappings = set
                print("\(set.mappings.count) mapping(s) OK: \(set.mappings.map(\.kind).joined(separator: ", "))")
            } catch let error as DefinitionError {
                issues += error.issues
            }
            do {
                let payers = try PayerProfileLoader.load(PayerProfileLoader.folder(mappings: target))
                let found = mappings.map { PayerProfileLoader.qualificationIssues(payers, mappings: $0) } ?? []
                issues += found
                if !payers.isEmpty, found.isEmpty {
                    print("\(payers.count) payer profile(s) OK: \(payers.map(\.id).joined(separator: ", "))")
                }
            } catch let error as DefinitionError {
                issues += error.issues
            }
            // The mistakes are this command's findings, not a failure to run: listed, then status 1.
            guard issues.isEmpty else {
                printError(DefinitionError(issues: issues).description)
                printError("\(issues.count) problem(s) found")
                throw ExitCode(1)
            }
        }
    }
}

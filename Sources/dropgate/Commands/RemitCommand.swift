import ArgumentParser
import Claims
import Gateway
import Store

struct RemitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remit",
        abstract: "Payer remittances (835) as applied to claims.",
        discussion: """
            835 files arrive in a payer's inbox source (a source with `payer: <id>` in dropgate.yaml) and are \
            recognised by their ISA/GS/ST. Each is balance-checked, matched to claims by patient control number \
            and reported in Outbox/<payer>/reconciliation/<job>-<file>.reconciliation.csv and .summary.json.
            """,
        subcommands: [List.self, Show.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List applied 835 files, newest first.")

        @OptionGroup var options: GlobalOptions

        func run() throws {
            let gateway = try options.openGateway()
            let rows = try gateway.remittanceJobs().map { row in
                [row[0], row[1], row[2], row[3], Money(cents: Int64(row[4]) ?? 0).description, row[5], row[6]]
            }
            print(
                rows.isEmpty
                    ? "no remittances"
                    : TextTable.render(
                        header: ["JOB", "PAYER", "SETS", "CLAIMS", "PAYMENT", "DATE", "BALANCE ISSUES"], rows: rows))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one 835: payment and trace, and each claim as remitted and reconciled.")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The job id of the 835 file (see `dropgate remit list`).")
        var job: Int64

        func run() throws {
            let gateway = try options.openGateway()
            let sets = try gateway.remittances(jobID: job)
            guard !sets.isEmpty else { throw CLIError("job \(job) applied no 835") }
            for set in sets {
                print(
                    "set \(set[0])  payer \(set[1])  trace \(set[2])  payment \(Money(cents: Int64(set[3]) ?? 0)) \(set[4]) on \(set[5])  claims \(set[6])  balance issues \(set[7])"
                )
            }
            let claims = try gateway.remittedClaims(jobID: job).map { row in
                [row[0], row[1], row[2], row[3]]
                    + [row[4], row[5], row[6]].map { Money(cents: Int64($0) ?? 0).description } + [row[7], row[8]]
            }
            print(
                TextTable.render(
                    header: [
                        "CLAIM", "STUDENT", "CLP02", "OUTCOME", "BILLED", "PAID", "PATIENT", "ADJUSTMENTS (cents)",
                        "PAYER CLAIM",
                    ],
                    rows: claims))
            if let record = try gateway.job(id: job), let report = record.reportPath {
                print("exceptions (balance checks, unmatched claims): \(report)")
            }
        }
    }
}

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
            recognised by their ISA/GS/ST. Before any money is applied, the interchange must come from the payer \
            and the payee must be the billing provider (else the file is rejected), and each remitted claim must \
            fit the claim it names: the billed charge, every line, a reversal mirroring the payment it takes back, \
            no second payment without a reversal (else that claim is reported, not applied). A transaction set \
            that fails a balance check is held, nothing of it applied, until `dropgate remit release`. Reports: \
            Outbox/<payer>/reconciliation/<job>-<file>.reconciliation.csv and .summary.json.
            """,
        subcommands: [List.self, Show.self, Release.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List applied 835 files, newest first.")

        @OptionGroup var options: GlobalOptions

        func run() throws {
            let gateway = try options.openGateway()
            let rows = try gateway.remittanceJobs().map { row in
                [row[0], row[1], row[2], row[3], Money(cents: Int64(row[4]) ?? 0).description, row[5], row[6], row[7]]
            }
            print(
                rows.isEmpty
                    ? "no remittances"
                    : TextTable.render(
                        header: ["JOB", "PAYER", "SETS", "CLAIMS", "APPLIED", "DATE", "BALANCE ISSUES", "HELD SETS"],
                        rows: rows))
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
                    "set \(set[0]) (ISA13 \(set[1]), GS06 \(set[2]), ST02 \(set[3]))  \(set[11])  payer \(set[4])  trace \(set[5])  payment \(Money(cents: Int64(set[6]) ?? 0)) \(set[7]) on \(set[8])  claims \(set[9])  balance issues \(set[10])"
                )
            }
            if sets.contains(where: { $0[11] == "held" }) {
                print("held sets applied nothing; after checking them: dropgate remit release \(job) --set N")
            }
            let claims = try gateway.remittedClaims(jobID: job).map { row in
                [row[0], row[1], row[2], row[3]]
                    + [row[4], row[5], row[6]].map { Money(cents: Int64($0) ?? 0).description } + [
                        row[7], row[9], row[8],
                    ]
            }
            print(
                TextTable.render(
                    header: [
                        "CLAIM", "STUDENT", "CLP02", "OUTCOME", "BILLED", "PAID", "PATIENT", "ADJUSTMENTS (cents)",
                        "REMARKS", "PAYER CLAIM",
                    ],
                    rows: claims))
            if let record = try gateway.job(id: job), let report = record.reportPath {
                print("exceptions (balance checks, unmatched claims): \(report)")
            }
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply a transaction set held because it failed its balance checks.",
            discussion: """
                A set whose BPR, claim or line amounts do not add up is held: nothing of it is applied and it is \
                reported on its job's exceptions. After checking it with the payer, release applies it from the \
                archived file. Each claim is still checked against what was billed; only the balance checks are \
                overridden. The release is audited and writes its own reconciliation report.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The job id of the 835 file (see `dropgate remit list`).")
        var job: Int64

        @Option(help: "The held set's number in the file (see `dropgate remit show JOB`).")
        var set: Int

        func run() throws {
            let gateway = try options.openGateway()
            let release = try gateway.releaseHeldRemittance(jobID: job, set: set)
            let counts = release.counts
            print(
                "released set \(set) of job \(job): \(counts.read) claim(s), \(counts.inserted) applied, \(counts.rejected) not applied"
            )
            print("reconciliation: \(release.reportPath)")
        }
    }
}

import ArgumentParser
import Gateway
import PayerSimulator

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Test tools that stand in for the other side.",
        subcommands: [Payer.self])

    struct Payer: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Answer an 837P batch as a payer would: a 999 and an 835 in the payer's inbox.",
            discussion: """
                Reads the batch file, acknowledges each transaction set in a 999 (or rejects the sets named with
                --reject-set) and remits the accepted claims in an 835 with a realistic mix: paid in full, partial,
                denied with CARC codes, one reversal followed by its correction, and a provider-level adjustment.
                The 835 balances (BPR02, claims, lines) and passes pyx12. Files go to the local source configured
                with `payer: <id>`; the next `dropgate run --once` applies them. Outcomes are fixed by --seed.
                """)

        @OptionGroup var options: GlobalOptions

        @Option(help: "The payer profile id.")
        var payer: String

        @Option(help: "The batch to answer (default: the payer's newest 837P batch).")
        var batch: Int64?

        @Option(
            name: .customLong("reject-set"),
            help: "Reject this transaction set (ST02, e.g. 0001) in the 999; repeatable.")
        var rejectSets: [String] = []

        @Flag(help: "Also send a TA1 interchange acknowledgment.")
        var ta1 = false

        @Option(help: "Seed for the outcomes.")
        var seed: UInt64 = 7

        func run() throws {
            let gateway = try options.openGateway()
            let files = try gateway.simulatePayer(
                payer: payer, batchID: batch, rejectSets: Set(rejectSets), ta1: ta1, seed: seed)
            for file in files { print("wrote \(file)") }
        }
    }
}

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
            abstract:
                "Answer an 837P batch as a payer would: a 999, a 277CA when asked, and an 835 in the payer's inbox.",
            discussion: """
                Reads the batch file, acknowledges each transaction set in a 999 (or rejects the sets named with
                --reject-set) and remits the accepted claims in an 835 with a realistic mix: paid in full, partial,
                denied with CARC codes, one reversal followed by its correction, and a provider-level adjustment.
                With --claim-acknowledgment a 277CA answers each claim of the accepted sets: accepted into
                adjudication with the payer's claim number, or rejected with STC codes (one claim of three or more,
                or those named with --reject-claim); rejected claims are not in the 835. A replacement or void is
                answered with the exact reversal of the payment made earlier under its REF*F8 number (the payer
                remembers its answers in payer-simulator/ beside the database). Every file passes pyx12 and the 835
                balances (BPR02, claims, lines). Files go to the local source configured with `payer: <id>`; the
                next `dropgate run --once` applies them. Outcomes are fixed by --seed.
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

        @Flag(help: "Also send a TA1 interchange acknowledgment (in the 999's interchange, after its GE).")
        var ta1 = false

        @Flag(help: "Also send a 277CA claim acknowledgment (005010X214) that accepts or rejects each claim.")
        var claimAcknowledgment = false

        @Option(
            name: .customLong("reject-claim"),
            help: "Reject this claim (patient control number, e.g. DG000000001) in the 277CA; repeatable.")
        var rejectClaims: [String] = []

        @Option(help: "Seed for the outcomes.")
        var seed: UInt64 = 7

        func run() throws {
            let gateway = try options.openGateway()
            let files = try gateway.simulatePayer(
                payer: payer, batchID: batch, rejectSets: Set(rejectSets), ta1: ta1,
                claimAcknowledgment: claimAcknowledgment, rejectClaims: Set(rejectClaims), seed: seed)
            for file in files { print("wrote \(file)") }
        }
    }
}

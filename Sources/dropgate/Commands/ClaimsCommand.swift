import ArgumentParser
import Gateway
import Mapping
import Store
import Values

struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Build payer claim batches from loaded services and follow them.",
        discussion: """
            Payer profiles live in Mappings/payers/*.yaml. `claims build` bills every loaded service that is not \
            on a live claim yet: the student eligible with the payer on the service date (member batches), consent \
            where required, within the payer's filing_limit, the code in the fee schedule. Every service left out is listed \
            with its rule in Outbox/<payer>/claims/<time>-<pid>-exceptions.csv. Batches are written to \
            Outbox/<payer>/837P/ (or ndis/) and handed to the payer's delivery; a payer whose profile says \
            `review: required` has its batches held in Outbox/<payer>/held/ (awaiting-review) until `claims release` \
            or `claims discard`.
            """,
        subcommands: [
            Build.self, Batches.self, Batch.self, Show.self, Replace.self, VoidClaim.self, Aging.self, Release.self,
            Discard.self,
        ])

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Screen, price and group unbilled services into claims and write the payer's batch.",
            discussion: """
                On a terminal a progress line (services screened, rate) redraws on standard error while the build \
                runs; not on a pipe or with --json.
                """)

        @OptionGroup var options: GlobalOptions

        @Option(help: "The payer profile id (Mappings/payers/<id>.yaml).")
        var payer: String

        @Option(help: ArgumentHelp("Bill services up to this date (default: today).", valueName: "yyyy-MM-dd"))
        var through: Day?

        @Flag(help: "Screen and count only: record nothing, write nothing.")
        var dryRun = false

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            let gateway = try options.openGateway()
            if !dryRun { gateway.sweepLeftovers() }
            let summary = try ProgressLine.shown(unless: json) {
                try gateway.buildClaims(payer: payer, through: through, dryRun: dryRun)
            }
            print(json ? try ClaimListing.json(summary) : ClaimListing.summary(summary))
        }
    }

    struct Batches: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List claim batches, newest first.",
            discussion: """
                States: writing, awaiting-review, built, submitted, accepted, partially-accepted, rejected, \
                discarded. REVIEW says who released or discarded a batch held for review, and when.
                """)

        @OptionGroup var options: GlobalOptions

        @Option(help: "Only this payer's batches.")
        var payer: String?

        @Option(help: "At most this many batches.")
        var limit = 100

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func validate() throws {
            guard limit >= 1 else { throw ValidationError("--limit must be at least 1, found \(limit)") }
        }

        func run() throws {
            let gateway = try options.openGateway()
            let batches = try gateway.claimBatches(payer: payer, limit: limit)
            print(json ? try ClaimListing.json(batches) : ClaimListing.batches(batches))
        }
    }

    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one batch and its claims.")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The batch id.")
        var id: Int64

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            let gateway = try options.openGateway()
            guard let batch = try gateway.claimBatch(id: id) else { throw CLIError("no batch \(id)") }
            let claims = try gateway.claims(batchID: id)
            print(json ? try ClaimListing.json(claims) : ClaimListing.batch(batch, claims: claims))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one claim: its lines, the services they bill, its batch, status and 277CA status codes.")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The claim id or its patient control number (DG000000123).")
        var claim: String

        @Flag(help: "Print JSON for scripts.")
        var json = false

        func run() throws {
            let gateway = try options.openGateway()
            guard let record = try gateway.claimRecord(claim),
                let detail = try gateway.claim(id: record.id)
            else { throw CLIError("no claim \(claim)") }
            let batch = try gateway.claimBatch(id: record.batchId)
            let statuses = try gateway.claimStatuses(claimID: record.id)
            print(
                json
                    ? try ClaimListing.json(record)
                    : ClaimListing.claim(record, claim: detail, batch: batch, statuses: statuses))
            let history = try gateway.claimHistory(id: record.id)
            if !json, !history.isEmpty {
                print("payer's answers:")
                print(TextTable.render(header: ["JOB", "KIND", "RESULT", "DETAIL"], rows: history))
            }
        }
    }

    struct Aging: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List claims waiting too long: no acknowledgment, or accepted with no payment.",
            discussion: """
                With --filing: unbilled services whose payer's filing limit (payer profile `filing_limit`) is at \
                most --within days away, per payer and deadline with the days left, and apart those already past \
                it (left out of builds unless the profile names a delay_reason_code).
                """)

        @OptionGroup var options: GlobalOptions

        @Flag(help: "List unbilled services nearing or past their payer's filing limit instead of claims.")
        var filing = false

        @Option(help: "With --filing: list deadlines at most this many days away (default: 30).")
        var within: Int?

        @Option(help: "With --filing: only this payer profile.")
        var payer: String?

        @Option(
            help: "Days after which a sent claim with no 999/TA1 is listed (default: aging.acknowledgment_days, 2).")
        var acknowledgmentDays: Int?

        @Option(
            help: "Days after which an accepted claim with no 835 payment is listed (default: aging.payment_days, 30).")
        var paymentDays: Int?

        func validate() throws {
            for (option, days) in [
                ("--acknowledgment-days", acknowledgmentDays), ("--payment-days", paymentDays), ("--within", within),
            ] {
                if let days, days < 0 { throw ValidationError("\(option) must be 0 or more, found \(days)") }
            }
            if !filing, within != nil || payer != nil { throw ValidationError("--within and --payer go with --filing") }
            if filing, acknowledgmentDays != nil || paymentDays != nil {
                throw ValidationError("--acknowledgment-days and --payment-days do not go with --filing")
            }
        }

        func run() throws {
            let gateway = try options.openGateway()
            if filing {
                print(
                    ClaimListing.filing(
                        try gateway.filingDeadlines(within: within ?? 30, payer: payer), within: within ?? 30))
                return
            }
            let acknowledgmentDays = acknowledgmentDays ?? gateway.config.acknowledgmentDays
            let paymentDays = paymentDays ?? gateway.config.paymentDays
            let rows = try gateway.agingClaims(acknowledgmentDays: acknowledgmentDays, paymentDays: paymentDays)
            print(
                rows.isEmpty
                    ? "no claim is waiting longer than \(acknowledgmentDays) days for an acknowledgment or \(paymentDays) days for payment"
                    : TextTable.render(
                        header: ["CLAIM", "PCN", "PAYER", "STATUS", "BATCH", "BUILT", "DAYS", "WHY"], rows: rows))
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Release a batch awaiting review for delivery.",
            discussion: """
                A payer profile with `review: required` leaves each built batch `awaiting-review`, its file in \
                Outbox/<payer>/held/. `release` moves the file to the payer's delivery folder (837P/ or ndis/) and \
                makes the batch `built`, as it would have been without review: the next pass delivers it. Who \
                released it and when are recorded. Any other batch is refused.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The batch id (see `dropgate claims batches`).")
        var id: Int64

        @Option(help: "Who releases it (default: the user running the command).")
        var by: String?

        func validate() throws {
            if let by, by.allSatisfy(\.isWhitespace) {
                throw ValidationError("--by must name who releases the batch")
            }
        }

        func run() throws {
            let gateway = try options.openGateway()
            let who = try gateway.releaseBatch(id: id, by: by)
            print("batch \(id) released by \(who): it goes to the payer with the next pass")
        }
    }

    struct Discard: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give up a batch awaiting review, or one whose file could not be written.",
            discussion: """
                A batch awaiting review (`review: required`) becomes `discarded`: its file moves from \
                Outbox/<payer>/held/ to Outbox/<payer>/discarded/, who discarded it and when are recorded, and its \
                services are billable again, so the next build bills them in a new batch with new control numbers. \
                A batch is recorded with its control number before its file is written; if writing fails (an 837P \
                check or an NDIS file rule), the batch stays `writing` and every build of the payer tries it again. \
                After fixing the cause, `discard` marks its claims rejected and frees their services for the next \
                build; the control number is not reused. Any other batch is refused.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The batch id (see `dropgate claims batches`).")
        var id: Int64

        @Option(help: "Who discards it (default: the user running the command).")
        var by: String?

        func validate() throws {
            if let by, by.allSatisfy(\.isWhitespace) {
                throw ValidationError("--by must name who discards the batch")
            }
        }

        func run() throws {
            let gateway = try options.openGateway()
            let who = try gateway.discardBatch(id: id, by: by)
            print("batch \(id) discarded by \(who): its services are billable again")
        }
    }

    struct Replace: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a replacement (frequency 7, REF*F8) of an adjudicated claim in the next build.")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The claim id.")
        var id: Int64

        func run() throws { try requestCorrection(options: options, id: id, void: false) }
    }

    struct VoidClaim: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "void",
            abstract: "Void an adjudicated claim (frequency 8, REF*F8) in the next build; its services become billable."
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The claim id.")
        var id: Int64

        func run() throws { try requestCorrection(options: options, id: id, void: true) }
    }
}

private func requestCorrection(options: GlobalOptions, id: Int64, void: Bool) throws {
    let gateway = try options.openGateway()
    try gateway.requestCorrection(claimID: id, void: void)
    print("claim \(id): \(void ? "void" : "replacement") requested; it goes out with the payer's next `claims build`")
}

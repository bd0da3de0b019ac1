import ArgumentParser
import Foundation
import Gateway
import Store
import Transport

struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List alerts: what needs an operator, since when, and whether its channels were told.",
        discussion: """
            Every pass of `dropgate run` (and `run --once`) opens an alert when a condition appears and closes it \
            when the condition is gone, once each: job-rejected and job-dead (per job, closed by a requeue that \
            succeeds), source-needs-operator and source-circuit-open, delivery-needs-operator and \
            delivery-circuit-open (closed by the next success), acknowledgment-overdue (a claim batch without 999 \
            or TA1 after aging.acknowledgment_days), payment-overdue (accepted claims of a batch without payment \
            after aging.payment_days), file-missing (a kind a source's expect schedule names, not \
            received by its deadline; closed when the file arrives), quality-low (the newest file of a kind scored \
            below the source's quality.threshold; closed by a newer file). Each opening and closing is sent to the \
            channels the alerts routes in dropgate.yaml pick (webhook, e-mail); a channel that fails is retried \
            with backoff on later passes. NOTIFIED shows when a channel last took the alert, or what is still \
            pending and why. Alerts hold ids, kinds, counts and hashes only, never personal data.
            """,
        subcommands: [List.self, Close.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List alerts, newest first (the default).")

        @OptionGroup var options: GlobalOptions

        @Flag(help: "Only alerts still open.")
        var open = false

        @Flag(help: "Print JSON for scripts (each alert with its notifications).")
        var json = false

        func run() throws {
            let gateway = try options.openGateway()
            let entries = try gateway.alerts(openOnly: open)
            print(
                json
                    ? try AlertListing.json(entries)
                    : AlertListing.table(entries, empty: open ? "no open alerts" : "no alerts"))
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close an open alert by hand; its channels are told, the audit trail names you.",
            discussion: """
                For an operator clearing an alert that needs no more work. If its condition still holds, no new \
                alert opens for it: the next one opens only after a pass finds the condition gone and it then \
                comes back (a rejected job requeued and rejected again, a circuit closed and open again).
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The alert id (the ID column of `dropgate alerts`).")
        var id: Int64

        @Option(help: "Why it is closed (kept in the audit trail and shown by `dropgate alerts`).")
        var reason: String?

        func run() throws {
            let gateway = try options.openGateway()
            let alert = try gateway.closeAlert(id: id, reason: reason, actor: FileSystem.userName)
            print("closed alert \(id) (\(alert.key)) as \(alert.closedBy ?? "")")
        }
    }
}

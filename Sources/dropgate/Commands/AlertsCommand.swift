import ArgumentParser
import Gateway

struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List alerts: what needs an operator, since when, and whether its channels were told.",
        discussion: """
            Every pass of `dropgate run` (and `run --once`) opens an alert when a condition appears and closes it \
            when the condition is gone, once each: job-rejected and job-dead (per job, closed by a requeue that \
            succeeds), source-needs-operator and source-circuit-open, delivery-needs-operator and \
            delivery-circuit-open (closed by the next success), acknowledgment-overdue (a claim batch without 999 \
            or TA1 after aging.acknowledgment_days). Each opening and closing is sent to the channels the alerts \
            routes in dropgate.yaml pick (webhook, e-mail); a channel that fails is retried with backoff on later \
            passes. NOTIFIED shows when a channel last took the alert, or what is still pending and why. Alerts \
            hold ids, kinds, counts and hashes only, never personal data.
            """)

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

import ArgumentParser
import Foundation
import Gateway
import Store

struct SourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "Show each source and delivery and its health: circuit state, failures, next attempt, last error.",
        discussion: """
            States: ok; backoff (failing, next poll after an exponential delay with jitter); open (failed \
            circuit_after times in a row, polled at the backoff cap only); needs-operator (authentication or host \
            key refused: fix the configuration or the server, it is retried only at the cap).
            """)

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        let gateway = try options.openGateway()
        var rows = try gateway.config.sources.map { source in
            (
                id: source.id, kind: source.remote.map { "sftp \($0.host)" } ?? "local",
                health: try gateway.health(of: source.id)
            )
        }
        for delivery in gateway.config.deliveries {
            let kind: String
            switch delivery.destination {
            case .folder: kind = "delivery to folder"
            case .sftp(let remote): kind = "delivery to sftp \(remote.host)"
            }
            rows.append(
                (
                    id: "delivery:" + delivery.id, kind: kind,
                    health: try gateway.health(of: "delivery:" + delivery.id)
                ))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(rows.map(\.health)), as: UTF8.self))
            return
        }
        print(SourceListing.table(rows))
    }
}

import ArgumentParser
import Gateway

struct QualityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "Show a source's recent data-quality scores, newest first, for its trend.",
        discussion: """
            Each processed file scores 0 to 100: floor(100 × (rows − error rows − 0.25 × loaded rows with \
            warnings) / rows); a file rejected as a whole scores 0. WORST RULES lists the three rules with the \
            most exceptions. A source with quality.threshold in dropgate.yaml opens a quality-low alert when its \
            newest file of a kind scores below it.
            """)

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The source id.")
    var source: String

    @Option(help: "How many jobs to show.")
    var limit = 30

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1, found \(limit)") }
    }

    func run() throws {
        let gateway = try options.openGateway()
        let jobs = try gateway.qualityScores(source: source, limit: limit)
        print(
            json ? try QualityListing.json(jobs) : QualityListing.table(jobs, empty: "no scored files from \(source)"))
    }
}

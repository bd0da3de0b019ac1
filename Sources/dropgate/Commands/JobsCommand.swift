import ArgumentParser
import Gateway
import Store

struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "List jobs, newest first.",
        discussion: "States: staged, processing, retry_wait, done, rejected, duplicate, dead.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Only jobs in this state.")
    var state: JobState?

    @Option(help: "Only jobs of this source.")
    var source: String?

    @Option(help: "At most this many jobs.")
    var limit = 100

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1, found \(limit)") }
    }

    func run() throws {
        let gateway = try options.openGateway()
        let jobs = try gateway.jobs(state: state, source: source, limit: limit)
        print(json ? try JobListing.json(jobs) : JobListing.table(jobs, empty: "no jobs"))
    }
}

extension JobState: ExpressibleByArgument {}

struct JobCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job",
        abstract: "Show one job: file, kind, state, attempts, counts and where its receipt and report are.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The job id.")
    var id: Int64

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        let gateway = try options.openGateway()
        guard let job = try gateway.job(id: id) else { throw CLIError("no job \(id)") }
        print(json ? try JobListing.json([job]) : JobListing.detail(job))
    }
}

struct RequeueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requeue",
        abstract: "Process a rejected or dead job again, after fixing its mapping or configuration.",
        discussion: "The job keeps its id; its earlier exceptions are replaced by the new run's.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The job id.")
    var id: Int64

    func run() throws {
        let gateway = try options.openGateway()
        print(JobListing.detail(try gateway.requeue(jobID: id)))
    }
}

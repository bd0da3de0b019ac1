import ArgumentParser
import Gateway
import Store
import Transport
import Values

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Load a done job's archived file again after its mapping was fixed.",
        discussion: """
            A new job supersedes the old one: in one transaction it updates the rows the old job loaded and \
            removes those the fixed mapping rejects or no longer produces (each on its exception report; a billed \
            service is kept and reported). Both receipts say so. Only jobs whose mapping version changed since \
            are replayed. Give a job id, or --kind with --from and --to (days the jobs were created, UTC).
            """)

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The job id.")
    var id: Int64?

    @Option(help: "Replay the jobs of this kind (with --from and --to).")
    var kind: String?

    @Option(help: "First day (yyyy-MM-dd) the jobs were created.")
    var from: Day?

    @Option(help: "Last day (yyyy-MM-dd) the jobs were created.")
    var to: Day?

    @Option(help: "Who asks, for the audit trail (default: the operating-system user).")
    var by: String?

    func validate() throws {
        switch (id, kind, from, to) {
        case (_?, nil, nil, nil): return
        case (nil, _?, let from?, let to?):
            guard from <= to else { throw ValidationError("--from \(from) is after --to \(to)") }
        default: throw ValidationError("give a job id, or --kind with --from and --to")
        }
    }

    func run() throws {
        let gateway = try options.openGateway()
        let actor = by ?? FileSystem.userName
        if let id {
            print(JobListing.detail(try gateway.replay(jobID: id, actor: actor)))
            return
        }
        guard let kind, let from, let to else { return }
        let (replayed, skipped) = try gateway.replay(kind: kind, from: from, through: to, actor: actor)
        for job in replayed {
            print(
                "job \(job.id ?? 0) replays job \(job.supersedes ?? 0): \(job.state.rawValue), removed \(job.removed)")
        }
        for (job, reason) in skipped { print("skipped: \(reason) [job \(job.id ?? 0)]") }
        print("\(replayed.count) job(s) replayed, \(skipped.count) skipped")
    }
}

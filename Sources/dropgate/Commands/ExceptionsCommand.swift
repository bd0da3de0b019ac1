import ArgumentParser
import Gateway
import Store

struct ExceptionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exceptions",
        abstract: "Print a job's exceptions: row, column, rule id, severity, message and value.",
        discussion: "Rows are the line where a record starts (header = 1); row 0 concerns the file as a whole.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The job id.")
    var id: Int64

    @Option(help: "Output format: table, csv or json.")
    var format: Format = .table

    func run() throws {
        let gateway = try options.openGateway()
        guard try gateway.job(id: id) != nil else { throw CLIError("no job \(id)") }
        let exceptions = try gateway.exceptions(jobID: id)
        switch format {
        case .table: print(ExceptionListing.table(exceptions))
        case .csv: print(ExceptionListing.csv(exceptions), terminator: "")
        case .json: print(try ExceptionListing.json(exceptions))
        }
    }
}

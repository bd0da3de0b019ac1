import Foundation
import Gateway
import Hummingbird
import Logging
import Store
import Values

/// Requeueing several rejected or dead jobs at once (ticked on the jobs list, or every one a filter matches), with
/// a progress page that reloads itself until the last job has run.
extension Console {
    /// `POST /jobs/requeue`: `job-<id>` fields for ticked jobs, or `all=1` with the list's filter fields.
    func requeueSeveral(
        _ request: Request, _ context: ConsoleRequestContext, _ visitor: Visitor, _ form: FormData
    ) async throws -> Response {
        guard visitor.user.role.mayAct else { return forbidden(visitor, reason: "Your role may not requeue jobs.") }
        var ids: [Int64]
        if form["all"] == "1" {
            let filter = jobFilter(form, visitor)
            guard filter.state == .rejected || filter.state == .dead else {
                return forbidden(visitor, reason: "Filter the list on rejected or dead jobs to requeue all of them.")
            }
            let total = try gateway.jobCount(matching: filter)
            ids = try gateway.jobs(matching: filter, offset: 0, limit: total).compactMap(\.id)
        } else {
            ids = form.fields.keys.compactMap { $0.hasPrefix("job-") ? Int64($0.dropFirst(4)) : nil }
        }
        ids.sort()
        var runnable: [Int64] = []
        for id in ids {
            guard let job = try gateway.job(id: id), visitor.sees(source: job.source) else {
                return notFound(visitor)
            }
            if job.state == .rejected || job.state == .dead { runnable.append(id) }
        }
        guard !runnable.isEmpty else { return forbidden(visitor, reason: "No rejected or dead job was chosen.") }
        let run = requeues.start(jobs: runnable, user: visitor.user.name, at: now())
        logger.notice(
            "bulk requeue started from the console",
            metadata: ["requeue.id": "\(run)", "jobs": "\(runnable.count)", "user": "\(visitor.user.name)"])
        let gateway = self.gateway
        let requeues = self.requeues
        let user = visitor.user.name
        Task {
            for id in runnable {
                let result: String
                do {
                    result = try await gateway.requeueAwaiting(jobID: id, actor: user).state.rawValue
                } catch let error as StoreError {
                    result = "not requeued: \(error.message)"
                } catch {
                    result = "not requeued: \(error)"
                }
                requeues.record(run: run, job: id, result: result)
            }
        }
        return Self.redirect(to: "/requeues/\(run)")
    }

    /// `GET /requeues/:id`: how far a bulk requeue has got; reloads every second until it has finished.
    func requeuePage(_ request: Request, _ context: ConsoleRequestContext, _ visitor: Visitor) throws -> Response {
        guard let id = context.parameters.get("id", as: Int.self), let run = requeues.run(id),
            run.user == visitor.user.name || visitor.user.role == .admin
        else { return notFound(visitor) }
        let done = run.results.count
        var body: HTML = """
            <p id="progress" data-done="\(done)" data-total="\(run.jobs.count)">\(done) of \(run.jobs.count) jobs \
            run\(HTML(markup: run.isFinished ? "; finished." : "…"))</p>
            <progress max="\(run.jobs.count)" value="\(done)"></progress>
            <table id="replay"><tr><th>job</th><th>result</th></tr>
            """
        for job in run.jobs {
            body += "<tr><td><a href=\"/jobs/\(job)\">\(job)</a></td><td>\(run.results[job] ?? "waiting")</td></tr>"
        }
        body += "</table>"
        return Self.rendered("Requeue \(id)", for: visitor, body, refresh: run.isFinished ? nil : 1)
    }
}

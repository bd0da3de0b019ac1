import ArgumentParser
import Foundation
import Gateway
import Transport

struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Read archived files: decrypt a job's file for an operator.",
        discussion: """
            With archive: { encrypt: true, key_file: PATH } in dropgate.yaml, each processed file is archived \
            encrypted (AES-256-GCM in 1 MiB chunks, the key id in the file's header). Requeue, replay, remit \
            release and restore read such files transparently; this command is for a person.
            """,
        subcommands: [Show.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a job's file to standard output: decrypted if encrypted, as it is otherwise.",
            discussion: """
                The job's file is wherever `dropgate job JOB` says it is now (the archive, or staging while the \
                job runs). An encrypted file is decrypted with archive.key_file or the one of archive.old_key_files \
                whose id its header names; a chunk that fails authentication (the file was tampered with, cut short \
                or reordered) stops the output with an error naming the file and the chunk, and exit status 1, after \
                the chunks before it were written. The read is recorded in the audit trail with your user name.

                Example: dropgate archive show 42 > students-42.csv
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The job id (the ID column of `dropgate jobs`).")
        var job: Int64

        func run() throws {
            let gateway = try options.openGateway()
            try gateway.readArchivedFile(jobID: job, actor: FileSystem.userName) { chunk in
                try FileSystem.write(STDOUT_FILENO, chunk, path: "standard output")
            }
        }
    }
}

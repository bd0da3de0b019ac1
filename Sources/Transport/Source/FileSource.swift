/// A place files arrive from: a local drop folder, an SFTP directory, an in-memory folder in tests (DESIGN §2).
///
/// Intake has one code path over any source: list, decide which files are complete, fetch them into staging while
/// hashing, register the job, and only then acknowledge (DESIGN §4.3). Every call may block on a disk or a network:
/// call a source from a thread of its own, never from a task on Swift concurrency's cooperative pool.
public protocol FileSource {
    /// Whether modification times come from this machine's clock, so a file whose time is already older than
    /// `stable_after` is complete at first sight (a local folder), rather than only after it held still across
    /// polls (a remote server, whose clock may differ).
    var modificationTimesAreLocal: Bool { get }

    /// Whether one file's failure means the source itself failed (one remote connection carries every file), so
    /// the poll ends and the source backs off; otherwise that file alone is logged and tried again next pass.
    var failsAsAWhole: Bool { get }

    /// Whether a taken file stays where it is (SFTP `after_fetch: leave`), so intake must remember it to not take
    /// it again.
    var leavesFilesInPlace: Bool { get }

    /// Where a file of this source is said to come from in the job ledger (the job's `origin`).
    ///
    /// - Parameter name: the file's name in the source (no directory).
    func origin(of name: String) -> String

    /// The source's entries now, as they are (links not followed): regular files and anything else it holds.
    /// Directories are never taken; links, pipes, devices and files with several names (hard links) are refused
    /// and reported. Names the source must not take at all are left out.
    ///
    /// - Throws: the source's error (``FileSystemError`` for a local folder).
    func list() throws -> [FileSystem.Entry]

    /// Streams one file's bytes to a new local file at `path`, handing each chunk to `observe` (for hashing).
    ///
    /// Never follows a link: a file that became one since the listing fails to open.
    ///
    /// - Parameters:
    ///   - name: the file's name in the source.
    ///   - path: where the bytes go; the caller removes it if the fetch fails.
    ///   - observe: called with each chunk, in order.
    func fetch(_ name: String, to path: String, observe: (UnsafeRawBufferPointer) -> Void) throws

    /// The entry of that name as it is now, a link not followed; `nil` when it is gone. Intake compares it with
    /// the listing after a fetch, so a file that changed while it was copied is not taken.
    ///
    /// - Throws: the source's error.
    func entry(_ name: String) throws -> FileSystem.Entry?

    /// Whether a file of that name is still there (to finish acknowledgments a crash interrupted).
    func contains(_ name: String) throws -> Bool

    /// Says a fetched file is taken: a local folder removes it, SFTP moves, deletes or leaves it (`after_fetch`).
    ///
    /// Called only once the file's job row exists.
    ///
    /// - Parameters:
    ///   - name: the file's name in the source.
    ///   - marker: the suffix of the companion file that declared the upload complete, removed with it.
    func acknowledge(_ name: String, marker: String?) throws
}

/// A file changed (size, mtime, inode) while it was copied to staging: the copy is discarded and the file is not
/// a job until it settles.
struct SourceFileChanged: Error {}

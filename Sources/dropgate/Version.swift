extension DropGate {
    /// The release version; raised by hand when a release is tagged.
    static let release = "0.1.0"

    /// What `dropgate --version` prints: the release and the git revision stamped at build time by the
    /// `RevisionStamp` plugin (`unknown` when built from a tarball).
    static let versionText = "dropgate \(release) (revision \(buildRevision))"
}

/// A logged-in user making a request: who they are (read again from the users file) and their session.
struct Visitor: Sendable {
    /// The user, as the users file holds them now.
    let user: ConsoleUser
    /// Their session.
    let session: Session

    /// The sources whose jobs the user may see: their district for a `district` user, all (`nil`) otherwise.
    var visibleSources: [String]? {
        user.role == .district ? [user.district ?? ""] : nil
    }

    /// Whether the user may see a job of `source`.
    func sees(source: String) -> Bool {
        visibleSources.map { $0.contains(source) } ?? true
    }
}

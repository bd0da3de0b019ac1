import Foundation
import HummingbirdBcrypt

/// The console's users file: one user a line, `name:role:district:bcrypt-hash` (`district` empty but for
/// `district` users); `#` starts a comment.
///
/// It lives outside `dropgate.yaml` (`paths.users`), is written atomically (a temporary file in the same folder,
/// fsynced, renamed) with mode 0600, and is read again on every request, so `dropgate users` changes take effect
/// at once: a removed user, a changed role or a changed password ends that user's sessions.
public struct UserFile: Sendable {
    /// The file's path.
    public let path: String
    /// bcrypt's cost for new hashes (2^cost rounds); tests lower it.
    public let cost: UInt8

    /// The users file at `path`.
    public init(path: String, cost: UInt8 = 12) {
        self.path = path
        self.cost = cost
    }

    /// Every user; none when the file does not exist.
    ///
    /// - Throws: ``UserFileError`` naming the line of a malformed entry, or why the file cannot be read.
    public func load() throws(UserFileError) -> [ConsoleUser] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw UserFileError(file: path, "cannot read: \(error.localizedDescription)")
        }
        var users: [ConsoleUser] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let user = try parse(trimmed, line: index + 1)
            if users.contains(where: { $0.name == user.name }) {
                throw UserFileError(file: path, line: index + 1, "user '\(user.name)' appears twice")
            }
            users.append(user)
        }
        return users
    }

    private func parse(_ line: String, line number: Int) throws(UserFileError) -> ConsoleUser {
        let fields = line.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 4 else {
            throw UserFileError(file: path, line: number, "expected name:role:district:hash")
        }
        guard ConsoleUser.isValidName(fields[0]) else {
            throw UserFileError(file: path, line: number, "invalid user name (letters, digits, '.', '_', '-')")
        }
        guard let role = Role(rawValue: fields[1]) else {
            throw UserFileError(
                file: path, line: number, "unknown role '\(fields[1])'; roles: admin, billing, district")
        }
        guard (role == .district) == !fields[2].isEmpty else {
            throw UserFileError(file: path, line: number, "a district (and only a district user) names its district")
        }
        guard fields[3].hasPrefix("$2") else {
            throw UserFileError(file: path, line: number, "the password hash is not a bcrypt hash")
        }
        return ConsoleUser(
            name: fields[0], role: role, district: fields[2].isEmpty ? nil : fields[2], passwordHash: fields[3])
    }

    /// The user with `name`, or `nil`.
    public func user(named name: String) throws(UserFileError) -> ConsoleUser? {
        try load().first { $0.name == name }
    }

    /// The user whose name and password match, or `nil` (a wrong password and an unknown name look alike).
    public func authenticate(name: String, password: String) throws(UserFileError) -> ConsoleUser? {
        guard let user = try user(named: name) else {
            // Spend the same time as a real check, so the answer's timing does not tell which names exist.
            _ = Bcrypt.verify(password, hash: Self.timingHash)
            return nil
        }
        return Bcrypt.verify(password, hash: user.passwordHash) ? user : nil
    }

    /// A bcrypt hash of a throwaway password at the default cost, checked against unknown names.
    private static let timingHash = Bcrypt.hash("dropgate-unknown-user", cost: 12)

    /// Adds a user with a new password.
    ///
    /// - Throws: ``UserFileError`` when the name is taken or invalid, the role and district disagree, the
    ///   password is too short, or the file cannot be written.
    public func add(name: String, role: Role, district: String?, password: String) throws(UserFileError) {
        guard ConsoleUser.isValidName(name) else {
            throw UserFileError(file: path, "invalid user name '\(name)': letters, digits, '.', '_', '-' (at most 64)")
        }
        guard (role == .district) == (district != nil) else {
            throw UserFileError(file: path, "a district user needs --district, and only a district user takes one")
        }
        var users = try load()
        guard !users.contains(where: { $0.name == name }) else {
            throw UserFileError(file: path, "user '\(name)' already exists; use `dropgate users passwd \(name)`")
        }
        users.append(
            ConsoleUser(name: name, role: role, district: district, passwordHash: try hash(password)))
        try save(users)
    }

    /// Sets a user's password.
    public func setPassword(name: String, password: String) throws(UserFileError) {
        var users = try load()
        guard let index = users.firstIndex(where: { $0.name == name }) else {
            throw UserFileError(file: path, "no user '\(name)'")
        }
        users[index].passwordHash = try hash(password)
        try save(users)
    }

    /// Removes a user.
    public func remove(name: String) throws(UserFileError) {
        var users = try load()
        guard let index = users.firstIndex(where: { $0.name == name }) else {
            throw UserFileError(file: path, "no user '\(name)'")
        }
        users.remove(at: index)
        try save(users)
    }

    /// The shortest password accepted.
    public static let minimumPasswordLength = 10

    private func hash(_ password: String) throws(UserFileError) -> String {
        guard password.count >= Self.minimumPasswordLength else {
            throw UserFileError(file: path, "the password must be at least \(Self.minimumPasswordLength) characters")
        }
        return Bcrypt.hash(password, cost: cost)
    }

    /// Writes every user to a temporary file beside the users file (mode 0600), fsyncs it and renames it over.
    private func save(_ users: [ConsoleUser]) throws(UserFileError) {
        var text = "# DropGate console users: name:role:district:bcrypt-hash (managed by `dropgate users`)\n"
        for user in users {
            text += "\(user.name):\(user.role.rawValue):\(user.district ?? ""):\(user.passwordHash)\n"
        }
        let temporary = path + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("cannot create \(temporary)") }
        fchmod(descriptor, 0o600)
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == bytes.count, synced == 0 else {
            unlink(temporary)
            throw failure("cannot write \(temporary)")
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw failure("cannot replace the users file")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let folderDescriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    private func failure(_ what: String) -> UserFileError {
        UserFileError(file: path, "\(what): \(String(cString: strerror(errno)))")
    }
}

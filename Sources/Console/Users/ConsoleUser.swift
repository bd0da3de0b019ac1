/// One person who may log in to the console, as the users file holds them.
public struct ConsoleUser: Sendable, Equatable {
    /// Login name: letters, digits, `.`, `_`, `-`.
    public var name: String
    /// What they may see and do.
    public var role: Role
    /// For a `district` user: the source (district) whose jobs they see.
    public var district: String?
    /// The password's bcrypt hash (`$2b$…`); the password itself is never stored.
    public var passwordHash: String

    /// A user.
    public init(name: String, role: Role, district: String?, passwordHash: String) {
        self.name = name
        self.role = role
        self.district = district
        self.passwordHash = passwordHash
    }

    /// Whether `name` is acceptable as a login name.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy {
                $0.isASCII && (isAlphanumeric($0) || "._-".unicodeScalars.contains($0))
            }
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}

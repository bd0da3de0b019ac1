internal import CLibSSH2

/// Process-wide libssh2 state.
enum LibSSH2 {
    /// `libssh2_init`'s result, computed once per process on first use (Swift runs a static `let`'s initializer
    /// exactly once, thread-safely). 0 on success.
    static let initialization: Int32 = libssh2_init(0)

    /// Host key algorithms in order of preference: ed25519 first, so a pinned fingerprint is the server's
    /// ed25519 key when it has one. libssh2 1.10 has no `rsa-sha2-*`, so `ssh-rsa` (SHA-1) comes last.
    static let hostKeyPreference = "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,ssh-rsa"

    /// Reason string sent with `SSH_MSG_DISCONNECT` on a normal close.
    static let goodbye = "dropgate closing"

    /// `SSH_DISCONNECT_BY_APPLICATION` (RFC 4253 §11.1).
    static let disconnectByApplication: Int32 = 11
}

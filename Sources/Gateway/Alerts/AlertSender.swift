import Crypto
import Foundation
import Notify
import Store
import Values

/// Sends a notification through a configured channel with libcurl (the `Notify` target): a signed webhook POST
/// or an e-mail. Secrets are read from the environment or their file at each send, never kept or logged.
struct AlertSender: Sendable {
    /// Where `secret_env`, `user_env` and `password_env` are read.
    let environment: [String: String]
    /// Seconds one send may take.
    let timeout: Double

    /// Sends `message` through `channel`.
    ///
    /// - Throws: ``GatewayError`` for a missing secret; `NotifyError` with libcurl's text (never a body).
    func send(_ channel: AlertsConfig.Channel, _ message: AlertMessage) throws {
        switch channel.kind {
        case .webhook(let webhook):
            let body = message.json()
            let secret = try read(webhook.secret, channel: channel.name)
            try HTTPPost(
                url: webhook.url,
                headers: [
                    "Content-Type: application/json", "User-Agent: dropgate",
                    "X-DropGate-Event: \(message.event.rawValue)", "X-DropGate-Delivery: \(message.delivery)",
                    "X-DropGate-Signature: sha256=\(Self.signature(body, secret: secret))",
                ], body: body, timeout: timeout
            ).send()
        case .email(let email):
            let user = try email.user ?? email.userEnvironment.map { try read(.environment($0), channel: channel.name) }
            let password = try email.password.map { try read($0, channel: channel.name) }
            try SMTPMail(
                url: email.url, from: email.from, to: email.to, user: user, password: password,
                message: message.email(from: email.from, to: email.to, now: Date()), timeout: timeout
            ).send()
        }
    }

    /// Lower-case hex HMAC-SHA256 of `body` under `secret` (the `X-DropGate-Signature` value after `sha256=`).
    static func signature(_ body: [UInt8], secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        return code.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    private func read(_ secret: Secret, channel: String) throws -> String {
        try secret.read(environment: environment, for: "alert channel \(channel)")
    }
}

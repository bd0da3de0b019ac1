import Mapping
import TestThreads
import Testing

@testable import Gateway

/// `alerts:` in dropgate.yaml: channels, routes, and a line for every mistake.
@Suite(.blocking) struct AlertConfigTests {
    static let sources = """
        sources:
          - id: lincoln-usd
          - id: lea-bop-inbox
            payer: lea-bop

        """

    @Test func channelsAndRoutesAreRead() throws {
        let yaml =
            Self.sources + """
                alerts:
                  remind_every: 4h
                  timeout: 5s
                  channels:
                    - name: ops
                      webhook: { url: "https://hooks.example.com/dropgate", secret_env: DROPGATE_HOOK_SECRET }
                    - name: billing
                      email:
                        url: smtp://mail.example.com:587
                        from: dropgate@example.com
                        to: [billing@example.com, lead@example.com]
                        user_env: DROPGATE_SMTP_USER
                        password_file: secrets/smtp
                  routes:
                    - { channel: ops }
                    - { conditions: [acknowledgment-overdue], sources: [lea-bop], channel: billing }
                """
        let config = try GatewayConfig.decode(yaml: yaml, file: "dropgate.yaml", root: "/srv/dg")
        let alerts = config.alerts
        #expect(alerts.remindEvery == Double(4 * 3600))
        #expect(alerts.timeout == 5)
        #expect(
            alerts.channel("ops")?.kind
                == .webhook(
                    AlertsConfig.Webhook(
                        url: "https://hooks.example.com/dropgate", secret: .environment("DROPGATE_HOOK_SECRET"))))
        #expect(
            alerts.channel("billing")?.kind
                == .email(
                    AlertsConfig.Email(
                        url: "smtp://mail.example.com:587", from: "dropgate@example.com",
                        to: ["billing@example.com", "lead@example.com"], user: nil,
                        userEnvironment: "DROPGATE_SMTP_USER", password: .file("/srv/dg/secrets/smtp"))))
        #expect(alerts.channels(condition: "acknowledgment-overdue", source: "lea-bop") == ["ops", "billing"])
        #expect(alerts.channels(condition: "job-rejected", source: "lincoln-usd") == ["ops"])
    }

    @Test(arguments: [
        ("- name: a\n      webhook: { url: \"https://x.example\" }", 8, "needs 'secret_env' or 'secret_file'"),
        ("- name: a\n      webhook: { url: \"ftp://x\", secret_env: S }", 8, "must start with http:// or https://"),
        ("- name: a\n      webhook: { url: \"http://x\", secret_env: S, secret_file: f }", 8, "not both"),
        ("- name: a\n      email: { url: \"smtp://x\", from: a@b }", 8, "needs 'from' and 'to'"),
        ("- name: a\n      email: { url: \"smtp://x\", from: ab, to: [c@d] }", 8, "'ab' is not an e-mail address"),
        ("- name: a", 7, "exactly one of 'webhook' or 'email'"),
        ("- name: a\n      webhook: { url: \"http://x\", secret: s3cr3t }", 8, "unknown key 'secret'"),
    ])
    func badChannelsAreNamedWithTheirLine(channel: String, line: Int, message: String) {
        let yaml = Self.sources + "alerts:\n  channels:\n    " + channel + "\n"
        #expect {
            try GatewayConfig.decode(yaml: yaml, file: "dropgate.yaml", root: "/tmp")
        } throws: { error in
            let issues = (error as? DefinitionError)?.issues ?? []
            return issues.contains { $0.line == line && $0.message.contains(message) }
        }
    }

    @Test(arguments: [
        ("{ channel: pager }", "unknown channel 'pager'; channels: ops"),
        ("{ channel: ops, conditions: [file-late] }", "unknown condition 'file-late'"),
        ("{ channel: ops, sources: [nowhere-usd] }", "unknown source 'nowhere-usd'"),
    ])
    func badRoutesAreNamedWithTheirLine(route: String, message: String) {
        let yaml =
            Self.sources
            + "alerts:\n  channels:\n    - { name: ops, webhook: { url: \"http://x\", secret_env: S } }\n  routes:\n    - "
            + route + "\n"
        #expect {
            try GatewayConfig.decode(yaml: yaml, file: "dropgate.yaml", root: "/tmp")
        } throws: { error in
            let issues = (error as? DefinitionError)?.issues ?? []
            return issues.contains { $0.line == 9 && $0.message.contains(message) }
        }
    }
}

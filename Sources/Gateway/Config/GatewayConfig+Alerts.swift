import Mapping

extension GatewayConfig {
    /// Decodes `alerts:`; every mistake is reported with its line. Routes are checked against the channels, the
    /// known conditions and `knownSources` (source, delivery and payer ids).
    static func alerts(_ node: YAMLNode, knownSources: Set<String>, resolve: (String) -> String) -> AlertsConfig {
        var alerts = AlertsConfig()
        guard let entries = node.fields(allowed: ["channels", "routes", "remind_every", "timeout"]) else {
            return alerts
        }
        if let node = entries["remind_every"], let seconds = duration(node, atLeast: 60) {
            alerts.remindEvery = seconds
        }
        if let node = entries["timeout"], let seconds = duration(node, atLeast: 1) { alerts.timeout = seconds }
        for item in entries["channels"]?.sequence() ?? [] {
            guard let channel = alertChannel(item, resolve: resolve) else { continue }
            if alerts.channel(channel.name) != nil { item.issue("channel name '\(channel.name)' is used twice") }
            alerts.channels.append(channel)
        }
        for item in entries["routes"]?.sequence() ?? [] {
            guard let fields = item.fields(allowed: ["conditions", "sources", "channel"]) else { continue }
            guard let channel = fields["channel"]?.string() else {
                item.issue("a route needs 'channel'")
                continue
            }
            if alerts.channel(channel) == nil {
                let known = alerts.channels.map(\.name).joined(separator: ", ")
                fields["channel"]?.issue("unknown channel '\(channel)'; channels: \(known.isEmpty ? "none" : known)")
            }
            let conditions = fields["conditions"]?.strings() ?? []
            for condition in conditions where AlertCondition(rawValue: condition) == nil {
                let known = AlertCondition.allCases.map(\.rawValue).joined(separator: ", ")
                fields["conditions"]?.issue("unknown condition '\(condition)'; conditions: \(known)")
            }
            let sources = fields["sources"]?.strings() ?? []
            for source in sources where !knownSources.contains(source) {
                fields["sources"]?.issue(
                    "unknown source '\(source)'; sources, deliveries and payers: "
                        + knownSources.sorted().joined(separator: ", "))
            }
            alerts.routes.append(AlertsConfig.Route(conditions: conditions, sources: sources, channel: channel))
        }
        return alerts
    }

    private static func alertChannel(_ node: YAMLNode, resolve: (String) -> String) -> AlertsConfig.Channel? {
        guard let fields = node.fields(allowed: ["name", "webhook", "email"]) else { return nil }
        guard let name = fields["name"]?.string() else {
            node.issue("a channel needs 'name'")
            return nil
        }
        switch (fields["webhook"], fields["email"]) {
        case (let webhook?, nil):
            guard let entries = webhook.fields(allowed: ["url", "secret_env", "secret_file"]) else { return nil }
            guard let url = alertURL(entries["url"], at: webhook, schemes: ["http", "https"]),
                let secret = secret(entries, environment: "secret_env", file: "secret_file", resolve: resolve)
            else {
                if entries["secret_env"] == nil && entries["secret_file"] == nil {
                    webhook.issue("a webhook needs 'secret_env' or 'secret_file' (secrets never go in this file)")
                }
                return nil
            }
            return AlertsConfig.Channel(name: name, kind: .webhook(AlertsConfig.Webhook(url: url, secret: secret)))
        case (nil, let email?):
            guard
                let entries = email.fields(allowed: [
                    "url", "from", "to", "user", "user_env", "password_env", "password_file",
                ]),
                let url = alertURL(entries["url"], at: email, schemes: ["smtp", "smtps"])
            else { return nil }
            guard let from = entries["from"]?.string(), let to = entries["to"]?.strings(), !to.isEmpty else {
                email.issue("an email channel needs 'from' and 'to' (a list of addresses)")
                return nil
            }
            for address in [from] + to where !isAddress(address) {
                email.issue("'\(address)' is not an e-mail address")
            }
            var password: Secret?
            if entries["password_env"] != nil || entries["password_file"] != nil {
                password = secret(entries, environment: "password_env", file: "password_file", resolve: resolve)
            }
            return AlertsConfig.Channel(
                name: name,
                kind: .email(
                    AlertsConfig.Email(
                        url: url, from: from, to: to, user: entries["user"]?.string(),
                        userEnvironment: entries["user_env"]?.string(), password: password)))
        case (nil, nil), (.some, .some):
            node.issue("a channel needs exactly one of 'webhook' or 'email'")
            return nil
        }
    }

    /// A secret named by an environment variable or a file, never both; `nil` (with an issue) otherwise.
    static func secret(
        _ entries: [String: YAMLNode], environment: String, file: String, resolve: (String) -> String
    ) -> Secret? {
        switch (entries[environment]?.string(), entries[file]?.string()) {
        case (let name?, nil): return .environment(name)
        case (nil, let path?): return .file(resolve(path))
        case (.some, .some):
            entries[file]?.issue("name '\(environment)' or '\(file)', not both")
            return nil
        case (nil, nil): return nil
        }
    }

    private static func alertURL(_ node: YAMLNode?, at parent: YAMLNode, schemes: [String]) -> String? {
        guard let node, let url = node.string() else {
            parent.issue("a channel needs 'url'")
            return nil
        }
        let list = schemes.map { $0 + "://" }
        guard list.contains(where: { url.lowercased().hasPrefix($0) }), url.count > list[0].count else {
            node.issue("the url must start with \(list.joined(separator: " or ")), found '\(url)'")
            return nil
        }
        return url
    }

    private static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && !text.contains(where: { $0 == "<" || $0 == ">" || $0 == "," || $0.isWhitespace })
    }
}

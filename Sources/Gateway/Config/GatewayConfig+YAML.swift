import Mapping

extension GatewayConfig {
    /// Decodes `dropgate.yaml`, reporting every mistake with its line.
    ///
    /// - Parameters:
    ///   - text: the YAML document.
    ///   - file: path shown in issues.
    ///   - root: folder relative paths resolve against.
    /// - Throws: ``DefinitionError`` with each issue.
    public static func decode(yaml text: String, file: String, root: String) throws(DefinitionError) -> GatewayConfig {
        let log = YAMLIssueLog(file: file)
        var config = GatewayConfig(root: root, file: file)
        guard let document = YAMLNode.parse(text, log: log),
            let top = document.fields(allowed: [
                "paths", "poll_interval", "progress_interval", "retry", "max_record_bytes", "current_school_year",
                "sources", "deliveries", "aging", "http", "alerts", "backup", "retention", "archive",
            ])
        else {
            throw DefinitionError(issues: log.issues)
        }
        func resolve(_ path: String) -> String {
            if path.hasPrefix("/") { return absolute(path) }
            return root.hasPrefix("/") ? absolute(root + "/" + path) : root == "." ? path : root + "/" + path
        }
        if let paths = top["paths"]?.fields(allowed: [
            "inbox", "outbox", "archive", "staging", "database", "database_password_env", "database_password_file",
            "mappings", "users",
        ]) {
            if let value = paths["inbox"]?.string() { config.paths.inbox = resolve(value) }
            if let value = paths["outbox"]?.string() { config.paths.outbox = resolve(value) }
            if let value = paths["archive"]?.string() { config.paths.archive = resolve(value) }
            if let value = paths["staging"]?.string() { config.paths.staging = resolve(value) }
            if let node = paths["database"], let value = node.string() {
                config.paths.database = database(value, node: node, resolve: resolve)
            }
            config.paths.databasePassword = secret(
                paths, environment: "database_password_env", file: "database_password_file", resolve: resolve)
            if config.paths.postgresURL == nil, config.paths.databasePassword != nil {
                paths["database"]?.issue("a database password is only for a postgres:// database")
            }
            if let value = paths["mappings"]?.string() { config.paths.mappings = resolve(value) }
            if let value = paths["users"]?.string() { config.paths.users = resolve(value) }
            // No database folder to put it beside: beside this file.
            if config.paths.users == nil, config.paths.postgresURL != nil {
                config.paths.users = resolve("dropgate.users")
            }
        }
        if let node = top["poll_interval"], let seconds = duration(node, atLeast: minimumPollInterval) {
            config.pollInterval = seconds
        }
        if let node = top["progress_interval"], let seconds = duration(node, atLeast: minimumPollInterval) {
            config.progressInterval = seconds
        }
        if let node = top["max_record_bytes"], let bytes = node.int() {
            if bytes < 1024 { node.issue("max_record_bytes must be at least 1024") }
            config.maxRecordBytes = bytes
        }
        if let node = top["retry"] { config.retry = retry(node) }
        if let node = top["http"] { config.http = http(node) }
        if let node = top["backup"] {
            config.backup = backup(node, resolve: resolve)
            if config.paths.postgresURL != nil {
                node.issue("backup is for the SQLite database; back up PostgreSQL with its own tools (pg_dump)")
            }
        }
        if let node = top["retention"] { config.retention = retention(node) }
        if let node = top["archive"] { config.archive = archive(node, resolve: resolve) }
        if let node = top["current_school_year"], let text = node.string() {
            config.currentSchoolYear = SchoolYear(parsing: text)
            if config.currentSchoolYear == nil { node.issue("expected a school year like 2025-2026, found '\(text)'") }
        }
        if let aging = top["aging"]?.fields(allowed: ["acknowledgment_days", "payment_days"]) {
            for (key, node) in aging {
                guard let days = node.int() else { continue }
                guard days >= 0 else {
                    node.issue("\(key) must be 0 or more days")
                    continue
                }
                if key == "acknowledgment_days" { config.acknowledgmentDays = days } else { config.paymentDays = days }
            }
        }
        var seen = Set<String>()
        for item in top["sources"]?.sequence() ?? [] {
            guard let source = source(item, inbox: config.paths.inbox, resolve: resolve) else { continue }
            if !seen.insert(source.id).inserted { item.issue("source id '\(source.id)' is used twice") }
            config.sources.append(source)
        }
        for item in top["deliveries"]?.sequence() ?? [] {
            guard let delivery = delivery(item, outbox: config.paths.outbox, resolve: resolve) else { continue }
            if config.deliveries.contains(where: { $0.id == delivery.id }) {
                item.issue("delivery id '\(delivery.id)' is used twice")
            }
            config.deliveries.append(delivery)
        }
        if let node = top["alerts"] {
            let known = config.sources.map(\.id) + config.deliveries.map(\.id) + config.sources.compactMap(\.payer)
            config.alerts = alerts(node, knownSources: Set(known), resolve: resolve)
        }
        guard log.issues.isEmpty else { throw DefinitionError(issues: log.issues) }
        return config
    }

    private static func source(_ node: YAMLNode, inbox: String, resolve: (String) -> String) -> SourceConfig? {
        guard
            let entries = node.fields(
                allowed: ["id", "kind", "path", "stable_after", "kinds", "payer", "expect", "holidays", "quality"]
                    + remoteKeys)
        else {
            return nil
        }
        guard let id = entries["id"]?.string() else {
            node.issue("a source needs an 'id'")
            return nil
        }
        if id.isEmpty || id.contains(where: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            node.issue("source id '\(id)' must be letters, digits, '-' or '_' (it names folders)")
            return nil
        }
        let kind = entries["kind"]?.string() ?? "local"
        guard kind == "local" || kind == "sftp" else {
            entries["kind"]?.issue("unsupported source kind '\(kind)'; supported: local, sftp")
            return nil
        }
        var source = SourceConfig(id: id, path: entries["path"]?.string().map(resolve) ?? inbox + "/" + id)
        if kind == "sftp" {
            guard let remote = remote(entries, at: node, resolve: resolve) else { return nil }
            source.remote = remote
        } else if let stray = remoteKeys.first(where: { entries[$0] != nil }) {
            entries[stray]?.issue("'\(stray)' applies to sftp sources only")
        }
        if let node = entries["stable_after"], let seconds = duration(node) { source.stableAfter = seconds }
        source.kinds = entries["kinds"]?.strings()
        source.payer = entries["payer"]?.string()
        if let node = entries["expect"] { source.expect = expectations(node) }
        if let node = entries["holidays"] { source.holidays = holidays(node) }
        if let quality = entries["quality"]?.fields(allowed: ["threshold"]), let node = quality["threshold"],
            let threshold = node.int()
        {
            if (0...100).contains(threshold) {
                source.qualityThreshold = threshold
            } else {
                node.issue("quality threshold must be 0 to 100, found \(threshold)")
            }
        }
        return source
    }

    private static func delivery(_ node: YAMLNode, outbox: String, resolve: (String) -> String) -> DeliveryConfig? {
        guard let entries = node.fields(allowed: ["id", "folder", "files", "to"]),
            let id = entries["id"]?.string(), let folder = entries["folder"]?.string(),
            let to = entries["to"]?.fields(allowed: ["kind", "path"] + remoteKeys)
        else {
            node.issue("a delivery needs 'id', 'folder' (inside the outbox) and 'to'")
            return nil
        }
        var globs: [Glob] = []
        for text in entries["files"]?.strings() ?? [] {
            do { globs.append(try Glob(text)) } catch { entries["files"]?.issue("invalid glob '\(text)': \(error)") }
        }
        let destination: DeliveryConfig.Destination
        switch to["kind"]?.string() ?? "folder" {
        case "folder":
            guard let path = to["path"]?.string() else {
                entries["to"]?.issue("a folder destination needs 'path'")
                return nil
            }
            destination = .folder(path: resolve(path))
        case "sftp":
            guard let remote = remote(to, at: entries["to"] ?? node, resolve: resolve) else { return nil }
            destination = .sftp(remote)
        case let other:
            to["kind"]?.issue("destination kind must be folder or sftp, found '\(other)'")
            return nil
        }
        return DeliveryConfig(id: id, folder: outbox + "/" + folder, files: globs, destination: destination)
    }

    private static func backup(_ node: YAMLNode, resolve: (String) -> String) -> BackupConfig? {
        guard let entries = node.fields(allowed: ["folder", "keep"]) else { return nil }
        guard let folder = entries["folder"]?.string() else {
            node.issue("backup needs a 'folder' (where the daily copies of the database go)")
            return nil
        }
        var backup = BackupConfig(folder: resolve(folder))
        if let keepNode = entries["keep"], let keep = keepNode.int() {
            guard keep >= 1 else {
                keepNode.issue("backup.keep must be at least 1")
                return nil
            }
            backup.keep = keep
        }
        return backup
    }

    private static func archive(_ node: YAMLNode, resolve: (String) -> String) -> ArchiveConfig {
        var archive = ArchiveConfig()
        guard let entries = node.fields(allowed: ["encrypt", "key_file", "old_key_files", "key"]) else {
            return archive
        }
        if let key = entries["key"] {
            key.issue(
                "archive keys are never written in dropgate.yaml: put the key in a file (mode 0600) and name it in key_file"
            )
        }
        if let encrypt = entries["encrypt"]?.bool() { archive.encrypt = encrypt }
        archive.keyFile = entries["key_file"]?.string().map(resolve)
        archive.oldKeyFiles = (entries["old_key_files"]?.strings() ?? []).map(resolve)
        if archive.encrypt, archive.keyFile == nil {
            (entries["encrypt"] ?? node).issue("archive.encrypt needs key_file: the file holding the 32-byte key")
        }
        return archive
    }

    private static func retention(_ node: YAMLNode) -> RetentionConfig {
        var retention = RetentionConfig()
        let keys = ["archive_days", "staging_days", "reports_days", "exceptions_days"]
        guard let entries = node.fields(allowed: keys) else { return retention }
        for key in keys {
            guard let node = entries[key], let days = node.int() else { continue }
            guard days >= 1 else {
                node.issue("retention.\(key) must be at least 1 (omit it to keep forever)")
                continue
            }
            switch key {
            case "archive_days": retention.archiveDays = days
            case "staging_days": retention.stagingDays = days
            case "reports_days": retention.reportsDays = days
            default: retention.exceptionsDays = days
            }
        }
        return retention
    }

    private static func http(_ node: YAMLNode) -> HTTPConfig {
        var http = HTTPConfig()
        guard let entries = node.fields(allowed: ["listen", "secure_cookies"]) else { return http }
        if let node = entries["listen"], let text = node.string() {
            switch HTTPConfig.parse(listen: text) {
            case .success(let address): (http.host, http.port) = address
            case .failure(let error): node.issue(error.description)
            }
        }
        if let secure = entries["secure_cookies"]?.bool() { http.secureCookies = secure }
        return http
    }

    private static func retry(_ node: YAMLNode) -> RetryPolicy {
        var policy = RetryPolicy()
        guard let entries = node.fields(allowed: ["base", "factor", "cap", "max_attempts"]) else { return policy }
        if let node = entries["base"], let value = duration(node, atLeast: minimumRetryBase) { policy.base = value }
        if let node = entries["cap"], let value = duration(node) {
            if value >= policy.base { policy.cap = value } else { node.issue("cap must be at least base") }
        }
        if let node = entries["factor"], let text = node.string() {
            if let factor = Double(text), factor >= 1 {
                policy.factor = factor
            } else {
                node.issue("factor must be a number ≥ 1")
            }
        }
        if let node = entries["max_attempts"], let attempts = node.int() {
            if attempts >= 1 { policy.maxAttempts = attempts } else { node.issue("max_attempts must be at least 1") }
        }
        return policy
    }

    /// The shortest `poll_interval` (and `progress_interval`): shorter ones make the daemon spin a core.
    static let minimumPollInterval = 0.1
    /// The shortest `poll_interval` of an SFTP source: each poll is a connection to someone else's server.
    static let minimumRemotePollInterval = 1.0
    /// The shortest retry `base`: with 0 every retry would come at once.
    static let minimumRetryBase = 0.1

    /// Seconds from `5`, `5s`, `500ms`, `2m` or `1h`; `nil` (with an issue on the node's line) when the text is
    /// no duration or is below `minimum`.
    static func duration(_ node: YAMLNode, atLeast minimum: Double = 0) -> Double? {
        guard let text = node.string() else { return nil }
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var seconds = Double(text)
        for (suffix, scale) in units where seconds == nil && text.hasSuffix(suffix) {
            seconds = Double(text.dropLast(suffix.count)).map { $0 * scale }
        }
        guard let seconds, seconds.isFinite, seconds >= 0 else {
            node.issue("expected a duration like 5s, 500ms, 2m or 1h, found '\(text)'")
            return nil
        }
        guard seconds >= minimum else {
            node.issue("must be at least \(showSeconds(minimum)), found '\(text)'")
            return nil
        }
        return seconds
    }

    private static func showSeconds(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded()))ms" : "\(Int(seconds))s"
    }

    /// `paths.database`: a PostgreSQL URL as written (refused when it holds a password), else a file path.
    private static func database(_ value: String, node: YAMLNode, resolve: (String) -> String) -> String {
        let lowered = value.lowercased()
        guard lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") else { return resolve(value) }
        let authority = value.drop { $0 != "/" }.dropFirst(2).prefix { $0 != "/" }
        let userInfo = authority.lastIndex(of: "@").map { authority[..<$0] } ?? ""
        if userInfo.contains(":") || value.drop(while: { $0 != "?" }).lowercased().contains("password=") {
            node.issue(
                "the database URL holds a password: name it with 'database_password_env' or 'database_password_file'")
        }
        return value
    }
}

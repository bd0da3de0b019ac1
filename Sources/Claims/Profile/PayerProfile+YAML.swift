import Mapping
import Values

extension PayerProfile {
    /// The keys a profile may hold.
    static let keys = [
        "payer", "name", "format", "payer_id", "districts", "envelope", "submitter", "receiver", "billing_provider",
        "ndis", "claim_filing_code", "eligible_plans", "under_age", "requires_consent", "place_of_service",
        "max_lines_per_claim",
        "max_claims_per_set", "billing_period", "filing_limit", "timely_filing_days", "fee_schedule", "review",
    ]

    /// Decodes and lints a payer profile, reporting every mistake with its line.
    ///
    /// - Throws: ``DefinitionError`` listing each problem: unknown keys, missing values, an NPI that fails its
    ///   check digit, a tax id that is not an EIN, a billing ZIP without 9 digits, a PO box as billing street,
    ///   rates with more than two decimals, negative or not stated one way (`rate` or `rates`), dated `rates`
    ///   that are empty, not dates, or not in strictly increasing `from` order, limits out of range, a
    ///   `filing_limit` that does not state exactly one of `months_after_service_month` and `days_after_service`
    ///   or names a delay reason code 837P does not have, a `review` other than `required` or `none`.
    public static func decode(yaml text: String, file: String) throws(DefinitionError) -> PayerProfile {
        let log = YAMLIssueLog(file: file)
        guard let root = YAMLNode.parse(text, log: log), let fields = root.fields(allowed: keys) else {
            throw DefinitionError(issues: log.issues)
        }
        let reader = ProfileReader(root: root, fields: fields)
        let format = reader.choice("format", ClaimFormat.self) ?? .x12_837P
        let id =
            reader.text(
                "payer", pattern: { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } },
                "lower-case letters, digits and hyphens") ?? ""
        var profile = PayerProfile(
            id: id, name: reader.text("name") ?? "", format: format, payerID: reader.text("payer_id") ?? "",
            districts: reader.list("districts") ?? [],
            envelope: format == .x12_837P ? reader.envelope() : nil,
            submitter: format == .x12_837P ? reader.submitter() : nil,
            receiver: format == .x12_837P ? reader.party("receiver") : nil,
            billingProvider: reader.billingProvider(usAddress: format == .x12_837P),
            ndis: format == .ndis ? reader.ndisSettings() : nil,
            claimFilingCode: format == .x12_837P ? reader.text("claim_filing_code") ?? "" : "",
            eligiblePlans: reader.globs("eligible_plans") ?? [],
            underAge: fields["under_age"] == nil ? nil : reader.number("under_age", in: 1...120, default: 120),
            requiresConsent: reader.flag("requires_consent") ?? true,
            placeOfService: reader.text(
                "place_of_service", optional: format == .ndis, pattern: { $0.count == 2 && $0.allSatisfy(\.isNumber) },
                "two digits") ?? "",
            maxLinesPerClaim: reader.number("max_lines_per_claim", in: 1...50, default: 50),
            maxClaimsPerSet: reader.number("max_claims_per_set", in: 1...5000, default: 5000),
            billingPeriod: reader.choice("billing_period", BillingPeriod.self) ?? .month,
            filingLimit: reader.filingLimit(),
            feeSchedule: [:], review: reader.choice("review", Review.self) ?? .notRequired, file: file)
        profile.feeSchedule = reader.feeSchedule(ndis: format == .ndis)
        if profile.districts.isEmpty, fields["districts"] != nil {
            fields["districts"]?.issue("name at least one district (source id) whose services this payer is billed for")
        }
        guard log.issues.isEmpty else { throw DefinitionError(issues: log.issues) }
        return profile
    }
}

/// Reads the fields of one profile document, logging every problem at its node.
private struct ProfileReader {
    let root: YAMLNode
    let fields: [String: YAMLNode]

    func text(
        _ key: String, optional: Bool = false, pattern: ((String) -> Bool)? = nil, _ expectation: String = ""
    ) -> String? {
        guard let node = fields[key] else {
            if !optional { root.issue("missing required key '\(key)'") }
            return nil
        }
        guard let value = node.string(), !value.isEmpty else {
            if !optional { node.issue("'\(key)' must not be empty") }
            return nil
        }
        if let pattern, !pattern(value) {
            node.issue("'\(value)' is not valid here: expected \(expectation)")
            return nil
        }
        return value
    }

    func list(_ key: String) -> [String]? {
        guard let node = fields[key] else {
            root.issue("missing required key '\(key)'")
            return nil
        }
        return node.strings()
    }

    func globs(_ key: String) -> [Glob]? {
        guard let node = fields[key] else {
            root.issue("missing required key '\(key)' (plan codes of member batches that mean coverage; \"*\" for any)")
            return nil
        }
        return node.strings()?.compactMap { pattern in
            do {
                return try Glob(pattern)
            } catch {
                node.issue("invalid plan pattern '\(pattern)': \(error)")
                return nil
            }
        }
    }

    func flag(_ key: String) -> Bool? {
        fields[key]?.bool()
    }

    func number(_ key: String, in range: ClosedRange<Int>, default value: Int) -> Int {
        guard let node = fields[key] else { return value }
        guard let number = node.int() else { return value }
        guard range.contains(number) else {
            node.issue("\(number) is out of range \(range.lowerBound)...\(range.upperBound)")
            return value
        }
        return number
    }

    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) -> T? where T.RawValue == String {
        guard let node = fields[key], let raw = node.string() else { return nil }
        guard let value = T(rawValue: raw) else {
            node.issue(
                "unknown \(key) '\(raw)'; expected one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    func section(_ key: String, allowed: [String]) -> (YAMLNode, [String: YAMLNode])? {
        guard let node = fields[key] else {
            root.issue("missing required section '\(key)'")
            return nil
        }
        guard let values = node.fields(allowed: allowed) else { return nil }
        for required in allowed where values[required] == nil && !Self.optionalKeys.contains(required) {
            node.issue("missing required key '\(required)'")
        }
        return (node, values)
    }

    static let optionalKeys: Set<String> = ["abn", "modifiers", "verified", "unit", "support_item", "gst"]

    func value(
        _ values: [String: YAMLNode], _ key: String, check: ((String) -> Bool)? = nil, _ expectation: String = ""
    ) -> String {
        guard let node = values[key], let text = node.string() else { return "" }
        if let check, !check(text) { node.issue("'\(text)' is not valid: expected \(expectation)") }
        return text
    }

    func envelope() -> PayerProfile.Envelope? {
        let keys = [
            "sender_qualifier", "sender_id", "receiver_qualifier", "receiver_id", "application_sender",
            "application_receiver", "usage",
        ]
        guard let (_, values) = section("envelope", allowed: keys) else { return nil }
        let qualifier: (String) -> Bool = { $0.count == 2 && $0.allSatisfy { $0.isNumber || $0.isUppercase } }
        let isaID: (String) -> Bool = { (1...15).contains($0.count) && $0.allSatisfy(\.isASCII) }
        let gsID: (String) -> Bool = { (2...15).contains($0.count) && $0.allSatisfy(\.isASCII) }
        return PayerProfile.Envelope(
            senderQualifier: value(values, "sender_qualifier", check: qualifier, "a 2-character qualifier such as ZZ"),
            senderID: value(values, "sender_id", check: isaID, "1 to 15 characters"),
            receiverQualifier: value(
                values, "receiver_qualifier", check: qualifier, "a 2-character qualifier such as ZZ"),
            receiverID: value(values, "receiver_id", check: isaID, "1 to 15 characters"),
            applicationSender: value(values, "application_sender", check: gsID, "2 to 15 characters"),
            applicationReceiver: value(values, "application_receiver", check: gsID, "2 to 15 characters"),
            usage: value(values, "usage", check: { $0 == "T" || $0 == "P" }, "T (test) or P (production)"))
    }

    func party(_ key: String) -> PayerProfile.Party? {
        guard let (_, values) = section(key, allowed: ["name", "id"]) else { return nil }
        return PayerProfile.Party(name: value(values, "name"), id: value(values, "id"))
    }

    func submitter() -> PayerProfile.Submitter? {
        guard let (_, values) = section("submitter", allowed: ["name", "id", "contact", "phone"]) else { return nil }
        return PayerProfile.Submitter(
            party: PayerProfile.Party(name: value(values, "name"), id: value(values, "id")),
            contact: value(values, "contact"),
            phone: value(values, "phone", check: { $0.count == 10 && $0.allSatisfy(\.isNumber) }, "10 digits"))
    }

    func billingProvider(usAddress: Bool) -> PayerProfile.BillingProvider {
        let keys = ["name", "npi", "tax_id", "taxonomy", "address"]
        guard let (_, values) = section("billing_provider", allowed: keys) else {
            return PayerProfile.BillingProvider(
                name: "", npi: "", taxID: "", taxonomy: "",
                address: PostalAddress(street: "", city: "", state: "", zip: ""))
        }
        let taxID = value(values, "tax_id").filter { $0 != "-" }
        if let node = values["tax_id"], !TaxID.isValidEIN(taxID) {
            node.issue("'\(taxID)' is not an EIN: 9 digits with a valid 2-digit prefix")
        }
        var address = PostalAddress(street: "", city: "", state: "", zip: "")
        if let node = values["address"], let parts = node.fields(allowed: ["street", "city", "state", "zip"]) {
            for required in ["street", "city", "state", "zip"] where parts[required] == nil {
                node.issue("missing required key '\(required)'")
            }
            address = PostalAddress(
                street: value(parts, "street"), city: value(parts, "city"),
                state: value(
                    parts, "state", check: { $0.count == 2 && $0.allSatisfy(\.isUppercase) }, "a 2-letter state code"),
                zip: value(parts, "zip").filter { $0 != "-" })
            if usAddress, let zip = parts["zip"], !(address.zip.count == 9 && address.zip.allSatisfy(\.isNumber)) {
                zip.issue("the billing provider needs the full 9-digit ZIP code (ZIP+4), found '\(address.zip)'")
            }
            if address.isPostOfficeBox, let street = parts["street"] {
                street.issue("the billing provider's address must be a street address, not a PO box or lock box")
            }
        }
        return PayerProfile.BillingProvider(
            name: value(values, "name"),
            npi: value(values, "npi", check: NPI.isValid, "a 10-digit NPI with a valid check digit"),
            taxID: taxID,
            taxonomy: value(
                values, "taxonomy", check: { $0.count == 10 && $0.allSatisfy { $0.isNumber || $0.isUppercase } },
                "a 10-character taxonomy code such as 251300000X"),
            address: address)
    }

    /// `filing_limit: { months_after_service_month: 6 }` or `{ days_after_service: 365 }`, with an optional
    /// `delay_reason_code`; absent: ``FilingLimit/standard``.
    func filingLimit() -> FilingLimit {
        if let old = fields["timely_filing_days"] {
            old.issue(
                "'timely_filing_days' is replaced by 'filing_limit: { days_after_service: \(old.string() ?? "N") }' "
                    + "(or months_after_service_month for a payer that counts calendar months)")
        }
        guard let node = fields["filing_limit"] else { return .standard }
        let keys = ["months_after_service_month", "days_after_service", "delay_reason_code"]
        guard let values = node.fields(allowed: keys) else { return .standard }
        var limit = FilingLimit.standard
        switch (values["months_after_service_month"], values["days_after_service"]) {
        case (let months?, nil):
            if let count = months.int() {
                if (1...120).contains(count) {
                    limit.span = .monthsAfterServiceMonth(count)
                } else {
                    months.issue("\(count) is out of range 1...120")
                }
            }
        case (nil, let days?):
            if let count = days.int() {
                if (1...3650).contains(count) {
                    limit.span = .daysAfterService(count)
                } else {
                    days.issue("\(count) is out of range 1...3650")
                }
            }
        case (_?, _?):
            node.issue("state the limit one way: months_after_service_month or days_after_service, not both")
        case (nil, nil):
            node.issue("state the limit: months_after_service_month (Medi-Cal: 6) or days_after_service (e.g. 365)")
        }
        if let code = values["delay_reason_code"], let text = code.string() {
            if FilingLimit.delayReasonCodes.contains(text) {
                limit.delayReasonCode = text
            } else {
                let allowed = FilingLimit.delayReasonCodes.sorted {
                    $0.count == $1.count ? $0 < $1 : $0.count < $1.count
                }
                code.issue(
                    "'\(text)' is not an 837P delay reason code (CLM20); expected one of: "
                        + allowed.joined(separator: ", "))
            }
        }
        return limit
    }

    func ndisSettings() -> PayerProfile.NDISSettings? {
        guard let (_, values) = section("ndis", allowed: ["registration_number", "abn"]) else { return nil }
        let abn =
            values["abn"] == nil
            ? nil : value(values, "abn", check: { $0.count == 11 && $0.allSatisfy(\.isNumber) }, "11 digits")
        return PayerProfile.NDISSettings(
            registrationNumber: value(
                values, "registration_number", check: { !$0.isEmpty && $0.allSatisfy(\.isNumber) }, "digits"),
            abn: abn)
    }

    func feeSchedule(ndis: Bool) -> [String: FeeScheduleEntry] {
        guard let node = fields["fee_schedule"] else {
            root.issue("missing required section 'fee_schedule'")
            return [:]
        }
        guard let entries = node.entries() else { return [:] }
        var schedule: [String: FeeScheduleEntry] = [:]
        let allowed =
            ["rate", "rates", "unit", "modifiers", "verified", "description", "qualified"]
            + (ndis ? ["support_item", "gst"] : [])
        for (code, entry) in entries {
            guard code.count == 5, code.allSatisfy({ $0.isNumber || $0.isUppercase }) else {
                entry.issue("'\(code)' is not a 5-character CPT/HCPCS code")
                continue
            }
            guard let values = entry.fields(allowed: allowed) else { continue }
            guard let rates = rates(values, entry: entry) else { continue }
            let modifiers = values["modifiers"]?.strings() ?? []
            for modifier in modifiers
            where !(modifier.count == 2 && modifier.allSatisfy({ $0.isNumber || $0.isUppercase })) {
                values["modifiers"]?.issue("modifier '\(modifier)' must be 2 letters or digits")
            }
            var gst: String?
            var item: String?
            if ndis {
                item = value(
                    values, "support_item", check: { !$0.isEmpty },
                    "an NDIS support item number such as 01_011_0107_1_1")
                gst = value(
                    values, "gst", check: { ["P1", "P2", "P5"].contains($0) },
                    "P1 (10% GST), P2 (GST-free) or P5 (out of scope)")
                if values["support_item"] == nil { entry.issue("missing required key 'support_item'") }
                if values["gst"] == nil { entry.issue("missing required key 'gst'") }
            }
            var entry = FeeScheduleEntry(
                code: code, rates: rates, unit: values["unit"]?.string() ?? "unit", modifiers: modifiers,
                verified: values["verified"]?.bool() ?? false,
                qualified: values["qualified"].map(qualified) ?? [], supportItem: item, gstCode: gst)
            entry.qualifiedLine = values["qualified"]?.line ?? 0
            schedule[code] = entry
        }
        if schedule.isEmpty, entries.isEmpty { node.issue("the fee schedule lists no codes") }
        return schedule
    }

    /// `qualified: [SLP, LCSW, …]`: practitioner types (upper-case letters, digits or '-'), at least one, none
    /// twice; an issue at the node otherwise.
    func qualified(_ node: YAMLNode) -> [String] {
        guard let types = node.strings() else { return [] }
        if types.isEmpty {
            node.issue("'qualified' lists no practitioner type: name at least one, or leave the key out")
        }
        var seen: Set<String> = []
        for type in types {
            if type.isEmpty || type.count > 16
                || !type.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "-") })
            {
                node.issue("practitioner type '\(type)' must be 1-16 upper-case letters, digits or '-' (SLP, LCSW, RN)")
            } else if !seen.insert(type).inserted {
                node.issue("practitioner type '\(type)' is listed twice")
            }
        }
        return types
    }

    /// A code's rate stated one way: `rate: "52.00"` (every day) or `rates: [{ from: yyyy-MM-dd, rate: … }, …]`
    /// with strictly increasing `from` days; `nil` (with an issue at its node) when misused.
    func rates(_ values: [String: YAMLNode], entry: YAMLNode) -> [FeeRate]? {
        switch (values["rate"], values["rates"]) {
        case (_?, _?):
            entry.issue("state the rate one way: 'rate' (every day) or 'rates' (a list of { from, rate }), not both")
            return nil
        case (nil, nil):
            entry.issue("missing required key 'rate' (or 'rates: [{ from: yyyy-MM-dd, rate: … }]')")
            return nil
        case (let node?, nil):
            return amount(node).map { [FeeRate(from: nil, rate: $0)] }
        case (nil, let list?):
            guard let items = list.sequence() else { return nil }
            guard !items.isEmpty else {
                list.issue("'rates' lists no period: give at least one { from: yyyy-MM-dd, rate: … }")
                return nil
            }
            var periods: [FeeRate] = []
            var valid = true
            for item in items {
                guard let fields = item.fields(allowed: ["from", "rate"]) else {
                    valid = false
                    continue
                }
                for required in ["from", "rate"] where fields[required] == nil {
                    item.issue("missing required key '\(required)'")
                }
                guard let fromNode = fields["from"], let rateNode = fields["rate"] else {
                    valid = false
                    continue
                }
                let text = fromNode.string() ?? ""
                guard let from = Day(iso: text) else {
                    fromNode.issue("'from' '\(text)' is not a date: expected yyyy-MM-dd")
                    valid = false
                    continue
                }
                if let previous = periods.last?.from, from <= previous {
                    fromNode.issue(
                        from == previous
                            ? "'from' \(from) is repeated: each period starts on its own day"
                            : "'from' \(from) is before \(previous) above it: list the periods oldest first")
                    valid = false
                }
                guard let rate = amount(rateNode) else {
                    valid = false
                    continue
                }
                periods.append(FeeRate(from: from, rate: rate))
            }
            return valid ? periods : nil
        }
    }

    /// A rate per unit: an amount ≥ 0 with at most two decimals.
    func amount(_ node: YAMLNode) -> Money? {
        let text = node.string() ?? ""
        guard let rate = Money(x12: text), rate.cents >= 0 else {
            node.issue("rate '\(text)' must be an amount ≥ 0 with at most two decimals")
            return nil
        }
        return rate
    }
}

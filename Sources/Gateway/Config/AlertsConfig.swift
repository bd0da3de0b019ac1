/// Where alerts go (`alerts:` in dropgate.yaml): named channels and the routes that pick them.
///
/// Secrets (webhook signing secrets, SMTP passwords) are named by environment variable or file, never written
/// here; they are read when a notification is sent.
public struct AlertsConfig: Sendable, Equatable {
    /// A webhook: an HTTP(S) POST of a JSON document signed with HMAC-SHA256.
    public struct Webhook: Sendable, Equatable {
        /// `http://` or `https://` URL.
        public var url: String
        /// The signing secret.
        public var secret: Secret
    }

    /// An e-mail through an SMTP server.
    public struct Email: Sendable, Equatable {
        /// `smtp://host:port` (STARTTLS required, except on loopback) or `smtps://host:port`.
        public var url: String
        /// Sender address.
        public var from: String
        /// Recipient addresses.
        public var to: [String]
        /// Login user, written out (`user`); `nil`: none, or ``userEnvironment``.
        public var user: String?
        /// The environment variable holding the login user (`user_env`).
        public var userEnvironment: String?
        /// Login password (`password_env` or `password_file`).
        public var password: Secret?
    }

    /// A named channel.
    public struct Channel: Sendable, Equatable {
        /// How the channel delivers.
        public enum Kind: Sendable, Equatable {
            /// HTTP POST.
            case webhook(Webhook)
            /// SMTP.
            case email(Email)
        }

        /// The channel's name, used by routes.
        public var name: String
        /// How it delivers.
        public var kind: Kind
    }

    /// Which alerts go to a channel: every condition listed (none listed: all) of every source listed (none: all).
    public struct Route: Sendable, Equatable {
        /// Conditions (``AlertCondition`` raw values); empty: every condition.
        public var conditions: [String]
        /// Source, delivery or payer ids; empty: every one.
        public var sources: [String]
        /// The channel's name.
        public var channel: String

        /// Whether an alert of `condition` about `source` takes this route.
        public func matches(condition: String, source: String) -> Bool {
            (conditions.isEmpty || conditions.contains(condition)) && (sources.isEmpty || sources.contains(source))
        }
    }

    /// The channels.
    public var channels: [Channel] = []
    /// The routes.
    public var routes: [Route] = []
    /// Seconds between reminders of an alert that stays open; `nil`: no reminders.
    public var remindEvery: Double?
    /// Seconds a channel may take to take one notification.
    public var timeout: Double = 10

    /// No channels, no routes: alerts are recorded and listed, never sent.
    public init() {}

    /// The names of the channels an alert of `condition` about `source` goes to, each once.
    public func channels(condition: String, source: String) -> [String] {
        var names: [String] = []
        for route in routes where route.matches(condition: condition, source: source) && !names.contains(route.channel)
        {
            names.append(route.channel)
        }
        return names
    }

    /// The channel with a name.
    public func channel(_ name: String) -> Channel? {
        channels.first { $0.name == name }
    }
}

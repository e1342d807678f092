import Foundation
import Logging
import TownhallDomain
import TownhallStore

/// Settings shared by the server and the CLI. Loaded from a JSON file (default: `InstallLayout.configFile`),
/// then overridden by `TOWNHALL_*` environment variables so operators need not edit files in production.
public struct AppConfig: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var databasePath: String
    public var dataDirectory: String
    public var siteName: String
    public var timeZone: TimeZone
    public var templatesDirectory: String
    public var publicDirectory: String
    public var maxUploadBytes: Int
    public var bankHolidaysFile: String
    /// Mark cookies `Secure`: set when Townhall is served over HTTPS (directly or behind a TLS proxy).
    public var secureCookies: Bool
    /// The public address of the site, for links in e-mails.
    public var baseURL: String = AppConfig.defaultBaseURL
    /// A secret a Prometheus server on another machine presents (`Authorization: Bearer …`) to read `/metrics`;
    /// without it only a scraper on this machine (a loopback peer with no proxy in between) may.
    public var metricsToken: String?
    /// Serve a read-only replica (`serve --read-only`): public pages, feeds and the API only; no sign-in, no forms,
    /// no background writers. Set by the command line, not the file.
    public var readOnly = false
    /// Seconds between the writer's replication heartbeats (`replicationHeartbeatSeconds`); 0, the default, writes
    /// none. Set it on a writer that replicas follow: without it they cannot tell their lag and never report ready.
    public var replicationHeartbeatSeconds = 0
    /// A replica's `/readyz` answers 503 once its newest heartbeat is older than this many seconds.
    public var replicaMaxLagSeconds = 30
    /// The licence of the open data: `licenceName` and `licenceURL`, the Open Government Licence unless set.
    public var licence = OpenDataLicence.openGovernmentLicence
    /// Where `make run` serves the demo; no recipient can follow a link to it.
    public static let defaultBaseURL = "http://127.0.0.1:8080"
    /// A sendmail-compatible program and its arguments (e.g. `/usr/bin/msmtp -t`); reads the message on stdin.
    public var sendmailCommand: String = "/usr/sbin/sendmail -t -i"
    public var mailFrom: String = "townhall@localhost"
    /// The program that turns an agenda pack into PDF, and its options: WeasyPrint's command line, to which Townhall
    /// adds `--stylesheet CSS INPUT OUTPUT`. Tagged PDF/UA by default; empty for HTML packs only.
    public var pdfCommand: String = "weasyprint --pdf-variant pdf/ua-1"
    /// Behind a reverse proxy on the same host: take the client address from the last `X-Forwarded-For` entry
    /// (the one the proxy added), for sign-in throttling and logs. Never set it when clients reach Townhall directly.
    public var trustProxy: Bool = false
    /// `text` (one readable line per record) or `json` (one JSON object per line, for a log collector).
    public var logFormat: LogFormat = .text
    /// `info` logs every write, error and refusal with its request id; `debug` adds every read.
    public var logLevel: String = "info"
    /// Seconds a connection may stay silent (between requests, or before a request's head has arrived) before the
    /// server closes it, so half-open and slow-header connections cannot pile up.
    public var idleTimeoutSeconds: Int = 30
    /// Requests the server works on at once; beyond this it answers 503 with `Retry-After` at once instead of queueing
    /// (a queue on 2 cores turns a burst into seconds of waiting for everyone).
    public var maxInFlight: Int = 128
    /// Clear working days an agenda is open to inspection before its meeting: five under the Local Government Act
    /// 1972 s100B(3), never fewer; standing orders may give more.
    public var clearDays: Int = PublicationRule.statutoryClearDays
    /// Days the council leaves out of its working days besides weekends and bank holidays (LGA 1972 s243): "12-24,
    /// 12-27..12-31, 2027-03-25". None by default.
    public var closedDays: ClosedDays = .none
    /// Peer challenge timing: the `peerChallengeProfile` (`mission`, the default, or `lga`), then any of its settings
    /// given on their own.
    public var peerChallengeRules: PeerChallengeRules = .mission

    public enum LogFormat: String, Sendable, Equatable { case text, json }

    public init(
        host: String = "127.0.0.1", port: Int = 8080, databasePath: String = "var/townhall.sqlite",
        dataDirectory: String = "var/data", siteName: String = "Townhall",
        timeZone: TimeZone = TimeZone(identifier: "Europe/London")!,
        templatesDirectory: String = InstallLayout.current.templatesDirectory,
        publicDirectory: String = InstallLayout.current.publicDirectory,
        maxUploadBytes: Int = 10 * 1024 * 1024, bankHolidaysFile: String = InstallLayout.current.bankHolidaysFile,
        secureCookies: Bool = false
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.dataDirectory = dataDirectory
        self.siteName = siteName
        self.timeZone = timeZone
        self.templatesDirectory = templatesDirectory
        self.publicDirectory = publicDirectory
        self.maxUploadBytes = maxUploadBytes
        self.bankHolidaysFile = bankHolidaysFile
        self.secureCookies = secureCookies
    }

    /// The environment variables that override the file, by setting name.
    public static let environmentKeys: [String: String] = [
        "host": "TOWNHALL_HOST", "port": "TOWNHALL_PORT", "databasePath": "TOWNHALL_DATABASE",
        "dataDirectory": "TOWNHALL_DATA_DIR", "siteName": "TOWNHALL_SITE_NAME", "timeZone": "TOWNHALL_TIME_ZONE",
        "templatesDirectory": "TOWNHALL_TEMPLATES", "publicDirectory": "TOWNHALL_PUBLIC",
        "maxUploadBytes": "TOWNHALL_MAX_UPLOAD_BYTES", "bankHolidaysFile": "TOWNHALL_BANK_HOLIDAYS",
        "secureCookies": "TOWNHALL_SECURE_COOKIES", "baseURL": "TOWNHALL_BASE_URL",
        "licenceName": "TOWNHALL_LICENCE_NAME", "licenceURL": "TOWNHALL_LICENCE_URL", "sendmailCommand": "TOWNHALL_SENDMAIL",
        "metricsToken": "TOWNHALL_METRICS_TOKEN", "replicationHeartbeatSeconds": "TOWNHALL_REPLICATION_HEARTBEAT",
        "replicaMaxLagSeconds": "TOWNHALL_REPLICA_MAX_LAG",
        "mailFrom": "TOWNHALL_MAIL_FROM", "pdfCommand": "TOWNHALL_PDF_COMMAND", "trustProxy": "TOWNHALL_TRUST_PROXY", "logFormat": "TOWNHALL_LOG_FORMAT",
        "logLevel": "TOWNHALL_LOG_LEVEL", "idleTimeoutSeconds": "TOWNHALL_IDLE_TIMEOUT",
        "maxInFlight": "TOWNHALL_MAX_IN_FLIGHT", "clearDays": "TOWNHALL_CLEAR_DAYS", "closedDays": "TOWNHALL_CLOSED_DAYS",
        "peerChallengeProfile": "TOWNHALL_PEER_CHALLENGE_PROFILE", "peerChallengeFollowUpMonths": "TOWNHALL_PEER_CHALLENGE_FOLLOW_UP_MONTHS",
        "peerChallengeActionPlan": "TOWNHALL_PEER_CHALLENGE_ACTION_PLAN", "peerChallengeDueSoonDays": "TOWNHALL_PEER_CHALLENGE_DUE_SOON_DAYS",
    ]

    /// Loads the file named by `TOWNHALL_CONFIG` (or the layout's configuration file when present), then applies
    /// environment overrides. Any bad value throws a `ConfigError` naming the setting and where it came from.
    /// Templates, static files and bank holidays default to the install layout's, never the working directory's.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        defaultFile: String = InstallLayout.current.configFile
    ) throws -> AppConfig {
        var values: [String: String] = [:]
        var sources: [String: String] = [:]
        let explicitFile = environment["TOWNHALL_CONFIG"]
        let file = explicitFile ?? defaultFile
        if FileManager.default.fileExists(atPath: file) {
            for (key, value) in try readFile(file) {
                values[key] = value
                sources[key] = file
            }
        } else if explicitFile != nil {
            throw ConfigError("configuration file \(file) (from TOWNHALL_CONFIG) does not exist")
        }
        for (key, variable) in environmentKeys {
            if let value = environment[variable] {
                values[key] = value
                sources[key] = "environment variable \(variable)"
            }
        }
        return try build(values: values, sources: sources)
    }

    private static func readFile(_ path: String) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError("cannot read configuration file \(path)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ConfigError("configuration file \(path) is not a JSON object")
        }
        var result: [String: String] = [:]
        for (key, value) in object {
            guard environmentKeys[key] != nil else {
                throw ConfigError("configuration file \(path) has an unknown setting \"\(key)\"")
            }
            switch value {
            case let string as String: result[key] = string
            case let flag as Bool: result[key] = flag ? "true" : "false"
            case let number as NSNumber: result[key] = number.stringValue
            default: throw ConfigError("setting \"\(key)\" in \(path) must be a string or a number")
            }
        }
        return result
    }

    private static func build(values: [String: String], sources: [String: String]) throws -> AppConfig {
        var config = AppConfig()
        func origin(_ key: String) -> String { sources[key] ?? "default" }
        func text(_ key: String) throws -> String? {
            guard let value = values[key] else { return nil }
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { throw ConfigError("\(key) from \(origin(key)) must not be empty") }
            return trimmed
        }
        /// A whole number in `range`; `unit` ("seconds", "days"…) is named in the message that refuses anything else.
        func whole(_ key: String, _ range: ClosedRange<Int>, of unit: String? = nil) throws -> Int? {
            guard let value = try text(key) else { return nil }
            guard let number = Int(value), range.contains(number) else {
                let what = unit.map { "a whole number of \($0)" } ?? "a whole number"
                throw ConfigError("\(key) from \(origin(key)) must be \(what) from \(range.lowerBound) to \(range.upperBound), not \"\(value)\"")
            }
            return number
        }
        if let host = try text("host") { config.host = host }
        if let port = try whole("port", 1...65535) { config.port = port }
        if let path = try text("databasePath") { config.databasePath = path }
        if let path = try text("dataDirectory") { config.dataDirectory = path }
        if let name = try text("siteName") { config.siteName = name }
        if let zone = try text("timeZone") {
            guard let timeZone = TimeZone(identifier: zone) else {
                throw ConfigError("timeZone from \(origin("timeZone")) is not a known time zone: \"\(zone)\"")
            }
            config.timeZone = timeZone
        }
        if let path = try text("templatesDirectory") { config.templatesDirectory = path }
        if let path = try text("publicDirectory") { config.publicDirectory = path }
        if let size = try text("maxUploadBytes") {
            guard let number = Int(size), number > 0 else {
                throw ConfigError("maxUploadBytes from \(origin("maxUploadBytes")) must be a positive whole number, not \"\(size)\"")
            }
            config.maxUploadBytes = number
        }
        if let path = try text("bankHolidaysFile") { config.bankHolidaysFile = path }
        if let seconds = try whole("idleTimeoutSeconds", 1...3600, of: "seconds") { config.idleTimeoutSeconds = seconds }
        if let count = try whole("maxInFlight", 1...100_000) { config.maxInFlight = count }
        if let seconds = try whole("replicationHeartbeatSeconds", 0...60, of: "seconds") { config.replicationHeartbeatSeconds = seconds }
        if let seconds = try whole("replicaMaxLagSeconds", 1...86_400, of: "seconds") { config.replicaMaxLagSeconds = seconds }
        if let count = try text("clearDays") {
            guard let number = Int(count), (PublicationRule.statutoryClearDays...30).contains(number) else {
                throw ConfigError("clearDays from \(origin("clearDays")) must be a whole number from \(PublicationRule.statutoryClearDays) "
                    + "(the least the Local Government Act 1972 s100B(3) allows) to 30, not \"\(count)\"")
            }
            config.clearDays = number
        }
        if let list = try text("closedDays") {
            do { config.closedDays = try ClosedDays(parsing: list) } catch let error as TownhallError {
                throw ConfigError("closedDays from \(origin("closedDays")): \(error.message)")
            }
        }
        if let name = try text("peerChallengeProfile") {
            guard let profile = PeerChallengeRules.Profile(rawValue: name) else {
                throw ConfigError("peerChallengeProfile from \(origin("peerChallengeProfile")) must be mission or lga, not \"\(name)\"")
            }
            config.peerChallengeRules = .profile(profile)
        }
        if let months = try whole("peerChallengeFollowUpMonths", 1...36, of: "months") { config.peerChallengeRules.followUpMonths = months }
        if let plan = try text("peerChallengeActionPlan") {
            do { config.peerChallengeRules.actionPlan = try ResponseRule(parsing: plan) } catch let error as TownhallError {
                throw ConfigError("peerChallengeActionPlan from \(origin("peerChallengeActionPlan")): \(error.message)")
            }
        }
        if let days = try whole("peerChallengeDueSoonDays", 1...365, of: "days") { config.peerChallengeRules.dueSoonDays = days }
        /// A setting that must be an http or https address with a host (`extra` refuses more, where it is printed).
        func address(_ key: String, extra: (String) -> Bool = { _ in true }) throws -> String? {
            guard let url = try text(key) else { return nil }
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil, extra(url) else {
                throw ConfigError("\(key) from \(origin(key)) must be an http or https address, not \"\(url)\"")
            }
            return url
        }
        if let url = try address("baseURL") {
            config.baseURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        if let name = try text("licenceName") {
            if let problem = TextLimits.lineProblem(name, what: "licenceName from \(origin("licenceName"))") { throw ConfigError(problem) }
            config.licence.name = name
        }
        // The address goes into a `Link` header between angle brackets, so none of these may be in it.
        if let url = try address("licenceURL", extra: { !$0.contains(where: { "<>\" ".contains($0) }) }) { config.licence.url = url }
        if let token = try text("metricsToken") {
            guard token.count >= 16, token.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline }) else {
                throw ConfigError("metricsToken from \(origin("metricsToken")) must be at least 16 characters with no spaces")
            }
            config.metricsToken = token
        }
        if let command = try text("sendmailCommand") { config.sendmailCommand = command }
        if let command = try text("pdfCommand") { config.pdfCommand = command }
        if let from = try text("mailFrom") {
            guard from.contains("@"), !from.contains(where: { $0 == "\r" || $0 == "\n" }) else {
                throw ConfigError("mailFrom from \(origin("mailFrom")) must be an e-mail address, not \"\(from)\"")
            }
            config.mailFrom = from
        }
        func flag(_ key: String) throws -> Bool? {
            guard let value = try text(key) else { return nil }
            switch value.lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            default: throw ConfigError("\(key) from \(origin(key)) must be true or false, not \"\(value)\"")
            }
        }
        if let secure = try flag("secureCookies") { config.secureCookies = secure }
        if let trust = try flag("trustProxy") { config.trustProxy = trust }
        if let format = try text("logFormat") {
            guard let parsed = LogFormat(rawValue: format.lowercased()) else {
                throw ConfigError("logFormat from \(origin("logFormat")) must be text or json, not \"\(format)\"")
            }
            config.logFormat = parsed
        }
        if let level = try text("logLevel") {
            guard Logger.Level(rawValue: level.lowercased()) != nil else {
                throw ConfigError("logLevel from \(origin("logLevel")) must be one of trace, debug, info, notice, warning, error, critical, not \"\(level)\"")
            }
            config.logLevel = level.lowercased()
        }
        return config
    }
}

/// A configuration problem; its message is printed as the single line that stops start-up.
public struct ConfigError: Error, Equatable, CustomStringConvertible, LocalizedError {
    public let message: String
    public init(_ message: String) { self.message = "configuration error: " + message }
    public var description: String { message }
    public var errorDescription: String? { message }
}

extension AppConfig {
    /// The clear-working-days rule over the configured bank holidays, closed days, time zone and number of clear days.
    public func publicationRule() throws -> PublicationRule {
        guard FileManager.default.fileExists(atPath: bankHolidaysFile) else {
            throw ConfigError("the bank holidays file \(bankHolidaysFile) does not exist (set \(InstallLayout.homeVariable) to the folder "
                + "holding Templates, Public and Config, or bankHolidaysFile)")
        }
        return PublicationRule(
            workingDays: try WorkingDays.load(file: bankHolidaysFile).closing(closedDays), time: LocalTime(timeZone: timeZone),
            clearDays: clearDays)
    }
}

extension AppConfig {
    public func deadlines() throws -> Deadlines {
        let rule = try publicationRule()
        return Deadlines(workingDays: rule.workingDays, time: rule.time)
    }
}

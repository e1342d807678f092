import Foundation
import TownhallDomain
import TownhallStore

/// Hands messages to a sendmail-compatible program (`sendmail -t`, `msmtp -t`): the message, with its headers,
/// on standard input; exit status 0 means accepted.
public struct Mailer: Sendable {
    public let command: [String]
    public let from: String
    public let siteName: String
    public let baseURL: String

    public init(config: AppConfig) throws {
        command = config.sendmailCommand.split(separator: " ").map(String.init)
        guard !command.isEmpty else { throw ConfigError("sendmailCommand must name a program") }
        from = config.mailFrom
        siteName = config.siteName
        baseURL = config.baseURL
    }

    /// RFC 5322 text: headers (no line breaks can be injected: values are single-line), a blank line, the body.
    public func message(_ outbox: OutboxMessage, date: Date) -> String {
        func header(_ value: String) -> String { value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        let subject = header(outbox.subject)
        let encodedSubject = subject.allSatisfy(\.isASCII) ? subject : "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
        var headers = [
            "From: \(header(siteName)) <\(header(from))>",
            "To: \(header(outbox.recipient))",
            "Subject: \(encodedSubject)",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <outbox-\(outbox.id ?? 0)@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        // A follower's message can be stopped from the mail program in one click (RFC 8058): a POST to this
        // address, with no cookie or page in between, ends the follow.
        if let token = outbox.unsubscribeToken {
            headers.append("List-Unsubscribe: <\(baseURL)\(SiteURL.unsubscribe(token: token).path)>")
            headers.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
            headers.append("Auto-Submitted: auto-generated")
        }
        return (headers + ["", outbox.body.replacingOccurrences(of: "{{site}}", with: baseURL), ""]).joined(separator: "\r\n")
    }

    /// Runs the program once for the message; throws with its output when it fails.
    public func send(_ outbox: OutboxMessage, date: Date) throws {
        let ran = try ChildProcess.run(command, input: Data(message(outbox, date: date).utf8), mergeErrors: true, timeout: 120)
        guard ran.termination.succeeded else {
            throw TownhallError.io("\(command[0]) \(ran.termination.description)\(ran.said.isEmpty ? "" : ": \(ran.said)")")
        }
    }

    public struct RunSummary: Sendable, Equatable {
        public var queued = 0
        public var sent = 0
        public var failed = 0
        /// Left in the outbox for a later run by the hourly limits (`FollowLimits`).
        public var held = 0
    }

    /// Queues due notices and followers' due alerts (after bringing the public events up to date), then tries every
    /// pending message once, within the hourly limits per address and in all; failures stay queued with their
    /// error, and messages over a limit wait for a later run.
    public func run(database: AppDatabase, deadlines: Deadlines, now: Date) throws -> RunSummary {
        // Every message links back to the site; sent with the demo's address, each link would lead nowhere.
        guard baseURL != AppConfig.defaultBaseURL else {
            throw TownhallError.invalid(
                "baseURL is still \(AppConfig.defaultBaseURL), so every link in the e-mails would point at this machine; set baseURL in the configuration file or TOWNHALL_BASE_URL to the site's public address, then run notify again")
        }
        var summary = RunSummary()
        let messages = FollowMessages(siteName: siteName)
        try database.recordPublicEvents(deadlines: deadlines, now: now)
        summary.queued = try database.enqueueDeadlineNotices(deadlines: deadlines, now: now)
            + database.enqueueDutyReminders(today: deadlines.time.calendarDay(of: now), time: deadlines.time, now: now)
            + database.queueDueAlerts(now: now) { messages.alerts($0, time: deadlines.time) }
        var (byRecipient, total) = try database.sentCounts(since: now.addingTimeInterval(-3600))
        for message in try database.pendingMessages(now: now, limit: 10_000) {
            let recipient = message.recipient.lowercased()
            guard total < FollowLimits.messagesPerHour, byRecipient[recipient, default: 0] < FollowLimits.messagesPerAddressPerHour else {
                summary.held += 1
                continue
            }
            byRecipient[recipient, default: 0] += 1
            total += 1
            do {
                try send(message, date: now)
                try database.markSent(messageId: message.id!, at: now)
                summary.sent += 1
            } catch {
                try database.markFailed(messageId: message.id!, error: (error as? TownhallError)?.message ?? "\(error)", at: now)
                summary.failed += 1
            }
        }
        return summary
    }
}

import Foundation
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

@Suite("Configuration")
struct ConfigTests {
    @Test func shippedFileLoads() throws {
        let config = try AppConfig.load(environment: [:], defaultFile: packageRoot.appendingPathComponent("Config/townhall.json").path)
        #expect(config.port == 8080)
        #expect(config.host == "127.0.0.1")
        #expect(config.timeZone.identifier == "Europe/London")
    }

    @Test func environmentOverridesFile() throws {
        let config = try AppConfig.load(
            environment: ["TOWNHALL_PORT": "9090", "TOWNHALL_DATABASE": "/tmp/x.sqlite", "TOWNHALL_SITE_NAME": "Harford"],
            defaultFile: packageRoot.appendingPathComponent("Config/townhall.json").path)
        #expect(config.port == 9090)
        #expect(config.databasePath == "/tmp/x.sqlite")
        #expect(config.siteName == "Harford")
        #expect(!config.trustProxy && config.logFormat == .text && config.logLevel == "info")
        let operated = try AppConfig.load(
            environment: ["TOWNHALL_TRUST_PROXY": "yes", "TOWNHALL_LOG_FORMAT": "JSON", "TOWNHALL_LOG_LEVEL": "debug"],
            defaultFile: "/nonexistent/default.json")
        #expect(operated.trustProxy && operated.logFormat == .json && operated.logLevel == "debug")
        #expect(operated.maxInFlight == 128)
        #expect(try AppConfig.load(environment: ["TOWNHALL_MAX_IN_FLIGHT": "64"], defaultFile: "/nonexistent/default.json").maxInFlight == 64)
        // Standing orders may give more clear days than s100B(3)'s five; the deadline and the wording follow.
        let seven = try AppConfig.load(environment: ["TOWNHALL_CLEAR_DAYS": "7"], defaultFile: "/nonexistent/default.json")
        #expect(operated.clearDays == 5 && seven.clearDays == 7)
        let five = try operated.publicationRule(), more = try seven.publicationRule()
        let meeting = try five.time.parseDateTime("2026-12-18 10:00")
        #expect(five.clearDaysDeadline(meetingStart: meeting) == Day("2026-12-10")!)
        #expect(more.clearDaysDeadline(meetingStart: meeting) == Day("2026-12-08")!)
        #expect(more.clearDaysPhrase == "seven clear working days" && five.clearDaysPhrase == "five clear working days")
        #expect(operated.peerChallengeRules == .mission)
        let lga = try AppConfig.load(environment: [
            "TOWNHALL_PEER_CHALLENGE_PROFILE": "lga", "TOWNHALL_PEER_CHALLENGE_FOLLOW_UP_MONTHS": "12",
            "TOWNHALL_PEER_CHALLENGE_DUE_SOON_DAYS": "30", "TOWNHALL_PEER_CHALLENGE_ACTION_PLAN": "12 weeks",
        ], defaultFile: "/nonexistent/default.json").peerChallengeRules
        #expect(lga.followUpFromChallenge && lga.followUpMonths == 12 && lga.dueSoonDays == 30 && lga.actionPlan.label == "12 weeks",
                "the profile first, then each setting given")
        let closed = try AppConfig.load(environment: ["TOWNHALL_CLOSED_DAYS": "12-14..12-17"], defaultFile: "/nonexistent/default.json")
        #expect(try closed.publicationRule().clearDaysDeadline(meetingStart: meeting) == Day("2026-12-06")!, "14-17 December closed")
    }

    @Test(arguments: [
        (["TOWNHALL_PORT": "eighty"], "configuration error: port from environment variable TOWNHALL_PORT must be a whole number from 1 to 65535, not \"eighty\""),
        (["TOWNHALL_PORT": "70000"], "configuration error: port from environment variable TOWNHALL_PORT must be a whole number from 1 to 65535, not \"70000\""),
        (["TOWNHALL_TIME_ZONE": "Mars/Olympus"], "configuration error: timeZone from environment variable TOWNHALL_TIME_ZONE is not a known time zone: \"Mars/Olympus\""),
        (["TOWNHALL_SITE_NAME": "  "], "configuration error: siteName from environment variable TOWNHALL_SITE_NAME must not be empty"),
        (["TOWNHALL_TRUST_PROXY": "maybe"], "configuration error: trustProxy from environment variable TOWNHALL_TRUST_PROXY must be true or false, not \"maybe\""),
        (["TOWNHALL_LOG_FORMAT": "xml"], "configuration error: logFormat from environment variable TOWNHALL_LOG_FORMAT must be text or json, not \"xml\""),
        (["TOWNHALL_MAX_IN_FLIGHT": "0"], "configuration error: maxInFlight from environment variable TOWNHALL_MAX_IN_FLIGHT must be a whole number from 1 to 100000, not \"0\""),
        (["TOWNHALL_CLOSED_DAYS": "12-24, 13-01"], "configuration error: closedDays from environment variable TOWNHALL_CLOSED_DAYS: closed day \"13-01\" must be MM-DD or YYYY-MM-DD, or a range of either such as 12-27..12-31, the first day before the last"),
        (["TOWNHALL_PEER_CHALLENGE_PROFILE": "cipfa"], "configuration error: peerChallengeProfile from environment variable TOWNHALL_PEER_CHALLENGE_PROFILE must be mission or lga, not \"cipfa\""),
        (["TOWNHALL_PEER_CHALLENGE_FOLLOW_UP_MONTHS": "0"], "configuration error: peerChallengeFollowUpMonths from environment variable TOWNHALL_PEER_CHALLENGE_FOLLOW_UP_MONTHS must be a whole number of months from 1 to 36, not \"0\""),
        (["TOWNHALL_CLEAR_DAYS": "4"], "configuration error: clearDays from environment variable TOWNHALL_CLEAR_DAYS must be a whole number from 5 (the least the Local Government Act 1972 s100B(3) allows) to 30, not \"4\""),
        (["TOWNHALL_CONFIG": "/nonexistent/townhall.json"], "configuration error: configuration file /nonexistent/townhall.json (from TOWNHALL_CONFIG) does not exist"),
    ])
    func badValuesStopWithOneClearMessage(environment: [String: String], message: String) {
        #expect(throws: ConfigError(String(message.dropFirst("configuration error: ".count)))) {
            try AppConfig.load(environment: environment, defaultFile: "/nonexistent/default.json")
        }
    }

    @Test func unknownSettingInFileIsRefused() throws {
        let dir = try TemporaryDirectory()
        let file = dir.path("bad.json")
        try Data(#"{"prot": 8080}"#.utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: ConfigError("configuration file \(file) has an unknown setting \"prot\"")) {
            try AppConfig.load(environment: ["TOWNHALL_CONFIG": file])
        }
    }
}

@Suite("Local time")
struct LocalTimeTests {
    let time = LocalTime()

    @Test func storesUTCAndShowsLondon() throws {
        let winter = try time.parseDateTime("2026-12-08 18:30")
        #expect(winter == Date(timeIntervalSince1970: 1_796_754_600))  // 18:30 UTC, GMT
        let summer = try time.parseDateTime("2026-07-08 18:30")
        #expect(ISO8601DateFormatter().string(from: summer) == "2026-07-08T17:30:00Z")  // BST
        #expect(time.dateTime(summer) == "Wednesday 8 July 2026, 6:30pm")
        #expect(time.time(try time.parseDateTime("2026-07-08 12:00")) == "midday")
        #expect(time.isoLocal(summer) == "2026-07-08T18:30:00+01:00")
    }

    /// Issue 15: the hand-written zero padding that replaced `String(format:)` gives the same text.
    @Test func paddedFormsMatchTheFormatStrings() throws {
        let early = try time.parseDateTime("2026-01-05 09:05")
        #expect(time.day(of: early) == "2026-01-05" && time.clock24(early) == "09:05" && time.time(early) == "9:05am")
        #expect(time.isoLocal(early) == "2026-01-05T09:05:00Z")
        #expect(LocalTime(timeZone: TimeZone(secondsFromGMT: -(5 * 3600 + 30 * 60))!).isoLocal(early) == "2026-01-05T03:35:00-05:30")
        #expect(HTTPCacheMiddleware.httpDate(early) == "Mon, 05 Jan 2026 09:05:00 GMT")
        #expect(HTTPCacheMiddleware.etag("") == "\"e3b0c44298fc1c149afbf4c8996fb924\"", "SHA-256 of nothing, first 16 bytes in hex")
        #expect(LocalTime.padded(7) == "07" && LocalTime.padded(2026, 4) == "2026" && LocalTime.padded(123) == "123")
    }

    @Test func clockChangeGapIsRefused() {
        // 29 March 2026: clocks go forward at 01:00 GMT, so 01:30 does not exist in London.
        #expect(throws: TownhallError.self) { try time.parseDateTime("2026-03-29 01:30") }
    }

    @Test(arguments: ["2026-02-30 10:00", "2026-13-01 10:00", "tomorrow", "2026-01-01 25:00", "2026-01-01 9:00", "2026-01-01"])
    func badDateTimesAreRefused(text: String) {
        #expect(throws: TownhallError.self) { try time.parseDateTime(text) }
    }

    @Test func days() throws {
        #expect(try time.parseDay("2028-02-29") == "2028-02-29")
        #expect(throws: TownhallError.self) { try time.parseDay("2027-02-29") }
        // 23:30 UTC on 31 July is already 1 August in London.
        #expect(time.day(of: Date(timeIntervalSince1970: 1_785_540_600)) == "2026-08-01")
    }
}

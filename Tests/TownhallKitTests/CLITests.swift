import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GRDB
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

/// Runs the built `townhall` executable as an administrator would.
@Suite("Admin CLI", .serialized)
struct CLITests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["TOWNHALL_BIN"] { return URL(fileURLWithPath: path) }
        return packageRoot.appendingPathComponent(".build/debug/townhall")
    }

    let directory: TemporaryDirectory
    let database: String

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.path("cli.sqlite")
    }

    @discardableResult
    /// Runs the CLI on the test's store; `environment` adds to (or overrides) the inherited variables; `workingDirectory`,
    /// the checkout unless given.
    func run(
        _ arguments: [String], database: String? = nil, environment extra: [String: String] = [:], workingDirectory: String? = nil
    ) throws -> Result {
        let binary = Self.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the executable first: swift build")
        var environment = ProcessInfo.processInfo.environment
        environment["TOWNHALL_DATA_DIR"] = directory.path("data")
        environment.merge(extra) { _, new in new }
        let ran = try ChildProcess.run(
            [binary.path] + arguments + ["--database", database ?? self.database], environment: environment,
            directory: workingDirectory ?? packageRoot.path)
        let status: Int32 = switch ran.termination {
        case .exit(let code): code
        case .signal(let signal): 128 + signal
        }
        return Result(status: status, stdout: String(decoding: ran.stdout, as: UTF8.self), stderr: String(decoding: ran.stderr, as: UTF8.self))
    }

    func expectOK(_ arguments: [String]) throws -> String {
        let result = try run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    /// One line on stderr, a non-zero exit, and the given text in the message.
    func expectError(_ arguments: [String], _ text: String) throws {
        let result = try run(arguments)
        #expect(result.status != 0, "\(arguments) should fail")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line, got: \(result.stderr)")
        #expect(result.stderr.hasPrefix("townhall: error: "), "\(result.stderr)")
        #expect(result.stderr.contains(text), "\(result.stderr)")
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = directory.path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func buildsAMeetingFromTheCommandLine() throws {
        #expect(try expectOK(["db", "migrate"]).contains("is up to date"))
        _ = try expectOK(["authority", "add", "--slug", "harford-city", "--name", "Harford City Council", "--kind", "unitary"])
        _ = try expectOK(["body", "add", "--slug", "harford-lpac", "--name", "Harford LPAC", "--kind", "lpac", "--area", "Harford"])
        _ = try expectOK(["person", "add", "--slug", "helen-marsh", "--name", "Councillor Helen Marsh"])
        _ = try expectOK(["member", "add", "--person", "helen-marsh", "--body", "harford-lpac", "--role", "chair",
                          "--category", "backbench-councillor", "--authority", "harford-city", "--start", "2026-05-01"])
        #expect(try expectOK(["meeting", "add", "--body", "harford-lpac", "--title", "Evidence session",
                              "--starts", "2036-12-09 18:30", "--ends", "2036-12-09 20:00", "--location", "Civic Centre"])
            .contains("added meeting 1: Evidence session, Tuesday 9 December 2036, 6:30pm"))
        _ = try expectOK(["agenda", "add-item", "--meeting", "1", "--title", "Apologies", "--type", "procedural"])
        try expectError(["agenda", "add-item", "--meeting", "1", "--title", "Contract award", "--exempt", "3"], "public interest")
        try expectError(["meeting", "show", "9"], "no meeting with id 9")
        #expect(try expectOK(["agenda", "add-item", "--meeting", "1", "--title", "Contract award", "--exempt", "3",
                              "--public-interest", "Bids are commercially confidential until the contract is signed"]).contains("(exempt)"))
        let markdown = try write("report.md", "# Findings\n\n```csv\nA,B\n1,2\n```\n")
        #expect(try expectOK(["paper", "add", markdown, "--item", "1", "--title", "Scrutiny report"]).contains("added draft paper 1"))
        #expect(try expectOK(["paper", "publish", "1"]).contains("published paper 1 revision 1"))
        let csv = try write("figures.csv", "a,b\n1,2\n")
        #expect(try expectOK(["attach", csv, "--item", "1", "--paper", "1"]).contains("attached figures.csv (8 bytes)"))
        // The private item needs the notice of intention to meet in private on the forward plan (regulation 5(2)).
        try expectError(["meeting", "publish-agenda", "1"], "must be on the forward plan for 2036-12-09 (regulation 5(2))")
        #expect(try expectOK(["plan", "add", "--body", "harford-lpac", "--title", "Contract award", "--expected", "2036-12-09", "--private", "3"])
            .contains("Contract award, expected 2036-12-09 (Notice given 28 clear days ahead)"))
        _ = try expectOK(["meeting", "publish-agenda", "1"])
        #expect(try expectOK(["meeting", "show", "1"]).contains("Further notice was given with the agenda on"))
        // The agenda is out, so a new item is supplementary; ten years ahead it needs no urgency record.
        #expect(try expectOK(["agenda", "add-item", "--meeting", "1", "--title", "Late addition"]).contains("(supplementary)"))
        try expectError(["meeting", "set-status", "1", "held"], "cannot be marked held before it starts")
        let listed = try expectOK(["meeting", "list", "--json"])
        #expect(listed.contains("\"lastOnTimePublication\" : \"2036-12-01\""), "\(listed)")
        #expect(listed.contains("\"calledAtShortNotice\" : false"))
        #expect(listed.contains("\"title\" : \"Evidence session\""), "the meeting's own fields are kept")
        let shown = try expectOK(["meeting", "show", "1"])
        #expect(shown.contains("last on-time publication: 2036-12-01"))
        #expect(shown.contains("3. Late addition (supplementary, added "))

        let store = try AppDatabase.open(path: database, clock: { Date() })
        let paper = try #require(try store.list(Paper.self).first)
        #expect(paper.status == .published)
        #expect(paper.html?.contains("<th scope=\"col\">A</th>") == true)
        let meeting = try #require(try store.list(Meeting.self).first)
        #expect(LocalTime().dateTime(meeting.startsAt) == "Tuesday 9 December 2036, 6:30pm")
        #expect(try store.list(AgendaItem.self).map(\.isExempt) == [false, true, false])
        #expect(try store.list(AgendaItem.self).map(\.isSupplementary) == [false, false, true])
    }

    /// Issue 21: started from a folder with nothing of Townhall's in it, the binary still finds its bank holidays (the
    /// demo's deadlines need them) from its own path, and TOWNHALL_HOME points it elsewhere.
    @Test func runsFromAnyWorkingDirectory() throws {
        let elsewhere = directory.path("elsewhere")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        let seeded = try run(["demo", "seed"], workingDirectory: elsewhere)
        #expect(seeded.status == 0, "\(seeded.stderr)")
        let shown = try run(["holidays", "show"], workingDirectory: elsewhere)
        #expect(shown.status == 0 && shown.stdout.hasPrefix(packageRoot.standardizedFileURL.path + "/Config/bank-holidays.json: "), "\(shown.stdout)\(shown.stderr)")
        let moved = try run(["holidays", "show"], environment: ["TOWNHALL_HOME": elsewhere], workingDirectory: elsewhere)
        #expect(moved.status != 0 && moved.stderr.hasPrefix("townhall: error: configuration error: the bank holidays file \(elsewhere)/Config/bank-holidays.json does not exist (set TOWNHALL_HOME"), "\(moved.stderr)")
    }

    @Test func deadlinesForARangeOfDays() throws {
        let printed = try expectOK(["holidays", "deadlines", "--from", "2027-01-29", "--to", "2027-01-31", "--rule", "2 months-beginning-with",
                                    "--rule", "2 calendar-months"])
        let lines = printed.split(separator: "\n").map(String.init)
        #expect(lines.first == "day\tworking\tagenda-by\t2 months-beginning-with\t2 calendar-months")
        // A Friday meeting: its agenda by Thursday 21st (five clear working days, the 22nd and the 25th to the 28th);
        // two months beginning with 29 January end on 28 March, Easter Sunday, not moved; two calendar months end on
        // 29 March, Easter Monday, so on the 30th.
        #expect(lines.dropFirst().first == "2027-01-29\tyes\t2027-01-21\t2027-03-28\t2027-03-30", "\(lines)")
        // A Saturday is no working day; a meeting on it needs its agenda by Sunday 24th (the 25th to the 29th clear).
        #expect(lines.contains("2027-01-30\tno\t2027-01-24\t2027-03-29\t2027-03-30"), "\(lines)")
        #expect(lines.count == 4)
        try expectError(["holidays", "deadlines", "--from", "2027-02-30", "--to", "2027-03-01"], "must be real dates")
        try expectError(["holidays", "deadlines", "--from", "2027-03-01", "--to", "2027-02-01"], "on or after --from")
        try expectError(["holidays", "deadlines", "--from", "2027-03-01", "--to", "2027-03-01", "--rule", "2 fortnights"], "unit")
    }

    @Test func bodyKindDutiesFromTheCommandLine() throws {
        _ = try expectOK(["db", "migrate"])
        for (slug, name) in [("north", "North Council"), ("south", "South Council"), ("east", "East Council")] {
            _ = try expectOK(["authority", "add", "--slug", slug, "--name", name, "--kind", "unitary"])
        }
        try expectError(["body", "add", "--slug", "b", "--name", "Board", "--kind", "policing-board", "--councils", "north"],
                        "at least two councils")
        let added = try run(["body", "add", "--slug", "b", "--name", "Board", "--kind", "policing-board", "--councils", "north,south"])
        #expect(added.status == 0)
        #expect(added.stderr.contains("warning: b has no council leader, north council"), "\(added.stderr)")
        _ = try expectOK(["person", "add", "--slug", "ann", "--name", "Ann"])
        _ = try expectOK(["person", "add", "--slug", "bob", "--name", "Bob"])
        try expectError(["member", "add", "--person", "ann", "--body", "b", "--category", "leader", "--authority", "east", "--start", "2026-05-01"],
                        "East Council is not one of the councils")
        try expectError(["member", "add", "--person", "ann", "--body", "b", "--category", "mayor", "--authority", "north", "--start", "2026-05-01"],
                        "--category \"mayor\" is not one of")
        let seated = try run(["member", "add", "--person", "ann", "--body", "b", "--category", "leader", "--authority", "north", "--start", "2026-05-01"])
        #expect(seated.status == 0)
        #expect(seated.stderr.split(separator: "\n").count == 3, "three seats still empty: \(seated.stderr)")
        try expectError(["member", "add", "--person", "bob", "--body", "b", "--category", "leader", "--authority", "north", "--start", "2026-06-01"],
                        "already filled")
        let seats = try run(["body", "seats", "b", "--on", "2026-06-01"])
        #expect(seats.status == 1, "a vacant seat makes the check fail")
        #expect(seats.stdout.contains("Council leader, North Council\tAnn") && seats.stdout.contains("Lead member, South Council\tVACANT"))

        try expectError(["decision", "add", "--body", "b", "--function", "budget-precept", "--on", "2026-02-10", "--summary", "Set",
                         "--budget", "214,600,000", "--precept", "12.345"], "is not an amount of money")
        try expectError(["decision", "add", "--body", "b", "--function", "budget-precept", "--on", "2026-02-10", "--summary", "Set",
                         "--budget", "214,600,000", "--precept", "268.47"], "name the meeting that took the decision")
        try expectError(["decision", "add", "--body", "b", "--function", "budget-precept", "--on", "2026-02-10", "--summary", "Set",
                         "--budget", "214,600,000", "--precept", "268.47", "--basis", "delegated"], "needs the authority")
        #expect(try expectOK(["decision", "add", "--body", "b", "--function", "budget-precept", "--on", "2026-02-10", "--summary", "Set",
                              "--budget", "214,600,000", "--precept", "268.47", "--basis", "urgent",
                              "--authority", "Standing order 14 (urgency)"]).contains("recorded decision 1"))
        #expect(try expectOK(["decision", "list", "--body", "b"]).contains("2026-02-10\tbudget-precept\t£214,600,000\t£268.47\tSet"))

        _ = try expectOK(["body", "add", "--slug", "team", "--name", "Team", "--kind", "peer-challenge-team"])
        _ = try expectOK(["peer-challenge", "add", "--slug", "pc", "--team", "team", "--council", "north", "--kind", "safeguarding",
                          "--scope", "Safeguarding", "--from", "2023-10-02", "--to", "2023-10-05"])
        try expectError(["peer-challenge", "follow-up", "pc", "--on", "2024-06-01"], "record the published report")
        let duties = try run(["duties", "--on", "2026-11-25", "--json"])
        #expect(duties.status == 1, "an overdue repeat fails the check")
        let json = try JSONSerialization.jsonObject(with: Data(duties.stdout.utf8)) as? [[String: Any]]
        #expect(json?.first?["state"] as? String == "overdue")
        #expect(json?.first?["due"] as? String == "2026-10-02")
        #expect(try run(["duties", "--on", "2026-01-01"]).status == 0, "nothing overdue before the due day")
    }

    @Test func backupCheckAndRestore() throws {
        _ = try expectOK(["demo", "seed"])
        #expect(try expectOK(["db", "check"]) == "integrity ok\n")
        let backup = directory.path("backup.sqlite")
        #expect(try expectOK(["db", "backup", backup]).contains("integrity ok"))
        try expectError(["db", "backup", backup], "already exists")
        _ = try expectOK(["body", "add", "--slug", "added-later", "--name", "Added later", "--kind", "joint-committee"])

        // A damaged copy and a database that is not a Townhall store are refused, and change nothing.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
        for offset in stride(from: 8192, to: min(bytes.count, 200_000), by: 4096) { bytes[offset + 100] ^= 0xFF; bytes[offset + 2000] ^= 0x5A }
        let damaged = directory.path("damaged.sqlite")
        try bytes.write(to: URL(fileURLWithPath: damaged))
        let refused = try run(["db", "restore", damaged])
        #expect(refused.status != 0 && refused.stderr.hasPrefix("townhall: error: ") && refused.stderr.contains("nothing was restored"),
                "\(refused.stderr)")
        let other = directory.path("other.sqlite")
        let queue = try DatabaseQueue(path: other)
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        try queue.close()
        try expectError(["db", "restore", other], "is not a Townhall store")
        try expectError(["db", "restore", directory.path("missing.sqlite")], "no such file")
        #expect(try AppDatabase.open(path: database, clock: { Date() }).list(Body.self).contains { $0.slug == "added-later" })

        #expect(try expectOK(["db", "restore", backup]).contains("restored"))
        let restored = try AppDatabase.open(path: database, clock: { Date() })
        #expect(!(try restored.list(Body.self)).contains { $0.slug == "added-later" }, "back to the backup")
        #expect(try restored.list(Body.self).count == 5)
        #expect(try expectOK(["db", "check"]) == "integrity ok\n")
    }

    @Test func listCommandsPrintJSON() throws {
        _ = try expectOK(["body", "add", "--slug", "board", "--name", "Joint Board", "--kind", "joint-committee"])
        let json = try expectOK(["body", "list", "--json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(decoded?.count == 1)
        #expect(decoded?.first?["slug"] as? String == "board")
        #expect(decoded?.first?["kind"] as? String == "joint-committee")
        for command in ["authority", "person", "member", "meeting", "agenda", "paper"] {
            let output = try expectOK([command, "list", "--json"])
            #expect((try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [Any]) != nil, "\(command) list --json")
        }
    }

    /// Issue 21: list commands filter where an administrator would, and name things by slug and name.
    @Test func listsFilterAndNameThings() throws {
        _ = try expectOK(["demo", "seed"])
        let members = try expectOK(["member", "list", "--body", "harford-lpac"]).split(separator: "\n")
        #expect(!members.isEmpty && members.allSatisfy { $0.split(separator: "\t")[3] == "harford-lpac" }, "\(members)")
        #expect(members.allSatisfy { $0.split(separator: "\t")[1].allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } }, "a person's slug")
        try expectError(["member", "list", "--body", "nowhere"], "no body nowhere")
        let meeting = try #require(try expectOK(["agenda", "list"]).split(separator: "\n").first?.split(separator: "\t")[1])
        let id = String(meeting.dropFirst("meeting ".count))
        let items = try expectOK(["agenda", "list", "--meeting", id]).split(separator: "\n")
        #expect(!items.isEmpty && items.allSatisfy { $0.split(separator: "\t")[1] == "meeting \(id)" && $0.split(separator: "\t").count >= 5 })
        try expectError(["agenda", "list", "--meeting", "999999"], "no meeting with id 999999")
    }

    @Test func errorsAreOneLineAndLeaveNothingBehind() throws {
        _ = try expectOK(["body", "add", "--slug", "board", "--name", "Board", "--kind", "joint-committee"])
        try expectError(["meeting", "add", "--body", "nope", "--title", "x", "--starts", "2026-12-08 10:00"], "no body with slug \"nope\"")
        try expectError(["meeting", "add", "--body", "board", "--title", "x", "--starts", "2026-02-30 10:00"], "is not a real date")
        try expectError(["meeting", "add", "--body", "board", "--title", "x", "--starts", "next tuesday"], "is not a date and time")
        try expectError(["body", "add", "--slug", "board", "--name", "Again", "--kind", "lpac"], "already exists")
        try expectError(["body", "add", "--slug", "other", "--name", "Other", "--kind", "parish"], "--kind \"parish\" is not one of")
        try expectError(["paper", "add", directory.path("missing.md"), "--item", "1"], "no such file")
        try expectError(["attach", directory.path("missing.pdf"), "--item", "1"], "no such file")
        try expectError(["paper", "publish", "42"], "no paper with id 42")
        try expectError(["agenda", "add-item", "--meeting", "1", "--title", "x", "--exempt", "9"], "paragraph from 1 to 7")
        let exe = try write("tool.exe", "MZ")
        _ = try expectOK(["meeting", "add", "--body", "board", "--title", "Real", "--starts", "2026-12-08 10:00"])
        _ = try expectOK(["agenda", "add-item", "--meeting", "1", "--title", "Item"])
        try expectError(["attach", exe, "--item", "1"], "cannot be attached")
        // A meeting in the past: publishing now is late, so a reason is required and recorded.
        _ = try expectOK(["meeting", "add", "--body", "board", "--title", "Past", "--starts", "2020-01-07 10:00"])
        try expectError(["meeting", "publish-agenda", "2"], "the agenda has no items")
        _ = try expectOK(["agenda", "add-item", "--meeting", "2", "--title", "Item"])
        try expectError(["meeting", "publish-agenda", "2"], "give the special circumstances that make it urgent")
        _ = try expectOK(["meeting", "publish-agenda", "2", "--late-reason", "Papers were delayed by the audit"])

        let store = try AppDatabase.open(path: database, clock: { Date() })
        #expect(try store.list(Body.self).map(\.slug) == ["board"])
        #expect(try store.list(Meeting.self).map(\.title) == ["Real", "Past"])
        #expect(try store.list(Meeting.self).map(\.lateReason) == [nil, "Papers were delayed by the audit"])
        #expect(try store.list(Attachment.self).isEmpty)
    }

    /// Issue 16: the forward plan from the CLI; a late key decision is refused without its exception.
    @Test func forwardPlanEntries() throws {
        _ = try expectOK(["demo", "seed"])
        let soon = LocalTime().day(of: Date().addingTimeInterval(10 * 86_400))
        let far = LocalTime().day(of: Date().addingTimeInterval(60 * 86_400))
        try expectError(["plan", "add", "--body", "harford-lpac", "--title", "Hospital discharge follow-up", "--expected", soon, "--key"],
                        "a key decision or private matter must be on the plan by")
        try expectError(["plan", "add", "--body", "harford-lpac", "--title", "X", "--expected", soon, "--key", "--exception", "soonish",
                         "--reason", "r"], "--exception \"soonish\" is not one of")
        try expectError(["plan", "add", "--body", "harford-lpac", "--title", "X", "--expected", far, "--private", "9"], "--private must be")
        try expectError(["plan", "add", "--body", "harford-lpac", "--title", "X", "--expected", "2027-02-30"], "must be a real date")
        #expect(try expectOK(["plan", "add", "--body", "harford-lpac", "--title", "Hospital discharge follow-up", "--expected", soon, "--key",
                              "--exception", "general-exception", "--reason", "The trust's figures arrive on the 1st"])
            .contains("(General exception (regulation 10))"))
        #expect(try expectOK(["plan", "add", "--body", "harford-lpac", "--title", "Care contract award", "--expected", far, "--key",
                              "--private", "3"]).contains("Notice given 28 clear days ahead"))
        let listed = try expectOK(["plan", "list", "--body", "harford-lpac"])
        #expect(listed.contains("\t\(soon)\tHospital discharge follow-up\tkey decision, general-exception"))
        #expect(listed.contains("\t\(far)\tCare contract award\tkey decision, private, paragraph 3"))
        let json = try JSONSerialization.jsonObject(with: Data(try expectOK(["plan", "list", "--body", "harford-lpac", "--json"]).utf8))
        #expect((json as? [[String: Any]])?.map { $0["notice"] as? String } == ["general-exception", "in-time"])
    }

    /// Issuing from the CLI shows what would go out first, as the confirmation page does, and applies `IssueRule`.
    @Test func issuingRecommendationsFromTheCommandLine() throws {
        _ = try expectOK(["demo", "seed"])
        let store = try AppDatabase.open(path: database, clock: { Date() })
        let paper = try #require(try store.list(Paper.self).first { $0.title == "Force budget and precept 2027/28" })
        let police = try #require(try store.list(Organisation.self).first { $0.slug == "harford-police" })
        _ = try store.addRecommendation(paperId: paper.id!, organisationId: police.id!, text: "Publish the custody audit.", now: Date(), actor: .test)
        let before = try store.list(Recommendation.self).filter { $0.status == .issued }.count

        let preview = try expectOK(["recommendations", "issue", String(paper.id!)])
        #expect(preview.contains("\tharford-police\tdue ") && preview.contains("Publish the custody audit."), "\(preview)")
        #expect(preview.contains("no active responder") && preview.contains("warning: Harford and Marsh Vale Police has no active responder account"), "\(preview)")
        #expect(preview.contains("nothing was sent") && preview.contains("--authority is needed"), "\(preview)")
        // The budget meeting has not been held: refused without the delegated authority, and nothing changes.
        try expectError(["recommendations", "issue", String(paper.id!), "--yes"], "meeting")
        #expect(try store.list(Recommendation.self).filter { $0.status == .issued }.count == before)
        #expect(try expectOK(["recommendations", "issue", String(paper.id!), "--yes", "--authority", "Chair's action"]).contains("issued 1 recommendation"))
        #expect(try store.list(Recommendation.self).filter { $0.status == .issued }.count == before + 1)
        try expectError(["recommendations", "issue", String(paper.id!)], "no draft recommendations")
        try expectError(["recommendations", "issue", "999"], "no paper with id 999")
    }

    /// `recommendation issue --json` prints the preview, and with --yes the issued records; `call-back` lists an issued
    /// recommendation under a later meeting's progress item, with the screen's checks.
    @Test func issuingAsJSONAndCallingBack() throws {
        _ = try expectOK(["demo", "seed"])
        let store = try AppDatabase.open(path: database, clock: { Date() })
        let paper = try #require(try store.list(Paper.self).first { $0.title.hasPrefix("Briefing: discharge delays") })
        _ = try expectOK(["recommendation", "add", String(paper.id!), "--organisation", "harford-nhs", "--text", "Publish discharge data weekly."])
        let preview = try JSONSerialization.jsonObject(with: Data(try expectOK(["recommendation", "issue", String(paper.id!), "--json"]).utf8))
            as? [String: Any]
        let drafts = try #require(preview?["drafts"] as? [[String: Any]])
        #expect(drafts.count == 1 && drafts[0]["organisation"] as? String == "harford-nhs" && drafts[0]["text"] as? String == "Publish discharge data weekly.")
        #expect((drafts[0]["due"] as? String).flatMap(Day.init) != nil, "\(drafts)")
        #expect(try store.list(Recommendation.self).filter { $0.paperId == paper.id && $0.status == .draft }.count == 1, "a preview issues nothing")
        let issued = try JSONSerialization.jsonObject(with: Data(try expectOK(
            ["recommendation", "issue", String(paper.id!), "--yes", "--authority", "Chair's action", "--json"]).utf8)) as? [[String: Any]]
        let records = try #require(issued)
        #expect(records.count == 1 && records[0]["status"] as? String == "issued", "\(records)")
        let id = try #require(records[0]["id"] as? Int)

        let start = Date().addingTimeInterval(30 * 86_400)
        let meeting = try store.addMeeting(body: "harford-lpac", title: "Progress meeting", startsAt: start, endsAt: nil, locationName: nil, address: nil,
                                           actor: .test)
        let board = try #require(try store.list(Meeting.self).first { $0.title == "Board meeting" && $0.startsAt > Date() })
        try expectError(["recommendation", "call-back", String(id), "--meeting", String(board.id!)], "body that made it")
        try expectError(["recommendation", "call-back", String(id), "--meeting", "999999"], "no meeting with id 999999")
        let done = try JSONSerialization.jsonObject(with: Data(try expectOK(
            ["recommendation", "call-back", String(id), "--meeting", String(meeting.id!), "--json"]).utf8)) as? [String: Any]
        #expect(done?["itemTitle"] as? String == CallBack.itemTitle && done?["meeting"] as? Int == Int(meeting.id!), "\(String(describing: done))")
        try expectError(["recommendation", "call-back", String(id), "--meeting", String(meeting.id!)], "already called back")
        #expect(try store.list(RecommendationCallBack.self).count == 1)
    }

    /// Questions and evidence from the command line, with the clerk's screen's rules: one plain line and exit 1 for
    /// each mistake, nothing changed by it, and the sender told of each decision.
    @Test func questionsAndEvidenceFromTheCommandLine() throws {
        _ = try expectOK(["demo", "seed"])
        let store = try AppDatabase.open(path: database, clock: { Date() })
        let later = try #require(try store.list(Meeting.self).first { $0.title == "Board meeting" && $0.startsAt > Date() })
        let opened = try expectOK(["questions", "open", String(later.id!), "--clear-days", "4"])
        #expect(opened.contains("questions for meeting \(later.id!) are open until"), "\(opened)")
        try expectError(["questions", "open", String(later.id!), "--clear-days", "99"], "from 0 to 20")
        try expectError(["questions", "open", "999999"], "no meeting with id 999999")
        #expect(try store.list(AgendaItem.self).filter { $0.meetingId == later.id && $0.itemType == .publicQuestions }.count == 1)

        let waiting = try #require(try store.list(Contribution.self).first { $0.kind == .question && $0.state == .received })
        let accepted = try #require(try store.list(Contribution.self).first { $0.kind == .question && $0.state == .accepted })
        let listed = try JSONSerialization.jsonObject(with: Data(try expectOK(["contribution", "list", "--state", "received", "--json"]).utf8)) as? [[String: Any]]
        #expect(listed?.count == 2 && listed?.allSatisfy { $0["token"] == nil } == true, "\(String(describing: listed))")
        try expectError(["contribution", "list", "--state", "pending"], "--state")
        try expectError(["contribution", "refuse", String(waiting.id!), "--reason", " "], "give the reason")
        try expectError(["contribution", "answer", String(waiting.id!), "--text", "Yes", "--by", "The Chair"], "only an accepted question")
        try expectError(["contribution", "merge", String(waiting.id!), "--into", String(waiting.id!)], "merged")
        #expect(try store.list(Contribution.self).first { $0.id == waiting.id }?.state == .received, "nothing changed by the mistakes")
        let before = try store.outbox().count
        _ = try expectOK(["contribution", "merge", String(waiting.id!), "--into", String(accepted.id!)])
        #expect(try store.list(Contribution.self).first { $0.id == waiting.id }?.mergedIntoId == accepted.id)
        #expect(try store.outbox().count == before + 1 && (try store.outbox().last?.recipient) == waiting.email, "the sender is told")

        try expectError(["evidence", "open", "winter-urgent-care", "--closes", "2001-01-01"], "today or later")
        try expectError(["evidence", "open", "nowhere", "--closes", "2099-01-01"], "no inquiry")
        _ = try expectOK(["evidence", "close", "winter-urgent-care"])
        try expectError(["evidence", "close", "winter-urgent-care"], "already closed")
    }

    /// Building a plan and importing its performance: a bad file is one line naming line and column, and nothing of
    /// it is stored.
    @Test func performanceFromTheCommandLine() throws {
        _ = try expectOK(["demo", "seed"])
        let store = try AppDatabase.open(path: database, clock: { Date() })
        _ = try expectOK(["performance", "add-plan", "--body", "harford-lpac", "--slug", "lpac-plan", "--title", "Scrutiny plan"])
        try expectError(["performance", "add-plan", "--body", "harford-lpac", "--slug", "Bad Slug", "--title", "X"], "slug")
        _ = try expectOK(["performance", "add-priority", "lpac-plan", "--title", "Hospital discharge"])
        try expectError(["performance", "add-measure", "lpac-plan", "--priority", "Hospital discharge", "--name", "Delayed days", "--direction", "down",
                         "--baseline", "100", "--baseline-period", "2025/26"], "--direction")
        _ = try expectOK(["performance", "add-measure", "lpac-plan", "--priority", "Hospital discharge", "--name", "Delayed days", "--unit", "days",
                          "--direction", "lower", "--baseline", "1,200", "--baseline-period", "2025/26"])
        let before = try store.list(MeasurePoint.self).count
        let bad = try write("bad.csv", "priority,measure,period,value\nHospital discharge,Delayed days,2026/27 Q1,1100\nHospital discharge,Delayed days,2026/27 Q2,lots\n")
        try expectError(["performance", "import", "lpac-plan", "--file", bad], "line 3, column value: \"lots\" is not a number")
        #expect(try store.list(MeasurePoint.self).count == before, "nothing of a bad file is stored")
        let good = try write("good.csv", "priority,measure,period,value,target\nHospital discharge,Delayed days,2026/27 Q1,1100,1000\n")
        #expect(try expectOK(["performance", "import", "lpac-plan", "--file", good]).contains("imported 1 result and 1 target into lpac-plan"))
        try expectError(["performance", "import", "lpac-plan"], "give either --file or --paper")

        let spending = try write("spending.csv", "organisation,service,year,amount\nharford-nhs,Community nursing,2026/27,\"£1,000\"\nharford-nhs,Dentistry,26/27,5\n")
        try expectError(["spending", "import", "harford-lpac", "--file", spending], "line 3, column year")
        let fixed = try write("spending-fixed.csv", "organisation,service,year,amount\nharford-nhs,Community nursing,2026/27,\"£1,000\"\n")
        #expect(try expectOK(["spending", "import", "harford-lpac", "--file", fixed]).contains("imported 1 spending line for harford-lpac"))
        try expectError(["spending", "cite", "999999", "--inquiry", "hospital-discharge"], "no spending line with id 999999")
        try expectError(["spending", "cite", "1"], "give one of --inquiry, --recommendation or --paper")
        try expectError(["spending", "cite", "1", "--inquiry", "hospital-discharge", "--paper", "1"], "give one of --inquiry, --recommendation or --paper")
    }

    /// A recommendation's life from the command line, with the screens' checks: add, issue, extend, list, respond
    /// (a target before the issue date refused with nothing saved), refer the refusal and close the acceptance.
    @Test func aRecommendationsLifeFromTheCommandLine() throws {
        _ = try expectOK(["demo", "seed"])
        let store = try AppDatabase.open(path: database, clock: { Date() })
        let paper = try #require(try store.list(Paper.self).first { $0.title.hasPrefix("Briefing: discharge delays") })
        let added = try expectOK(["recommendation", "add", String(paper.id!), "--organisation", "harford-nhs", "--text", "Publish discharge data weekly."])
        #expect(added.hasPrefix("added draft recommendation "), "\(added)")
        _ = try expectOK(["recommendation", "add", String(paper.id!), "--organisation", "harford-nhs", "--text", "Fund weekend pharmacy."])
        try expectError(["recommendation", "add", String(paper.id!), "--organisation", "nobody", "--text", "x"], "no organisation with slug")
        _ = try expectOK(["recommendation", "issue", String(paper.id!), "--yes", "--authority", "Chair's action"])
        let listed = try JSONSerialization.jsonObject(with: Data(try expectOK(
            ["recommendation", "list", "--paper", String(paper.id!), "--organisation", "harford-nhs", "--json"]).utf8)) as? [[String: Any]]
        let rows = try #require(listed)
        let ours = rows.filter { ($0["text"] as? String).map { ["Publish discharge data weekly.", "Fund weekend pharmacy."].contains($0) } == true }
        #expect(ours.count == 2 && ours.allSatisfy { $0["status"] as? String == "issued" }, "\(rows)")
        let numbers = ours.compactMap { $0["number"] as? Int }.sorted()
        let first = try #require(ours.first { $0["number"] as? Int == numbers[0] }?["id"] as? Int)
        let second = try #require(ours.first { $0["number"] as? Int == numbers[1] }?["id"] as? Int)
        let due = try #require(ours.first { $0["id"] as? Int == first }?["dueOn"] as? String)
        let later = Day(due)!.adding(days: 14).description
        #expect(try expectOK(["recommendation", "extend", String(first), "--to", later, "--reason", "Trust board meets late"]).contains("now due \(later)"))
        try expectError(["recommendation", "extend", String(first), "--to", "2020-01-01", "--reason", "x"], "after the current one")
        // A request for more time that came by letter: the provider form's checks, one waiting at a time, then decided.
        let asked = Day(later)!.adding(days: 21).description
        try expectError(["recommendation", "request-extension", String(first), "--to", later, "--reason", "Board"], "after the current deadline")
        try expectError(["recommendation", "request-extension", String(first), "--to", asked, "--reason", " "], "give the reason")
        #expect(try expectOK(["recommendation", "request-extension", String(first), "--to", asked, "--reason", "Board meets in June",
                              "--by", "Nia NHS"]).contains("waiting for a decision"))
        try expectError(["recommendation", "request-extension", String(first), "--to", asked, "--reason", "Again"], "extension requested")
        try expectError(["recommendation", "extend", String(first), "--to", asked, "--reason", "x"], "extension requested")
        try expectError(["recommendation", "decide-extension", String(first)], "one of --grant or --refuse")
        try expectError(["recommendation", "decide-extension", String(first), "--refuse"], "give the reasons for refusing")
        try expectError(["recommendation", "decide-extension", String(first), "--grant", "--to", Day(asked)!.adding(days: 1).description],
                        "cannot be later than the day asked for")
        let decided = try JSONSerialization.jsonObject(with: Data(try expectOK(
            ["recommendation", "decide-extension", String(first), "--grant", "--json"]).utf8)) as? [String: Any]
        #expect(decided?["decision"] as? String == "granted" && decided?["grantedDueOn"] as? String == asked, "\(String(describing: decided))")
        #expect(try store.list(Recommendation.self).first { $0.id == Int64(first) }?.dueOn == asked)
        #expect(try store.list(ExtensionRequest.self).first { $0.recommendationId == Int64(first) }?.requestedBy == "Nia NHS")
        try expectError(["recommendation", "decide-extension", String(first), "--grant"], "cannot be given a decision")

        let answers = FileManager.default.temporaryDirectory.appendingPathComponent("answers-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: answers) }
        func answer(target: String) throws {
            try Data("""
                {"\(numbers[0])": {"decision": "accepted", "action": "Weekly dashboard", "target": "\(target)"},
                 "\(numbers[1])": {"decision": "rejected", "reasons": "No funding this year"}}
                """.utf8).write(to: answers)
        }
        try answer(target: "2020-01-15")
        try expectError(["recommendation", "respond", String(paper.id!), "--organisation", "harford-nhs", "--answers", answers.path, "--submit"],
                        "must not be before the recommendation was issued")
        try expectError(["recommendation", "respond", String(paper.id!), "--organisation", "harford-nhs", "--answers", answers.path],
                        "must not be before the recommendation was issued")
        #expect(try store.list(ProviderResponse.self).filter { $0.paperId == paper.id }.isEmpty, "nothing saved")
        try answer(target: "2027-06-30")
        try expectError(["recommendation", "respond", String(paper.id!), "--organisation", "harford-nhs", "--answers", answers.path,
                         "--received", "letter"], "--received goes with --submit")
        // A holding reply by letter first, while both wait.
        try expectError(["recommendation", "holding-note", String(paper.id!), "--organisation", "harford-nhs", "--note", " "], "write the holding reply")
        #expect(try expectOK(["recommendation", "holding-note", String(paper.id!), "--organisation", "harford-nhs", "--note", "Board first",
                              "--by", "Nia NHS"]).contains("holding reply published"))
        #expect(try store.list(HoldingNote.self).first { $0.paperId == paper.id }?.byName == "Nia NHS")
        try expectError(["recommendation", "respond", String(paper.id!), "--organisation", "harford-nhs", "--answers", answers.path,
                         "--submit", "--sign-off", String(repeating: "x", count: 301)], "Keep the sign-off to 300 characters")
        #expect(try expectOK(["recommendation", "respond", String(paper.id!), "--organisation", "harford-nhs", "--answers", answers.path,
                              "--submit", "--received", "letter of 2 March 2027", "--sign-off", "Approved by the trust board on 1 March 2027"])
            .contains("submitted version 1"))
        let submitted = try store.list(ProviderResponse.self).first { $0.paperId == paper.id }
        #expect(submitted?.receivedOutside == "letter of 2 March 2027" && submitted?.signOff == "Approved by the trust board on 1 March 2027")
        try expectError(["recommendation", "holding-note", String(paper.id!), "--organisation", "harford-nhs", "--note", "Late"], "every recommendation")
        try expectError(["recommendation", "progress", String(first), "--status", "in-progress", "--note", "Half done", "--percent", "140"], "0 to 100")
        try expectError(["recommendation", "progress", String(second), "--status", "in-progress", "--note", "x"], "cannot be given an implementation update")
        #expect(try expectOK(["recommendation", "progress", String(first), "--status", "in-progress", "--note", "Half done", "--percent", "50%",
                              "--target", "2027-09-30"]).contains("progress published"))
        #expect(try store.list(ImplementationUpdate.self).first { $0.recommendationId == Int64(first) }?.percentComplete == 50)
        // Referred to a body on the maintained list, and its outcome recorded.
        try expectError(["recommendation", "refer", String(second), "--to", "Health and Wellbeing Board"], "is not on the list")
        #expect(try expectOK(["referral-body", "add", "--slug", "marsh-vale-hwb", "--name", "Marsh Vale Health and Wellbeing Board",
                              "--kind", "local"]).contains("added referral body"))
        try expectError(["referral-body", "add", "--slug", "marsh-vale-hwb", "--name", "Again", "--kind", "local"], "already exists")
        #expect(try expectOK(["referral-body", "list"]).contains("public-accounts-committee\tparliament\t"))
        try expectError(["recommendation", "referral-outcome", String(second), "--outcome", "x"], "cannot be given a referral's outcome")
        try expectError(["recommendation", "refer", String(second), "--to", "marsh-vale-hwb", "--reply-due", "2020-01-01"], "must not be in the past")
        #expect(try expectOK(["recommendation", "refer", String(second), "--to", "marsh-vale-hwb", "--reply-due", "2099-01-31"]).contains("referred"))
        try expectError(["recommendation", "referral-outcome", String(second), "--outcome", " "], "describe the outcome")
        #expect(try expectOK(["recommendation", "referral-outcome", String(second), "--outcome", "The board will fund it from April"])
            .contains("outcome recorded"))
        try expectError(["recommendation", "referral-outcome", String(second), "--outcome", "Changed"], "already recorded")
        let referred = try store.list(Recommendation.self).first { $0.id == Int64(second) }
        #expect(referred?.referredTo == "Marsh Vale Health and Wellbeing Board" && referred?.referralReplyDueOn == "2099-01-31"
                && referred?.referralOutcome == "The board will fund it from April")
        #expect(try expectOK(["referral-body", "retire", "marsh-vale-hwb"]).contains("retired"))
        #expect(!(try expectOK(["referral-body", "list"]).contains("marsh-vale-hwb")))
        let closed = try JSONSerialization.jsonObject(with: Data(try expectOK(
            ["recommendation", "close", String(first), "--note", "Dashboard live", "--json"]).utf8)) as? [String: Any]
        #expect(closed?["status"] as? String == "closed" && closed?["closingNote"] as? String == "Dashboard live", "\(String(describing: closed))")
        let final = try store.list(Recommendation.self)
        #expect(final.first { $0.id == Int64(first) }?.status == .closed && final.first { $0.id == Int64(second) }?.status == .referred)
    }

    /// Drafting a report's recommendations from its own text, from the shell: added once, in order, as drafts.
    @Test func recommendationsFromAReportsText() throws {
        _ = try expectOK(["demo", "seed"])
        let store = try AppDatabase.open(path: database, clock: { Date() })
        let meeting = try #require(try store.list(Meeting.self).first { $0.agendaPublishedAt != nil && $0.title.contains("LPAC") }
            ?? store.list(Meeting.self).first { $0.agendaPublishedAt != nil })
        let item = try #require(try store.list(AgendaItem.self).first { $0.meetingId == meeting.id && !$0.isExempt })
        let file = directory.path("report.md")
        try "# Scrutiny report\n\n## Recommendations\n\n1. Publish the data weekly.\n2. Fund weekend cover.\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let added = try expectOK(["paper", "add", file, "--item", String(item.id!), "--title", "Scrutiny report"])
        let paper = try #require(added.split(separator: " ").dropFirst(3).first.flatMap { Int($0.dropLast()) })
        _ = try expectOK(["paper", "publish", String(paper), "--late-reason", "Urgent: test"])
        let drafted = try expectOK(["recommendation", "from-text", String(paper), "--organisation", "harford-nhs"])
        #expect(drafted.contains("1\tPublish the data weekly.\n2\tFund weekend cover.\nadded 2 draft recommendations"), "\(drafted)")
        #expect(try expectOK(["recommendation", "from-text", String(paper), "--organisation", "harford-nhs"]).contains("added 0 draft"))
        let ours = try store.list(Recommendation.self).filter { $0.paperId == Int64(paper) }
        #expect(ours.map(\.text) == ["Publish the data weekly.", "Fund weekend cover."] && ours.allSatisfy { $0.status == .draft })
        let briefing = try #require(try store.list(Paper.self).first { $0.title.hasPrefix("Briefing: discharge delays") })
        try expectError(["recommendation", "from-text", String(briefing.id!), "--organisation", "harford-nhs"], "no numbered list")
    }

    @Test func recommendationsOverdueAndNotifyRun() throws {
        _ = try expectOK(["demo", "seed"])
        let overdue = try run(["recommendations", "overdue", "--json"])
        #expect(overdue.status == 0, "\(overdue.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(overdue.stdout.utf8)) as? [[String: Any]]
        #expect(rows?.count == 1)
        #expect(rows?.first?["organisation"] as? String == "harford-council")
        #expect(try expectOK(["recommendations", "overdue"]).contains("harford-council"))

        _ = try expectOK(["organisation", "add", "--slug", "harford-ccg", "--name", "Harford Care Board", "--kind", "nhs-trust"])
        try expectError(["organisation", "add", "--slug", "harford-ccg", "--name", "Again", "--kind", "nhs-trust"], "already exists")
        try expectError(["organisation", "add", "--slug", "x", "--name", "X", "--kind", "charity"], "--kind \"charity\" is not one of")
        let password = try write("pw.txt", "a long enough password\n")
        _ = try expectOK(["user", "add", "--email", "c@nhs.test", "--name", "C", "--role", "provider", "--organisation", "harford-council",
                          "--password-file", password])
        try expectError(["user", "add", "--email", "d@nhs.test", "--name", "D", "--role", "provider", "--organisation", "nope",
                         "--password-file", password], "no organisation with slug \"nope\"")
        #expect(try expectOK(["response-rule", "--body", "harford-lpac", "--rule", "8 weeks"]).contains("8 weeks"))
        try expectError(["response-rule", "--body", "harford-lpac", "--rule", "soon"], "must be a number")
        try holidaysImportReplacesTheListOnlyWithALongerOne()
        // A kind of organisation can have its own period, such as the statutory formula for NHS bodies.
        #expect(try expectOK(["response-rule", "--body", "harford-lpac", "--rule", "2 months-beginning-with", "--for", "nhs-trust"])
            .contains("8 weeks; NHS trust: 2 months beginning with the day of issue"))
        try expectError(["response-rule", "--body", "harford-lpac", "--rule", "8 weeks", "--for", "hospital"], "--for \"hospital\" is not one of")
        try expectError(["response-rule", "--body", "harford-lpac", "--for", "nhs-trust"], "--for needs --rule")
        try expectError(["response-rule", "--body", "harford-lpac", "--rule", "default"], "--rule default needs --for")
        #expect(try expectOK(["response-rule", "--body", "harford-lpac", "--rule", "default", "--for", "nhs-trust"])
            .hasPrefix("harford-lpac: 8 weeks; due soon"), "the NHS trust's own period is removed")

        let mailbox = directory.path("mailbox")
        let script = try write("capture.sh", "#!/bin/sh\ncat >> \"\(mailbox)\"\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let sent = try run(["notify", "run"], environment: ["TOWNHALL_SENDMAIL": script, "TOWNHALL_BASE_URL": "https://th.example"])
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.contains("sent 1, failed 0"), "the council's new responder hears it is overdue: \(sent.stdout)")
        let mail = try String(contentsOfFile: mailbox, encoding: .utf8)
        #expect(mail.contains("To: c@nhs.test") && mail.contains("https://th.example/recommendations/"))
        let failing = try run(["notify", "run"], environment: ["TOWNHALL_SENDMAIL": "/bin/false", "TOWNHALL_BASE_URL": "https://th.example"])
        #expect(failing.status == 0 && failing.stdout.contains("queued 0, sent 0, failed 0"), "nothing left to send")
        // Issue 21: with the demo's own address every link would lead nowhere, so nothing is sent and the setting is named.
        try expectError(["notify", "run"], "baseURL is still http://127.0.0.1:8080")
    }

    @Test func badConfigurationStopsWithOneLine() throws {
        let result = try run(["body", "list"], environment: ["TOWNHALL_PORT": "http"])
        #expect(result.status != 0)
        #expect(result.stderr == "townhall: error: configuration error: port from environment variable TOWNHALL_PORT must be a whole number from 1 to 65535, not \"http\"\n")
    }

    @Test func demoSeedRefusesAFilledStore() throws {
        #expect(try expectOK(["demo", "seed"]).contains("seeded demo: 5 bodies"))
        try expectError(["demo", "seed"], "demo seed only fills an empty store")
        let store = try AppDatabase.open(path: database, clock: { Date() })
        let indexed = try store.reindexSearch()
        #expect(try expectOK(["search", "reindex"]) == "search index rebuilt: \(indexed) entries\n")
        #expect(try expectOK(["search", "query", "discharge", "lounge"]).hasPrefix("2 result(s)\n"))
    }

    /// The server holds the file open (WAL) while the CLI writes; the server sees the change at once.
    @Test func serverAndCLIShareTheStore() async throws {
        _ = try expectOK(["db", "migrate"])
        let port = Int.random(in: 20_000...31_999)  // below the ephemeral range (32768 up)
        var environment = ProcessInfo.processInfo.environment
        environment["TOWNHALL_DATA_DIR"] = directory.path("data")
        let server = try ChildProcess.start(
            [Self.binary.path, "serve", "--port", String(port), "--database", database], environment: environment, directory: packageRoot.path)
        defer { server.terminate(); server.wait() }

        let home = URL(string: "http://127.0.0.1:\(port)/")!
        var ready = false
        for _ in 0..<100 where !ready {
            if (try? await URLSession.shared.data(from: home)) != nil { ready = true } else { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(ready, "server did not start on port \(port)")
        // Issue 14.9: a start-up failure is one plain sentence, not NIO's "IOError error 1".
        try expectError(["serve", "--port", String(port)], "port \(port) on 127.0.0.1 is already in use")
        try expectError(["serve", "--port", String(port + 1), "--host", "no-such-host.invalid"],
                        "cannot listen on no-such-host.invalid: it is not an address and could not be resolved")
        _ = try expectOK(["body", "add", "--slug", "live-board", "--name", "Live Board", "--kind", "joint-committee"])
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/bodies/live-board")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).contains("Live Board"))
    }

    /// `holidays import` (issue 16): a newer GOV.UK list replaces the configured file; an older one or a file that is
    /// not the feed changes nothing.
    func holidaysImportReplacesTheListOnlyWithALongerOne() throws {
        let current = try String(contentsOf: packageRoot.appendingPathComponent("Config/bank-holidays.json"), encoding: .utf8)
        let target = try write("bank-holidays.json", current)
        let environment = ["TOWNHALL_BANK_HOLIDAYS": target]
        let shown = try run(["holidays", "show"], environment: environment)
        #expect(shown.status == 0 && shown.stdout.contains("2012 to 2028"), "\(shown.stdout)\(shown.stderr)")
        let newer = try write("newer.json", current.replacingOccurrences(
            of: "\"events\": [", with: "\"events\": [{\"title\": \"New Year’s Day\", \"date\": \"2029-01-01\", \"notes\": \"\", \"bunting\": true},",
            options: [], range: current.range(of: "\"events\": [")))
        let older = try write("older.json", #"{"england-and-wales": {"division": "england-and-wales", "events": [{"title": "x", "date": "2020-01-01"}]}}"#)
        let junk = try write("junk.json", "<html>not the feed</html>")
        for (file, message) in [(older, "ends with 2020, before the current list's 2028"), (junk, "is not in the GOV.UK feed format")] {
            let refused = try run(["holidays", "import", file], environment: environment)
            #expect(refused.status != 0 && refused.stderr.contains(message), "\(refused.stderr)")
            #expect(try String(contentsOfFile: target, encoding: .utf8) == current, "nothing changed")
        }
        let imported = try run(["holidays", "import", newer], environment: environment)
        #expect(imported.status == 0 && imported.stdout.contains("2012 to 2029"), "\(imported.stdout)\(imported.stderr)")
        let added = try run(["meeting", "add", "--body", "harford-lpac", "--title", "Far ahead", "--starts", "2030-03-05 18:00"], environment: environment)
        #expect(added.status == 0 && added.stderr.contains("townhall: warning: the bank holiday list ends with 2029"), "\(added.stderr)")
    }
}

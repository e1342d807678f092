import Foundation
import HTTPTypes
import Hummingbird
import Logging
import HummingbirdTesting
import NIOCore
import Testing
@testable import TownhallDemo
@testable import TownhallDomain
@testable import TownhallMarkdown
@testable import TownhallStore
@testable import TownhallWeb

/// A browser-like test session: keeps cookies, reads CSRF tokens from pages, posts forms.
struct Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    /// Sent with every request, as a proxy in front would add them.
    var extraHeaders: HTTPFields = [:]

    init(_ client: any TestClientProtocol) { self.client = client }

    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: String

        var location: String? { headers[.location] }

        /// The first CSRF token on the page.
        var csrf: String? {
            guard let range = body.range(of: "name=\"_csrf\" value=\"") else { return nil }
            return String(body[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    mutating func get(_ uri: String) async throws -> Page {
        try await send(uri, method: .get, body: nil)
    }

    mutating func post(_ uri: String, _ fields: [(String, String)]) async throws -> Page {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(uri, method: .post, body: body)
    }

    /// Posts a `multipart/form-data` form as a browser does for a file input.
    mutating func upload(_ uri: String, _ fields: [(String, String)], file: (field: String, name: String, data: Data)?) async throws -> Page {
        let boundary = "----TownhallTest\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        if let file {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(file.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return try await send(uri, method: .post, body: ByteBuffer(bytes: body), contentType: "multipart/form-data; boundary=\(boundary)")
    }

    mutating func send(_ uri: String, method: HTTPRequest.Method, body: String?) async throws -> Page {
        try await send(uri, method: method, body: body.map { ByteBuffer(string: $0) }, contentType: "application/x-www-form-urlencoded")
    }

    mutating func send(_ uri: String, method: HTTPRequest.Method, body: ByteBuffer?, contentType: String) async throws -> Page {
        var headers = extraHeaders
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if body != nil { headers[.contentType] = contentType }
        let page = try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        }
        for header in page.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return page
    }

    /// A one-off anonymous request, as a resident with no cookies.
    static func anonymous(_ client: any TestClientProtocol, _ uri: String) async throws -> Page {
        var browser = Browser(client)
        return try await browser.get(uri)
    }

    /// Signs in through the real form; returns the response to the POST.
    @discardableResult
    mutating func signIn(_ email: String, _ password: String, next: String = "/admin") async throws -> Page {
        let form = try await get("/login?next=\(next)")
        return try await post("/login", [("_csrf", form.csrf ?? ""), ("next", next), ("email", email), ("password", password)])
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? ""
    }
}

extension Logger {
    /// Warnings and errors only, so a test run's output is not one line per request.
    static var quietTests: Logger {
        var logger = Logger(label: "townhall")
        logger.logLevel = .warning
        return logger
    }
}

/// A seeded store with one account of each kind, and an app on a test clock.
struct BackOffice {
    static let password = "correct horse battery staple"
    let store: TestStore
    let clock: TestClock
    var trustProxy = false

    init(maxUploadBytes: Int = 10 * 1024 * 1024) throws {
        clock = TestClock(Date())
        let testClock = clock
        store = try TestStore(seeded: true, now: clock.now, clock: { testClock.now }, maxUploadBytes: maxUploadBytes)
        let db = store.database
        _ = try db.addUser(email: "admin@townhall.test", name: "Ada Admin", role: .administrator, organisation: nil,
                           password: Self.password, bodies: [], policy: .testing, actor: .test)
        _ = try db.addUser(email: "board.clerk@townhall.test", name: "Bo Clerk", role: .clerk, organisation: nil,
                           password: Self.password, bodies: ["harford-policing-board"], policy: .testing, actor: .test)
        _ = try db.addUser(email: "lpac.clerk@townhall.test", name: "Lee Clerk", role: .clerk, organisation: nil,
                           password: Self.password, bodies: ["harford-lpac"], policy: .testing, actor: .test)
        _ = try db.addUser(email: "responses@police.test", name: "Pat Provider", role: .provider,
                           organisation: "harford-police", password: Self.password, bodies: [], policy: .testing, actor: .test)
        _ = try db.addWitness(meetingId: boardMeeting.id!, name: "Treasurer", role: "Treasurer to the Board", actor: .test)
        _ = try db.addOfficer(meetingId: boardMeeting.id!, name: "Priya Shah", role: "Clerk to the Board", actor: .test)
    }

    func run(
        logger: Logger = .quietTests, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let clock = clock
        var config = store.config
        config.trustProxy = trustProxy
        let app = try await buildApplication(config: config, database: store.database, logger: logger, policy: .testing, now: { clock.now })
        try await app.test(.router) { client in try await body(client) }
    }

    var meetingBodyId: Int64 { boardMeeting.bodyId }

    var boardMeeting: Meeting { try! store.database.list(Meeting.self).first { $0.title == "Budget and precept meeting" }! }

    /// A request for every route of the table, aimed at objects of the Policing Board, each form with plausible fields
    /// so that a missing check would really change something. The switch is exhaustive: a new route cannot be added
    /// without saying how the tests that iterate `Route.allCases` reach it.
    func sample(_ route: Route, _ objects: SampleObjects) -> (url: SiteURL, fields: [(String, String)]) {
        let (meeting, item, draft, published) = (objects.meeting, objects.item, objects.draft, objects.published)
        let (file, person, recommendation, membership) = (objects.file, objects.person, objects.recommendation, objects.membership)
        let (witness, answerable, inquiry) = (objects.witness, objects.answerable, objects.inquiry)
        let board = "harford-policing-board"
        switch route {
        case .home: return (.home, [])
        case .bodies: return (.bodies, [])
        case .bodyPage: return (.bodyPage(slug: board), [])
        case .person: return (.person(slug: objects.personSlug), [])
        case .meetings: return (.meetings, [])
        case .meeting: return (.meeting(meeting), [])
        case .agendaPack: return (.agendaPack(meeting), [])
        case .agendaPackPDF: return (.agendaPackPDF(meeting), [])
        case .paper: return (.paper(published), [])
        case .paperDocument: return (.paperDocument(published), [])
        case .attachment: return (.attachment(file.id!, name: file.fileName), [])
        case .search: return (.search, [])
        case .inquiry: return (.inquiry(slug: inquiry), [])
        case .peerChallenges: return (.peerChallenges, [])
        case .recommendations: return (.recommendations, [])
        case .recommendation: return (.recommendation(answerable.id!), [])
        case .organisation: return (.organisation(slug: "harford-police"), [])
        case .organisationRecord: return (.organisationRecord(slug: "harford-police"), [])
        case .organisationSnippet: return (.organisationSnippet(slug: "harford-police"), [])
        case .calendar: return (.calendar, [])
        case .bodyCalendar: return (.bodyCalendar(slug: board), [])
        case .papersFeed: return (.papersFeed, [])
        case .bodyPapersFeed: return (.bodyPapersFeed(slug: board), [])
        case .responsesFeed: return (.responsesFeed, [])
        case .bodyResponsesFeed: return (.bodyResponsesFeed(slug: board), [])
        case .bodyPlanCalendar: return (.bodyPlanCalendar(slug: board), [])
        case .bodyPlanData: return (.bodyPlanData(slug: board), [])
        case .updatesFeed: return (.updatesFeed(.body(board)), [])
        case .openData: return (.openData, [])
        case .dataFile: return (.dataFile(.meetings, .csv), [])
        case .oparlRoot: return (.oparlRoot, [])
        case .oparlVersionRoot: return (.oparlVersionRoot, [])
        case .oparlSystem: return (.oparlSystem, [])
        case .oparlBodies: return (.oparlBodies, [])
        case .oparlBody: return (.oparlBody(1), [])
        case .oparlBodyList: return (.oparlBodyList(1, list: "meetings"), [])
        case .oparlObject: return (.oparlObject(kind: "meetings", id: "\(meeting)"), [])
        case .health: return (.health, [])
        case .ready: return (.ready, [])
        case .metrics: return (.metrics, [])
        case .login: return (.login, [("email", "nobody@townhall.test"), ("password", "x")])
        case .logout: return (.logout, [])
        case .passwordReset: return (.passwordReset, [("email", "nobody@townhall.test")])
        case .passwordResetLink: return (.passwordResetLink(token: "not-a-real-token"), [("password", "x"), ("confirm", "x")])
        case .follow: return (.follow(.body(board)), [("kind", "body"), ("key", board), ("email", "resident@example.com"), ("frequency", "instant")])
        case .follows: return (.follows(token: "not-a-real-token"), [("follow", "1"), ("action", "weekly")])
        case .followConfirm: return (.followConfirm(token: "not-a-real-token"), [])
        case .unsubscribe: return (.unsubscribe(token: "not-a-real-token"), [("List-Unsubscribe", "One-Click")])
        case .plan: return (.plan(slug: "policing-plan"), [])
        case .parentInformation: return (.parentInformation(slug: "harford-education-panel"), [])
        case .bodySpending: return (.bodySpending(slug: "harford-lpac"), [])
        case .councilChallenges: return (.councilChallenges(slug: "harford-city"), [])
        case .councilChallengesSnippet: return (.councilChallengesSnippet(slug: "harford-city"), [])
        case .councilChallengesRecord: return (.councilChallengesRecord(slug: "harford-city"), [])
        case .adminPerformance:
            return (.adminPerformance(plan: "policing-plan"), [("measure", String(objects.measure)), ("pointKind", "result"), ("period", "2026/27 Q1"), ("value", "50")])
        case .adminPerformancePlans: return (.adminPerformancePlans(body: board), [("title", "X plan"), ("slug", "x-plan")])
        case .adminPlanPriority: return (.adminPlanPriority(plan: "policing-plan"), [("priorityTitle", "X")])
        case .adminPlanMeasure:
            return (.adminPlanMeasure(plan: "policing-plan"), [("measurePriority", String(objects.priority)), ("measureName", "X"), ("unit", "%"),
                                                              ("measureDirection", "higher"), ("baseline", "1"), ("baselinePeriod", "2024/25")])
        case .adminPlanImport:
            return (.adminPlanImport(plan: "policing-plan"), [("csv", "priority,measure,period,value\nPutting victims first,Victims satisfied with the service they received,2026/27 Q1,70")])
        case .adminSpending: return (.adminSpending(body: "harford-lpac"), [("csv", "organisation,service,year,amount\nharford-nhs,X,2025/26,10")])
        case .adminSpendingCitation:
            return (.adminSpendingCitation(body: "harford-lpac"), [("spendingLine", String(objects.spendingLine)), ("citer", "inquiry:winter-urgent-care")])
        case .askQuestion: return (.askQuestion(meeting: meeting), [("name", "X"), ("email", "resident@example.com"), ("text", "x")])
        case .submitEvidence: return (.submitEvidence(inquiry: objects.openInquiry), [("name", "X"), ("email", "resident@example.com"), ("text", "x")])
        case .contribution: return (.contribution(token: "not-a-real-token"), [])
        case .evidence: return (.evidence(objects.evidence), [])
        case .evidenceFile: return (.evidenceFile(objects.evidence), [])
        case .adminContributions: return (.adminContributions(body: board), [])
        case .adminContribution: return (.adminContribution(objects.question), [("action", "accept")])
        case .adminContributionFile: return (.adminContributionFile(objects.evidence), [])
        case .adminQuestions: return (.adminQuestions(meeting: meeting), [("action", "open"), ("clearDays", "3")])
        case .adminEvidenceCall: return (.adminEvidenceCall(inquiry: objects.openInquiry), [("action", "open"), ("closesOn", "2040-01-01")])
        case .adminDashboard: return (.adminDashboard, [])
        case .adminMembers:
            return (.adminMembers(body: board), [("name", "X"), ("role", "member"), ("category", "leader"), ("council", "1"), ("start", "2040-01-01")])
        case .adminMemberEnd: return (.adminMemberEnd(body: board, membership: membership), [("end", "2040-01-01")])
        case .adminPlan: return (.adminPlan(body: board), [("title", "X"), ("date", "2040-01-01")])
        case .adminNewMeeting:
            return (.adminNewMeeting(body: board), [("action", "save"), ("title", "X"), ("date", "2027-01-14"), ("start", "10:00")])
        case .adminMeeting: return (.adminMeeting(meeting), [])
        case .adminMeetingEdit: return (.adminMeetingEdit(meeting), [("action", "save"), ("title", "X"), ("date", "2027-01-20"), ("start", "10:00")])
        case .adminRenumber: return (.adminRenumber(meeting), [])
        case .adminAddItem: return (.adminAddItem(meeting), [("itemTitle", "X")])
        case .adminPublishAgenda: return (.adminPublishAgenda(meeting), [("reason", "x")])
        case .adminMeetingStatus: return (.adminMeetingStatus(meeting), [("status", "cancelled"), ("statusReason", "Not quorate")])
        case .adminMeetingAccess: return (.adminMeetingAccess(meeting), [("webcastURL", "https://example.org/live"), ("contactName", "A Clerk")])
        case .adminAttendance: return (.adminAttendance(meeting), [("attendance-\(person)", "present")])
        case .adminDeclarations:
            return (.adminDeclarations(meeting), [("declarant", String(person)), ("interest", "x"), ("kind", "other-registerable")])
        case .adminWitnesses: return (.adminWitnesses(meeting), [("witnessName", "X"), ("witnessRole", "Y")])
        case .adminWitnessDelete: return (.adminWitnessDelete(meeting: meeting, witness: witness), [])
        case .adminOfficers: return (.adminOfficers(meeting), [("officerName", "X"), ("officerRole", "Y")])
        case .adminOfficerDelete: return (.adminOfficerDelete(meeting: meeting, officer: objects.officer), [])
        case .adminMinutes: return (.adminMinutes(meeting), [("action", "save"), ("markdown", "x")])
        case .adminMinutesPublish: return (.adminMinutesPublish(meeting), [])
        case .adminMinutesApprove: return (.adminMinutesApprove(meeting), [])
        case .adminItemEdit: return (.adminItemEdit(item), [("itemTitle", "X")])
        case .adminItemMove: return (.adminItemMove(item), [("direction", "down")])
        case .adminItemDelete: return (.adminItemDelete(item), [])
        case .adminNewPaper: return (.adminNewPaper(item: item), [("action", "save"), ("title", "X"), ("markdown", "x")])
        case .adminItemAttachments: return (.adminItemAttachments(item), [("paper", "")])
        case .adminPaper: return (.adminPaper(draft), [("action", "save"), ("title", "X"), ("markdown", "x")])
        case .adminPaperPublish: return (.adminPaperPublish(draft), [("lateReason", "x")])
        case .adminPaperRevise: return (.adminPaperRevise(published), [])
        case .adminPaperWithdraw: return (.adminPaperWithdraw(published), [("withdrawReason", "x")])
        case .adminAddRecommendation: return (.adminAddRecommendation(paper: published), [("organisation", "1"), ("recommendation", "x")])
        case .adminIssueRecommendations: return (.adminIssueRecommendations(paper: published), [])
        case .adminLetterResponse:
            return (.adminLetterResponse(paper: answerable.paperId, organisation: "harford-police"),
                    [("basedOn", "0"), ("receivedOutside", "letter"), ("decision-\(answerable.id!)", "rejected"), ("reasons-\(answerable.id!)", "x")])
        case .adminAttachment: return (.adminAttachment(file.id!), [])
        case .adminAttachmentDelete: return (.adminAttachmentDelete(file.id!), [])
        case .adminRecommendations: return (.adminRecommendations, [])
        case .adminRecommendation: return (.adminRecommendation(recommendation), [])
        case .adminExtend: return (.adminExtend(recommendation), [("newDue", "2040-01-01"), ("reason", "x")])
        case .adminRefer: return (.adminRefer(recommendation), [("referTo", "ofsted")])
        case .adminReferralOutcome: return (.adminReferralOutcome(recommendation), [("outcome", "x")])
        case .adminClose: return (.adminClose(recommendation), [("closeNote", "x")])
        case .adminCallBack: return (.adminCallBack(recommendation), [("callBackMeeting", String(meeting))])
        case .adminRecommendationDelete: return (.adminRecommendationDelete(recommendation), [])
        case .adminExtensionDecision: return (.adminExtensionDecision(recommendation), [("action", "refuse"), ("decisionNote", "x")])
        case .providerDashboard: return (.providerDashboard, [])
        case .providerReport:
            return (.providerReport(paper: answerable.paperId), [("basedOn", "0"), ("action", "save"), ("decision-\(answerable.id!)", "accepted")])
        case .providerProgress: return (.providerProgress(recommendation: answerable.id!), [("status-\(answerable.id!)", "in-progress")])
        case .providerHoldingNote:
            return (.providerHoldingNote(paper: answerable.paperId), [("holdingNote", "Our response is in preparation."), ("expectedBy", "")])
        case .providerExtension:
            let id = answerable.id!
            return (.providerExtension(recommendation: id), [("requestedDue-\(id)", "2040-01-01"), ("extensionReason-\(id)", "x")])
        }
    }

    /// The demo objects the samples aim at, looked up once.
    struct SampleObjects {
        let meeting, item, draft, published, person, recommendation, membership, witness: Int64
        let file: TownhallDomain.Attachment
        let answerable: Recommendation
        let inquiry: String
        let personSlug: String
        /// The LPAC inquiry with a call for evidence open, its accepted evidence (with a file), and a question to
        /// the board's meeting still waiting for the clerk.
        let openInquiry: String
        let evidence: Int64
        let question: Int64
        let officer: Int64
        let measure: Int64
        let priority: Int64
        let spendingLine: Int64
    }

    func sampleObjects() throws -> SampleObjects {
        let db = store.database
        let meeting = boardMeeting.id!
        let item = try db.list(AgendaItem.self).first { $0.meetingId == meeting && !$0.isExempt && $0.title.hasPrefix("Force budget") }!.id!
        let published = try db.list(Paper.self).first { $0.status == .published && $0.agendaItemId == item }!.id!
        let police = try db.list(Organisation.self).first { $0.slug == "harford-police" }!.id!
        return SampleObjects(
            meeting: meeting, item: item, draft: try db.list(Paper.self).first { $0.status == .draft && $0.agendaItemId == item }!.id!,
            published: published, person: try db.list(Person.self).first!.id!,
            recommendation: try db.list(Recommendation.self).first { $0.paperId == published }!.id!,
            membership: try db.list(Membership.self).first { $0.bodyId == meetingBodyId }!.id!,
            witness: try db.list(Witness.self).first { $0.meetingId == meeting }!.id!,
            file: try db.list(Attachment.self).first { $0.agendaItemId == item }!,
            answerable: try db.list(Recommendation.self).first { $0.organisationId == police && $0.issuedAt != nil }!,
            inquiry: try db.list(Inquiry.self).first!.slug, personSlug: try db.list(Person.self).first!.slug,
            openInquiry: "winter-urgent-care",
            evidence: try db.list(Contribution.self).first { $0.kind == .evidence && $0.state == .accepted && $0.hasFile }!.id!,
            question: try db.list(Contribution.self).first { $0.kind == .question && $0.state == .received }!.id!,
            officer: try db.list(OfficerInAttendance.self).first { $0.meetingId == meeting }!.id!,
            measure: try db.list(PlanMeasure.self).first!.id!, priority: try db.list(PlanPriority.self).first!.id!,
            spendingLine: try db.list(SpendingLine.self).first!.id!)
    }

    /// Every route of an audience that answers a method, as sample requests.
    func requests(_ audience: Audience, _ method: HTTPRequest.Method) throws -> [(String, [(String, String)])] {
        let objects = try sampleObjects()
        return Route.allCases.filter { $0.audience == audience && $0.methods.contains(method) }.map { route in
            let sample = sample(route, objects)
            return (sample.url.path, sample.fields)
        }
    }

    /// Every clerk page about one object, and every clerk form, of the route table. (The two clerk lists without a
    /// parameter, the dashboard and the recommendations list, show each clerk their own bodies: `clerkLists`.)
    /// The LPAC's routes (`lpacRoutes`) are left out: no board object has them.
    func boardRoutes() throws -> (gets: [String], posts: [(String, [(String, String)])]) {
        let lpac = try lpacRoutes()
        return (try requests(.clerk, .get).map(\.0).filter { !clerkLists.contains($0) && !lpac.contains($0) },
                try requests(.clerk, .post).filter { !lpac.contains($0.0) })
    }

    /// The clerk routes whose sample object is the LPAC's: its inquiry's call for evidence, an evidence file, and
    /// its spending (imported and cited).
    func lpacRoutes() throws -> [String] {
        let objects = try sampleObjects()
        return [Route.adminEvidenceCall, .adminContributionFile, .adminSpending, .adminSpendingCitation].map { sample($0, objects).url.path }
    }

    var clerkLists: [String] {
        Route.allCases.filter { $0.audience == .clerk && $0.methods.contains(.get) && $0.parameters.isEmpty }.map { $0.path([]) }
    }
    var lpacMeeting: Meeting { try! store.database.list(Meeting.self).first { $0.title.hasPrefix("Evidence session") }! }
}

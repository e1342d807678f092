/// The links every page may show (header, footer, sign-in, open data), from the route table, so templates hold no
/// paths of their own. `TemplateLinkTests` fails on a template that writes a path itself.
struct SiteLinks: Sendable, Encodable {
    let home = SiteURL.home.path
    let bodies = SiteURL.bodies.path
    let meetings = SiteURL.meetings.path
    let recommendations = SiteURL.recommendations.path
    let peerChallenges = SiteURL.peerChallenges.path
    let search = SiteURL.search.path
    let login = SiteURL.login.path
    let logout = SiteURL.logout.path
    let passwordReset = SiteURL.passwordReset.path
    let openData = SiteURL.openData.path
    let calendar = SiteURL.calendar.path
    let papersFeed = SiteURL.papersFeed.path
    let responsesFeed = SiteURL.responsesFeed.path
    let oparlSystem = SiteURL.oparlSystem.path
    let adminRecommendations = SiteURL.adminRecommendations.path
    let meetingsCSV = SiteURL.dataFile(.meetings, .csv).path, meetingsJSON = SiteURL.dataFile(.meetings, .json).path
    let recommendationsCSV = SiteURL.dataFile(.recommendations, .csv).path
    let recommendationsJSON = SiteURL.dataFile(.recommendations, .json).path
    let responsesCSV = SiteURL.dataFile(.responses, .csv).path, responsesJSON = SiteURL.dataFile(.responses, .json).path
    let extensionRequestsCSV = SiteURL.dataFile(.extensionRequests, .csv).path
    let performanceCSV = SiteURL.dataFile(.performance, .csv).path
    let performanceJSON = SiteURL.dataFile(.performance, .json).path
    let spendingCSV = SiteURL.dataFile(.spending, .csv).path
    let spendingJSON = SiteURL.dataFile(.spending, .json).path
    let extensionRequestsJSON = SiteURL.dataFile(.extensionRequests, .json).path

    static let shared = SiteLinks()
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TownhallStore
@testable import TownhallWeb

/// Issue 21: the open data's licence is set once (the Open Government Licence unless configured) and stated on the
/// data page, in the OParl Body, and in a `rel="license"` link on every open-data answer.
@Suite("Open data licence")
struct LicenceTests {
    static let link = HTTPField.Name("Link")!

    @Test func theLicenceIsConfiguredOnceAndCheckedAsItIsRead() throws {
        let none = try AppConfig.load(environment: [:], defaultFile: "/nonexistent/default.json")
        #expect(none.licence == .openGovernmentLicence && none.licence.name == "Open Government Licence v3.0")
        let other = try AppConfig.load(environment: [
            "TOWNHALL_LICENCE_NAME": "Creative Commons Attribution 4.0", "TOWNHALL_LICENCE_URL": "https://creativecommons.org/licenses/by/4.0/",
        ], defaultFile: "/nonexistent/default.json")
        #expect(other.licence == OpenDataLicence(name: "Creative Commons Attribution 4.0", url: "https://creativecommons.org/licenses/by/4.0/"))
        for bad in ["ftp://example.org/licence", "not a link", "https://example.org/a>b"] {
            #expect(throws: ConfigError.self) { try AppConfig.load(environment: ["TOWNHALL_LICENCE_URL": bad], defaultFile: "/nonexistent/default.json") }
        }
        #expect(throws: ConfigError.self) { try AppConfig.load(environment: ["TOWNHALL_LICENCE_NAME": "two\nlines"], defaultFile: "/nonexistent/default.json") }
    }

    @Test func everyOpenDataSurfaceNamesIt() async throws {
        let store = try TestStore(seeded: true)
        var config = store.config
        config.licence = OpenDataLicence(name: "Creative Commons Attribution 4.0", url: "https://creativecommons.org/licenses/by/4.0/")
        let expected = "<https://creativecommons.org/licenses/by/4.0/>; rel=\"license\""
        let app = try await buildApplication(config: config, database: store.database, now: { store.now })
        try await app.test(.router) { client in
            let page = try await client.execute(uri: SiteURL.openData.path, method: .get)
            #expect(String(buffer: page.body).contains("<a class=\"link\" rel=\"license\" href=\"https://creativecommons.org/licenses/by/4.0/\">Creative Commons Attribution 4.0</a>"))
            // The page size beside it was blank: the template named it outside the page's own values.
            #expect(String(buffer: page.body).contains("The meetings files hold \(DataSet.pageSize.formatted()) meetings each"))
            for path in [SiteURL.dataFile(.meetings, .csv).path, SiteURL.dataFile(.spending, .json).path, SiteURL.papersFeed.path, SiteURL.calendar.path,
                         SiteURL.oparlSystem.path, SiteURL.oparlBody(1).path] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok && response.headers[values: Self.link].contains(expected), "\(path): \(response.headers[values: Self.link])")
            }
            let body = try await client.execute(uri: SiteURL.oparlBody(1).path, method: .get)
            let json = try JSONSerialization.jsonObject(with: Data(buffer: body.body)) as? [String: Any]
            #expect(json?["license"] as? String == "https://creativecommons.org/licenses/by/4.0/")
            // A page is not a licensed download.
            #expect(try await client.execute(uri: SiteURL.home.path, method: .get).headers[values: Self.link].isEmpty)
        }
    }
}

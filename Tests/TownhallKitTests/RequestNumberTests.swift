import HummingbirdTesting
import Testing
@testable import TownhallWeb

/// Numbers from requests are bounded before any arithmetic (the live check is `Tests/e2e/number_fuzz.py`).
@Suite("Numbers from requests")
struct RequestNumberTests {
    @Test(arguments: ["9223372036854775807", "9223372036854775808", "18446744073709551616", String(repeating: "9", count: 400)])
    func aPagePastTheLastIsTheLast(text: String) throws {
        #expect(try RequestNumber.page(text) == RequestNumber.maxPage)
    }

    @Test(arguments: ["-1", "0", "-9223372036854775808", "1e30", "1.5", "+1", " 7", "0x10", "NaN", "\u{663}", "\u{FF11}"])
    func aPageThatIsNotAWholeNumberFromOneIsRefused(text: String) {
        do {
            let page = try RequestNumber.page(text)
            Issue.record("\(text) read as page \(page)")
        } catch {
            #expect(error.message == "page must be a whole number from 1")
        }
    }

    @Test func ordinaryValues() throws {
        #expect(try RequestNumber.page(nil) == 1)
        #expect(try RequestNumber.page("") == 1)
        #expect(try RequestNumber.page("3") == 3)
        #expect(RequestNumber.integer("1000", in: 1...1000) == 1000 && RequestNumber.integer("1001", in: 1...1000) == nil)
        #expect(RequestNumber.id("42") == 42 && RequestNumber.id("0") == nil && RequestNumber.id("9223372036854775807") == nil)
    }

    /// Through the real routes: the search and OParl lists answer an extreme page without trapping.
    @Test func extremePagesAnswer() async throws {
        let office = try BackOffice()
        try await office.run { client in
            for uri in ["/search?q=budget&page=9223372036854775807", "/recommendations?page=9223372036854775807",
                        "/oparl/v1.1/bodies/1/papers?page=9223372036854775807&limit=1000"] {
                let page = try await Browser.anonymous(client, uri)
                #expect(page.status == .ok, "\(uri)")
            }
            let negative = try await Browser.anonymous(client, "/search?q=budget&page=-1")
            #expect(negative.status == .badRequest)
            #expect(negative.body.contains("page must be a whole number from 1"))
            let float = try await Browser.anonymous(client, "/oparl/v1.1/bodies/1/papers?page=1e30")
            #expect(float.status == .badRequest)
        }
    }
}

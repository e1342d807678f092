/// The licence the site's open data is published under (issue 21), stated once and shown everywhere data leaves:
/// the open data page, the OParl Body's `license`, and a `Link: <…>; rel="license"` header (RFC 4946) on every
/// open-data response (downloads, feeds, calendars, the API), which `CrossOrigin` adds to each such route.
public struct OpenDataLicence: Sendable, Equatable {
    public var name: String
    public var url: String

    public init(name: String, url: String) {
        self.name = name
        self.url = url
    }

    /// The default for public bodies in England: the National Archives' Open Government Licence.
    public static let openGovernmentLicence = OpenDataLicence(
        name: "Open Government Licence v3.0", url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")

    var linkHeader: String { "<\(url)>; rel=\"license\"" }
}

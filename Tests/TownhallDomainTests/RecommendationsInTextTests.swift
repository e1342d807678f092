import Foundation
import Testing
@testable import TownhallDomain

/// Drafting recommendations from a report's own Markdown: which list counts, and what each item's text is.
@Suite("Recommendations in a report's text")
struct RecommendationsInTextTests {
    @Test func theNumberedListUnderTheHeadingUpToTheNextHeading() {
        let report = """
            # Discharge delays

            1. Not a recommendation: a list before the heading.

            ## Recommendations:

            The committee recommends that:

            1. The trust publishes discharge data
               every week.
            2) The council funds weekend
            social work cover.
            10. Both report back within 6 months.

            ## Next steps

            1. Not a recommendation either.
            """
        #expect(RecommendationsInText.items(in: report) == [
            "The trust publishes discharge data every week.",
            "The council funds weekend social work cover.",
            "Both report back within 6 months.",
        ])
    }

    @Test func noHeadingOrNoListFindsNothing() {
        #expect(RecommendationsInText.items(in: "# Report\n\n1. A list, but no heading.").isEmpty)
        #expect(RecommendationsInText.items(in: "## Recommendations\n\nWe make none this year.").isEmpty)
        #expect(RecommendationsInText.items(in: "## Our recommendations\n\n1. A different heading.").isEmpty)
        #expect(RecommendationsInText.items(in: "#Recommendations\n\n1. Not a heading without its space.").isEmpty)
    }

    @Test func aParagraphAfterTheListEndsItAndItemsCanCarryIndentedParagraphs() {
        let report = """
            ### RECOMMENDATIONS ###
            1. First.

               Its indented second paragraph.
            2. Second.

            A closing paragraph, not part of the list.
            """
        #expect(RecommendationsInText.items(in: report) == ["First. Its indented second paragraph.", "Second."])
        #expect(RecommendationsInText.items(in: report.replacingOccurrences(of: "\n", with: "\r\n"))
                == ["First. Its indented second paragraph.", "Second."], "as a browser's form sends it")
    }
}

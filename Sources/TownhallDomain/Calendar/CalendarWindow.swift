import Foundation

/// Which meetings a subscribed calendar (`.ics`) carries: the past year, so recent meetings stay in a subscriber's
/// diary, and the 400 days ahead; when more than `maxEvents` fall in that window, the latest of them (all the
/// upcoming ones first). A calendar client downloads the whole file
/// on every refresh, so it stays small (about 600 bytes an event) whatever the store holds; older meetings are on
/// the site, in `/data/meetings.csv` and in OParl.
public struct CalendarWindow: Sendable, Equatable {
    public static let daysBack = 366
    public static let daysAhead = 400
    public static let maxEvents = 500

    public let from: Date
    public let until: Date

    public init(now: Date) {
        from = now.addingTimeInterval(-Double(Self.daysBack) * 86_400)
        until = now.addingTimeInterval(Double(Self.daysAhead) * 86_400)
    }
}

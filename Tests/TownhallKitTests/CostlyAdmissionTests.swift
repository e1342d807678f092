import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOEmbedded
import Testing
@testable import TownhallWeb

/// Issue 15: renders of the costly routes are admitted a few at a time; one more is answered 503 with Retry-After at
/// once, without running, and is admitted again as soon as one finishes. The set of costly routes is the route table's.
@Suite("Costly admission")
struct CostlyAdmissionTests {
    /// Lets `count` handlers in and holds them until `release`.
    actor Gate {
        var entered = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
        func enter() async {
            entered += 1
            await withCheckedContinuation { waiting.append($0) }
        }
        func release() { waiting.forEach { $0.resume() }; waiting = [] }
    }

    @Test func beyondTheLimitARenderIsRefusedAtOnce() async throws {
        let admission = CostlyAdmission(maxInFlight: 16)
        #expect(admission.limit == 2)
        #expect(CostlyAdmission(maxInFlight: 128).limit == 16)
        let gate = Gate()
        let handler = admission.admitting { _, _ in
            await gate.enter()
            return Response(status: .ok)
        }
        let context = AppRequestContext(source: .init(channel: NIOAsyncTestingChannel(), logger: Logger(label: "test")))
        let request = Request(head: HTTPRequest(method: .get, scheme: "http", authority: "x", path: "/search?q=a"), body: .init(buffer: .init()))
        let held = (0..<2).map { _ in Task { try await handler(request, context).status } }
        while await gate.entered < 2 { await Task.yield() }
        let refused = try await handler(request, context)
        #expect(refused.status == .serviceUnavailable && refused.headers[.retryAfter] == "1")
        #expect(await gate.entered == 2, "the refused request never ran")
        await gate.release()
        for task in held { #expect(try await task.value == .ok) }
        let again = Task { try await handler(request, context).status }
        while await gate.entered < 3 { await Task.yield() }
        await gate.release()
        #expect(try await again.value == .ok)
    }

    @Test func searchFeedsCalendarsDataAndOParlListsAreCostlyPagesAreNot() {
        let costly: [Route] = [.search, .calendar, .bodyCalendar, .papersFeed, .dataFile, .oparlBodyList]
        let cheap: [Route] = [.home, .paper, .meeting, .bodyPage, .health, .ready, .oparlObject]
        #expect(costly.filter { !$0.isCostly }.isEmpty)
        #expect(cheap.filter { $0.isCostly }.isEmpty)
    }
}

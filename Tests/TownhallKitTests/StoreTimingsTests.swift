import Foundation
import Synchronization
import Testing
@testable import TownhallStore

/// Issue 15: the observer that `/metrics` hangs on the store (issue 21) was kept as a closure in a `Mutex`, and each
/// `withLock { $0 }` round trip through the generic `inout` re-wrapped it in two more reabstraction thunks. So every
/// store access made the next one call its observer through a longer chain: a release server on the bench store fell
/// to 286 random meeting pages a second (p99 598 ms) within 3,438 requests, with a third of its CPU in those thunks
/// (`perf`), and the chain's memory grew with every request. Measured here by stack depth, not by time.
@Suite("Store timings")
struct StoreTimingsTests {
    /// How far below the caller's frame the observer runs, the first time and after thousands of accesses.
    @Test func theObserverIsCalledAsDirectlyAfterThousandsOfAccesses() throws {
        let timings = StoreTimings()
        let addresses = Mutex<[Int]>([])
        timings.observe { _, _ in
            var marker = 0
            let address = withUnsafeMutablePointer(to: &marker) { Int(bitPattern: $0) }
            addresses.withLock { $0.append(address) }
        }
        var base = 0
        let caller = withUnsafeMutablePointer(to: &base) { Int(bitPattern: $0) }
        let accesses = 2_000
        for _ in 0..<accesses { timings.time(.read) {} }
        let seen = addresses.withLock { $0 }
        #expect(seen.count == accesses)
        let first = caller - seen[0], last = caller - seen[accesses - 1]
        #expect(first > 0 && last > 0, "the observer runs below its caller on the stack")
        #expect(last - first < 512, "after \(accesses) accesses the observer runs \(last - first) bytes deeper than after one")
    }

    /// Each access reports once, with its kind, and nothing is reported before anyone observes.
    @Test func eachAccessIsReportedOnceWithItsKind() async throws {
        let timings = StoreTimings()
        timings.time(.write) {}
        let seen = Mutex<[StoreAccess]>([])
        timings.observe { access, duration in
            #expect(duration >= .zero)
            seen.withLock { $0.append(access) }
        }
        timings.time(.read) {}
        try await timings.time(.write) { try await Task.sleep(for: .milliseconds(1)) }
        #expect(seen.withLock { $0 } == [.read, .write])
    }
}

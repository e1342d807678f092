import Foundation
import Testing
@testable import TownhallDomain
@testable import TownhallWeb

/// Programs run with posix_spawn (`ChildProcess`), in place of Foundation's `Process`, whose `run()` crashed this
/// suite and could crash the server now and then (swift-corelibs-foundation#5472).
@Suite("Running other programs")
struct ChildProcessTests {
    @Test func outputErrorsAndStatusComeBackApart() throws {
        let ran = try ChildProcess.run(["sh", "-c", "echo out; echo err >&2; exit 3"])
        #expect(ran.termination == .exit(3) && !ran.termination.succeeded)
        #expect(String(decoding: ran.stdout, as: UTF8.self) == "out\n" && String(decoding: ran.stderr, as: UTF8.self) == "err\n")
        let merged = try ChildProcess.run(["sh", "-c", "echo out; echo err >&2"], mergeErrors: true)
        #expect(merged.termination.succeeded && String(decoding: merged.stdout, as: UTF8.self) == "out\nerr\n" && merged.stderr.isEmpty)
    }

    @Test func inputLargerThanAPipeGoesThroughWhileOutputIsRead() throws {
        let input = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let ran = try ChildProcess.run(["cat"], input: input)
        #expect(ran.termination.succeeded && ran.stdout == input)
    }

    @Test func aProgramThatStopsReadingDoesNotStopUs() throws {
        let ran = try ChildProcess.run(["head", "-c", "1"], input: Data(count: 10_000_000))
        #expect(ran.termination.succeeded && ran.stdout.count == 1)
    }

    @Test func aProgramPastItsTimeIsStopped() throws {
        let ran = try ChildProcess.run(["sleep", "30"], timeout: 0.2)
        #expect(ran.termination == .signal(SIGTERM))
    }

    @Test func theChildGetsOnlyItsStandardStreamsAndItsDirectory() throws {
        // The test process holds many descriptors (stores, sockets); the child must see none of them.
        let open = try ChildProcess.run(["sh", "-c", "ls /proc/$$/fd"])
        let descriptors = String(decoding: open.stdout, as: UTF8.self).split(separator: "\n").compactMap { Int($0) }
        #expect(descriptors.allSatisfy { $0 <= 2 || $0 == 10 || $0 == 255 }, "sh's own are 10 or 255 at most: \(descriptors)")
        let directory = try ChildProcess.run(["pwd"], directory: "/tmp")
        #expect(String(decoding: directory.stdout, as: UTF8.self) == "/tmp\n")
        let environment = try ChildProcess.run(["sh", "-c", "echo $TOWNHALL_PROBE"], environment: ["TOWNHALL_PROBE": "given", "PATH": "/usr/bin:/bin"])
        #expect(String(decoding: environment.stdout, as: UTF8.self) == "given\n")
    }

    @Test func aMissingProgramIsAPlainError() {
        #expect { try ChildProcess.run(["/no/such/program"]) } throws: { error in
            (error as? TownhallError)?.message.hasPrefix("cannot run /no/such/program") == true
        }
    }

    /// Many at once from many threads, as the agenda packs, the mailer and the tests do: `Process.run()` crashed
    /// under this.
    @Test func manyAtOnceFromManyThreads() async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<200 {
                group.addTask {
                    let ran = try ChildProcess.run(["echo", String(index)])
                    return ran.termination.succeeded && String(decoding: ran.stdout, as: UTF8.self) == "\(index)\n"
                }
            }
            for try await ok in group { #expect(ok) }
        }
    }

    /// A render in flight when the server stops is stopped with it, not waited for (up to its 120 s timeout, past
    /// systemd's 30 s stop timeout).
    /// (The program ends by the signal, not by itself: `sleep 60` would otherwise run out its minute.) Run
    /// with SIGTERM ignored here, as the server's signal handling leaves it, which a child must not inherit.
    @Test func cancellingARenderStopsItsProgram() async throws {
        let previous = signal(SIGTERM, SIG_IGN)
        defer { signal(SIGTERM, previous) }
        let render = Task { await AgendaPacks.run(["sleep", "60"], timeout: 120) }
        try await Task.sleep(for: .milliseconds(300))
        render.cancel()
        #expect(await render.value == "sleep was stopped")
    }
}

import Foundation

/// Starts child processes one at a time. Foundation's `Process.run()` on Linux is not safe to call from two threads
/// at once: it crashed the test process (a bad read inside `run()`) when the agenda pack renderer and the CLI tests
/// started programs together. Every `run()` in Townhall, and in its tests, goes through here.
public enum ProcessLaunch {
    private static let lock = NSLock()

    public static func run(_ process: Process) throws {
        try lock.withLock { try process.run() }
    }
}

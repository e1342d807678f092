import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs other programs (the agenda-pack renderer, the mail program, and in tests the CLI) with `posix_spawn`, not
/// Foundation's `Process`. With the Swift 6.3 Foundation on Linux, `Process.run()` copies each `/proc/self/fd` entry
/// as a whole 256-byte `dirent` name, reading past glibc's buffer, and crashes the process now and then
/// (swiftlang/swift-corelibs-foundation#5472, fixed after 6.3): in the server that was the whole site down, and it
/// crashed a test run here even with every launch serialised. `posix_spawn` is safe to call from any thread.
public final class ChildProcess: @unchecked Sendable {
    /// How a program ended.
    public enum Termination: Equatable, Sendable {
        case exit(Int32)
        case signal(Int32)

        public var succeeded: Bool { self == .exit(0) }

        public var description: String {
            switch self {
            case .exit(let code): "exited with status \(code)"
            case .signal: "was stopped"
            }
        }
    }

    /// What a program that ran to its end wrote, and how it ended.
    public struct Output: Sendable {
        public var termination: Termination
        public var stdout: Data
        public var stderr: Data

        /// For a message about a failure: the end of what it wrote (the last 2,000 bytes of its output), as text.
        public var said: String {
            String(decoding: stdout.suffix(2000), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    public let pid: pid_t
    private let lock = NSLock()
    /// Set once the program has ended (seen with `waitid(WNOWAIT)`, before its id is freed), so a late `terminate()`
    /// can never signal another process that took the same id.
    private var ended = false
    private var termination: Termination?

    private init(pid: pid_t) { self.pid = pid }

    /// Starts a program (a path, or a name looked up in `PATH`) with the given descriptors as its standard input,
    /// output and error. It gets no other descriptor of ours, and default handling of every signal Townhall ignores
    /// (NIO ignores SIGPIPE; a child inheriting that would not stop when its reader goes).
    public static func start(
        _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
        stdin: Int32? = nil, stdout: Int32? = nil, stderr: Int32? = nil
    ) throws -> ChildProcess {
        guard let program = arguments.first else { throw TownhallError.invalid("no program to run") }
        let devNull = open("/dev/null", O_RDWR | O_CLOEXEC)
        defer { if devNull >= 0 { close(devNull) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin ?? devNull, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout ?? devNull, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr ?? devNull, 2)
        _ = GNU.addClosefrom?(&actions, 3)
        if let directory {
            guard let addChdir = GNU.addChdir else { throw TownhallError.io("cannot run \(program) in \(directory): this C library cannot") }
            _ = addChdir(&actions, directory)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), mask = sigset_t()
        sigemptyset(&defaults)
        // An ignored signal stays ignored across exec: without this a child of the server (whose signal handling
        // ignores SIGTERM and SIGINT to catch them) could not be stopped by its timeout or by a server shutting down.
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = arguments.map { strdup($0) } + [nil]
        let variables = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + variables).forEach { free($0) } }
        var pid = pid_t()
        let status = program.contains("/")
            ? posix_spawn(&pid, program, &actions, &attributes, argv, variables)
            : posix_spawnp(&pid, program, &actions, &attributes, argv, variables)
        guard status == 0 else { throw TownhallError.io("cannot run \(program): \(String(cString: strerror(status)))") }
        return ChildProcess(pid: pid)
    }

    /// Runs a program to its end, giving it `input` and collecting what it writes (its errors with its output when
    /// `mergeErrors`); after `timeout` it is sent SIGTERM. Never leaves a descriptor or a zombie behind. `started`
    /// gets the program as soon as it runs, so a caller can stop it earlier (`terminate()`).
    public static func run(
        _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil, input: Data? = nil,
        mergeErrors: Bool = false, timeout: TimeInterval? = nil, started: ((ChildProcess) -> Void)? = nil
    ) throws -> Output {
        let inPipe = try input.map { _ in try Pipe2() }
        let outPipe = try Pipe2()
        let errPipe = mergeErrors ? nil : try Pipe2()
        let child: ChildProcess
        do {
            child = try start(arguments, environment: environment, directory: directory, stdin: inPipe?.read, stdout: outPipe.write,
                              stderr: errPipe?.write ?? outPipe.write)
        } catch {
            [inPipe, outPipe, errPipe].forEach { $0?.closeBoth() }
            throw error
        }
        started?(child)
        inPipe?.closeRead()
        outPipe.closeWrite()
        errPipe?.closeWrite()
        let group = DispatchGroup()
        _ = ignoreBrokenPipes
        if let inPipe, let input {
            DispatchQueue.global().async(group: group) {
                Self.writeAll(inPipe.write, input)
                inPipe.closeWrite()
            }
        }
        let errors = Collected()
        if let errPipe {
            DispatchQueue.global().async(group: group) {
                errors.data = Self.readAll(errPipe.read)
                errPipe.closeRead()
            }
        }
        var timer: DispatchWorkItem?
        if let timeout {
            let item = DispatchWorkItem { child.terminate() }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: item)
            timer = item
        }
        let output = readAll(outPipe.read)
        outPipe.closeRead()
        group.wait()
        let termination = child.wait()
        timer?.cancel()
        return Output(termination: termination, stdout: output, stderr: errors.data)
    }

    /// Sends SIGTERM, unless the program has already ended.
    public func terminate() {
        lock.withLock { if !ended { kill(pid, SIGTERM) } }
    }

    /// Waits for the program to end and frees its process id; safe to call more than once.
    @discardableResult
    public func wait() -> Termination {
        if let done = lock.withLock({ termination }) { return done }
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
        lock.withLock { ended = true }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED and its friends are macros Swift cannot see: the low 7 bits are the signal, 0 for an exit.
        let result: Termination = status & 0x7f == 0 ? .exit((status >> 8) & 0xff) : .signal(status & 0x7f)
        lock.withLock { termination = result }
        return result
    }

    /// glibc's spawn extensions (2.29 and 2.34), which Swift's Glibc module does not declare: looked up by name.
    /// Without `addclosefrom` a child could inherit a descriptor not marked close-on-exec; Townhall's own pipes,
    /// NIO's sockets and SQLite's files all are.
    private enum GNU {
        typealias Actions = UnsafeMutablePointer<posix_spawn_file_actions_t>
        static let addClosefrom = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np")
            .map { unsafeBitCast($0, to: (@convention(c) (Actions, Int32) -> Int32).self) }
        static let addChdir = dlsym(nil, "posix_spawn_file_actions_addchdir_np")
            .map { unsafeBitCast($0, to: (@convention(c) (Actions, UnsafePointer<CChar>) -> Int32).self) }
    }

    /// A program that stops reading its input must not stop Townhall: writing to its closed pipe then fails with
    /// EPIPE instead of raising SIGPIPE, whose default is to end the process. (Set once, for the whole process, as
    /// servers do; children get the default back.)
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    private final class Collected: @unchecked Sendable { var data = Data() }

    /// A pipe whose ends are closed on exec, so no other program started meanwhile holds them open.
    private final class Pipe2: @unchecked Sendable {
        let read: Int32
        let write: Int32
        private var readOpen = true, writeOpen = true

        init() throws {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw TownhallError.io("cannot make a pipe: errno \(errno)") }
            (read, write) = (ends[0], ends[1])
            _ = fcntl(read, F_SETFD, FD_CLOEXEC)
            _ = fcntl(write, F_SETFD, FD_CLOEXEC)
        }

        func closeRead() { if readOpen { readOpen = false; close(read) } }
        func closeWrite() { if writeOpen { writeOpen = false; close(write) } }
        func closeBoth() { closeRead(); closeWrite() }
    }

    private static func readAll(_ fd: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = Glibc.read(fd, &buffer, buffer.count)
            if count > 0 { data.append(contentsOf: buffer[0..<count]) } else if count == -1 && errno == EINTR { continue } else { break }
        }
        return data
    }

    /// Writes everything, or stops when the reader has gone (EPIPE: the program did not want all its input).
    private static func writeAll(_ fd: Int32, _ data: Data) {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let count = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if count > 0 { offset += count } else if count == -1 && errno == EINTR { continue } else { break }
            }
        }
    }
}

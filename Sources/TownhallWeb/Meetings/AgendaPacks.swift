import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import ServiceLifecycle
import TownhallDomain
import TownhallStore

/// Agenda packs (issue 19): for each meeting with a published agenda, one accessible HTML document with the agenda
/// and every public paper in order, each paper on a new page, and the same as tagged PDF made by a renderer built
/// for the job (WeasyPrint) run as a separate process. Made when the agenda, an item, a paper or a file of the
/// meeting changes (read from the audit trail), never per request; the files live in the data directory.
struct AgendaPacks: Sendable {
    let database: AppDatabase
    let pages: PageRenderer
    let directory: URL
    let stylesheet: String
    let pdfCommand: [String]
    let baseURL: String
    let siteName: String
    let time: LocalTime
    let now: @Sendable () -> Date
    /// A renderer still running after this is stopped and the pack kept as HTML only.
    static let pdfTimeout: TimeInterval = 120

    init(config: AppConfig, database: AppDatabase, now: @escaping @Sendable () -> Date) async throws {
        self.database = database
        pages = try await PageRenderer(templatesDirectory: config.templatesDirectory, siteName: config.siteName)
        time = try config.publicationRule().time
        directory = URL(fileURLWithPath: config.dataDirectory).appendingPathComponent("agenda-packs")
        stylesheet = URL(fileURLWithPath: config.publicDirectory).appendingPathComponent("css/agenda-pack.css").path
        pdfCommand = config.pdfCommand.split(separator: " ").map(String.init)
        baseURL = config.baseURL
        siteName = config.siteName
        self.now = now
    }

    func htmlFile(_ meetingId: Int64) -> URL { directory.appendingPathComponent("meeting-\(meetingId).html") }
    func pdfFile(_ meetingId: Int64) -> URL { directory.appendingPathComponent("meeting-\(meetingId).pdf") }

    /// Makes every pack the audit trail says is out of date; returns how many meetings were looked at.
    @discardableResult
    func catchUp() async throws -> Int {
        let (meetings, through) = try await database.meetingsNeedingPacks()
        guard let through else { return 0 }
        var made: [(meetingId: Int64, htmlBytes: Int?, pdfBytes: Int?, pdfError: String?)] = []
        for id in meetings {
            try Task.checkCancellation()
            made.append(try await build(id))
        }
        let records = made, at = now()
        try await database.perform { try $0.recordAgendaPacks(records, through: through, at: at) }
        return meetings.count
    }

    /// One meeting's pack, written to its files; no files (and no record) when its agenda is not public.
    func build(_ meetingId: Int64) async throws -> (meetingId: Int64, htmlBytes: Int?, pdfBytes: Int?, pdfError: String?) {
        let html = htmlFile(meetingId), pdf = pdfFile(meetingId)
        guard let source = try await database.agendaPackSource(meetingId: meetingId) else {
            try? FileManager.default.removeItem(at: html)
            try? FileManager.default.removeItem(at: pdf)
            return (meetingId, nil, nil, nil)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let view = AgendaPackView(source, siteName: siteName, baseURL: baseURL, generatedAt: now(), time: time)
        let document = pages.fragment("agenda-pack", view)
        try Self.write(Data(document.utf8), to: html)
        guard !pdfCommand.isEmpty else {
            try? FileManager.default.removeItem(at: pdf)
            return (meetingId, document.utf8.count, nil, "no PDF renderer is configured")
        }
        // The renderer reads a copy with no stylesheet link and no images, so it never fetches anything.
        let input = directory.appendingPathComponent("meeting-\(meetingId).pdf-source.html")
        let partial = directory.appendingPathComponent("meeting-\(meetingId).pdf.partial")
        try Data(AgendaPackView.offline(document).utf8).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let problem = await Self.run(pdfCommand + ["--stylesheet", stylesheet, input.path, partial.path], timeout: Self.pdfTimeout)
        // Stopped because the server is stopping: not a failure of this pack, which the next start makes again.
        if Task.isCancelled { try? FileManager.default.removeItem(at: partial) }
        try Task.checkCancellation()
        if let problem {
            try? FileManager.default.removeItem(at: partial)
            try? FileManager.default.removeItem(at: pdf)
            return (meetingId, document.utf8.count, nil, problem)
        }
        try Self.rename(partial, to: pdf)
        let size = (try? FileManager.default.attributesOfItem(atPath: pdf.path)[.size] as? Int) ?? nil
        return (meetingId, document.utf8.count, size, nil)
    }

    /// Writes through a temporary file and a rename, so a reader never sees half a pack.
    static func write(_ data: Data, to url: URL) throws {
        let partial = url.appendingPathExtension("partial")
        try data.write(to: partial)
        try rename(partial, to: url)
    }

    /// rename(2): replaces `to` in one step, whether or not it exists.
    static func rename(_ from: URL, to: URL) throws {
        guard Glibc.rename(from.path, to.path) == 0 else { throw TownhallError.io("cannot move \(from.path) to \(to.path): errno \(errno)") }
    }

    /// Runs a program to its end (or stops it after `timeout`, or when the task is cancelled: a server stopping does
    /// not wait minutes for a render, nor outlive systemd's stop timeout); nil when it succeeded, else what went wrong.
    static func run(_ arguments: [String], timeout: TimeInterval) async -> String? {
        let running = RunningChild()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                DispatchQueue.global(qos: .utility).async {
                    continuation.resume(returning: Self.runBlocking(arguments, timeout: timeout, running: running))
                }
            }
        } onCancel: {
            running.cancel()
        }
    }

    private static func runBlocking(_ arguments: [String], timeout: TimeInterval, running: RunningChild) -> String? {
        let program = arguments[0]
        let ran: ChildProcess.Output
        do { ran = try ChildProcess.run(arguments, mergeErrors: true, timeout: timeout, started: running.started) } catch {
            return (error as? TownhallError)?.message ?? "cannot run \(program)"
        }
        guard ran.termination.succeeded else {
            let last = ran.said.split(separator: "\n").last.map(String.init) ?? ""
            return "\(program) \(ran.termination.description)" + (last.isEmpty ? "" : ": \(last)")
        }
        return nil
    }

    /// The program a render is waiting for, so cancelling the render stops it (even one starting just then).
    final class RunningChild: @unchecked Sendable {
        private let lock = NSLock()
        private var child: ChildProcess?
        private var cancelled = false

        func started(_ child: ChildProcess) {
            lock.withLock {
                self.child = child
                if cancelled { child.terminate() }
            }
        }

        func cancel() {
            lock.withLock {
                cancelled = true
                child?.terminate()
            }
        }
    }
}

/// Keeps the packs a few seconds behind the store while the server runs.
struct AgendaPackService: Service {
    let packs: AgendaPacks
    let logger: Logger
    static let interval: Duration = .seconds(5)

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    do {
                        try await packs.catchUp()
                    } catch is CancellationError {
                        throw CancellationError()
                    } catch {
                        logger.error("agenda packs: catch-up failed: \(error)")
                    }
                    try await Task.sleep(for: Self.interval)
                }
            }
        } catch is CancellationError {}
    }
}

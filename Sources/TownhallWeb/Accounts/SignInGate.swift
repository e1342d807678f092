/// Caps the password checks running at once, so a burst of sign-ins (bcrypt is deliberately slow) queues instead
/// of taking every thread, and a longer queue than `waiting` is turned away at once with a 503 rather than held.
actor SignInGate {
    private let running: Int
    private let waiting: Int
    private var active = 0
    private var queue: [CheckedContinuation<Void, Never>] = []

    init(running: Int = 2, waiting: Int = 32) {
        self.running = running
        self.waiting = waiting
    }

    struct Busy: Error {}

    func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        if active >= running {
            guard queue.count < waiting else { throw Busy() }
            await withCheckedContinuation { queue.append($0) }
        } else {
            active += 1
        }
        defer {
            if queue.isEmpty { active -= 1 } else { queue.removeFirst().resume() }
        }
        return try await work()
    }
}

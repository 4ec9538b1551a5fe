import Synchronization

/// How many units of work a second one resource can do (the database writer, its readers, the
/// password hasher), measured while the service runs: the median time of the last units, with
/// the queue before them left out, and the number that run at once. The rate limits are sized
/// from it, so a fast disk carries more and a slow one is not pushed past what it can do.
public final class CapacityGauge: Sendable {
    /// How many units run at once (1 for the single writer).
    public let parallelism: Int
    /// The time assumed for one unit until the first is measured.
    private let assumed: Duration
    private let state = Mutex(State())

    private struct State {
        /// The last samples, oldest overwritten first.
        var samples: [Duration] = []
        var next = 0
        var median: Duration?
    }

    /// How many recent units the median is taken over.
    public static let window = 63

    public init(parallelism: Int, assumed: Duration) {
        self.parallelism = max(1, parallelism)
        self.assumed = assumed
    }

    /// Records how long one unit of work took.
    public func record(_ duration: Duration) {
        state.withLock { state in
            if state.samples.count < Self.window {
                state.samples.append(duration)
            } else {
                state.samples[state.next] = duration
            }
            state.next = (state.next + 1) % Self.window
            let sorted = state.samples.sorted()
            state.median = sorted[sorted.count / 2]
        }
    }

    /// The median time of one unit over the last ones (the assumed time before any).
    public var unitTime: Duration { state.withLock { $0.median } ?? assumed }

    /// Whether at least one unit has been measured.
    public var isMeasured: Bool { state.withLock { $0.median != nil } }

    /// Units a second the resource can do: `parallelism` over the time of one.
    public var perSecond: Double {
        let components = unitTime.components
        let seconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return Double(parallelism) / max(seconds, 1e-6)
    }
}

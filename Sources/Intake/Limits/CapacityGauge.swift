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
        /// The same samples in order, kept so by each record (sorting them all anew for every
        /// unit was a hundredth of a submission).
        var ordered: [Duration] = []
        var next = 0
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
                let oldest = state.samples[state.next]
                state.ordered.remove(at: Self.insertionPoint(of: oldest, in: state.ordered))
                state.samples[state.next] = duration
            }
            state.ordered.insert(duration, at: Self.insertionPoint(of: duration, in: state.ordered))
            state.next = (state.next + 1) % Self.window
        }
    }

    /// The first index of `ordered` whose value is not below `value`.
    private static func insertionPoint(of value: Duration, in ordered: [Duration]) -> Int {
        var (low, high) = (0, ordered.count)
        while low < high {
            let middle = (low + high) / 2
            if ordered[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The median time of one unit over the last ones (the assumed time before any).
    public var unitTime: Duration { state.withLock { $0.ordered.isEmpty ? nil : $0.ordered[$0.ordered.count / 2] } ?? assumed }

    /// Whether at least one unit has been measured.
    public var isMeasured: Bool { state.withLock { !$0.ordered.isEmpty } }

    /// Units a second the resource can do: `parallelism` over the time of one.
    public var perSecond: Double {
        let components = unitTime.components
        let seconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return Double(parallelism) / max(seconds, 1e-6)
    }
}

import Synchronization

/// A single-consumer async channel that holds at most `capacity` elements: a `send` into a full channel
/// suspends until the consumer takes one, so producers never run further ahead of a slow consumer than
/// the capacity (plus one parked element per suspended sender).
///
/// Suspended senders are served first come, first served, so each producer's elements keep their order.
/// `finish(throwing:)` ends the channel after what it already holds; `cancel()` (the consumer gave up)
/// drops what it holds and fails every suspended and later `send` with `CancellationError`.
public final class BoundedChannel<Element: Sendable>: Sendable {
  private struct Sender {
    var id: UInt64
    var element: Element
    var continuation: CheckedContinuation<Void, any Error>
  }

  private enum End {
    case finished((any Error)?)
    case cancelled
  }

  private struct State {
    var buffer: [Element] = []
    var senders: [Sender] = []
    var receiver: CheckedContinuation<Element?, any Error>?
    var end: End?
    var nextSenderID: UInt64 = 0
    /// Whether the end was already handed to the consumer, so an error is reported once.
    var endDelivered = false
  }

  /// What a `send` does once the lock is released.
  private enum SendAction {
    case resume(CheckedContinuation<Element?, any Error>?)
    case fail
    case wait
  }

  /// What a `next` does once the lock is released.
  private enum ReceiveAction {
    case element(Element, CheckedContinuation<Void, any Error>?)
    case end((any Error)?)
    case cancelled
    case wait
  }

  public let capacity: Int
  private let state = Mutex(State())

  public init(capacity: Int) {
    precondition(capacity > 0, "a bounded channel needs room for at least one element")
    self.capacity = capacity
  }

  /// Elements held for the consumer, senders suspended on a full channel, and whether the consumer
  /// waits: what tests observe to prove suspension without timing.
  var occupancy: (buffered: Int, suspendedSenders: Int, consumerWaiting: Bool) {
    state.withLock { ($0.buffer.count, $0.senders.count, $0.receiver != nil) }
  }

  /// Hands `element` to the consumer, suspending while the channel is full. Throws `CancellationError`
  /// when the consumer cancelled, the channel was finished, or the sending task is cancelled while it
  /// waits (then `element` was not sent).
  public func send(_ element: Element) async throws {
    let id = state.withLock { state -> UInt64 in
      defer { state.nextSenderID &+= 1 }
      return state.nextSenderID
    }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        let action = state.withLock { state -> SendAction in
          if state.end != nil || Task.isCancelled { return .fail }
          if let receiver = state.receiver {
            state.receiver = nil
            return .resume(receiver)
          }
          if state.buffer.count < capacity {
            state.buffer.append(element)
            return .resume(nil)
          }
          state.senders.append(Sender(id: id, element: element, continuation: continuation))
          return .wait
        }
        switch action {
        case .resume(let receiver):
          receiver?.resume(returning: element)
          continuation.resume()
        case .fail:
          continuation.resume(throwing: CancellationError())
        case .wait:
          break
        }
      }
    } onCancel: {
      let sender = state.withLock { state -> Sender? in
        guard let index = state.senders.firstIndex(where: { $0.id == id }) else { return nil }
        return state.senders.remove(at: index)
      }
      sender?.continuation.resume(throwing: CancellationError())
    }
  }

  /// No more elements: the consumer gets what the channel holds (and what suspended senders bring), then
  /// the end, or `error`. Later calls, and calls after `cancel()`, change nothing.
  public func finish(throwing error: (any Error)? = nil) {
    let receiver = state.withLock { state -> CheckedContinuation<Element?, any Error>? in
      guard state.end == nil else { return nil }
      state.end = .finished(error)
      guard let receiver = state.receiver else { return nil }
      state.receiver = nil
      state.endDelivered = true
      return receiver
    }
    if let error {
      receiver?.resume(throwing: error)
    } else {
      receiver?.resume(returning: nil)
    }
  }

  /// The consumer is gone: drops what the channel holds and fails every suspended `send` (and a waiting
  /// `next`) with `CancellationError`.
  public func cancel() {
    let (senders, receiver) = state.withLock { state in
      if case .cancelled = state.end { return ([Sender](), CheckedContinuation<Element?, any Error>?.none) }
      state.end = .cancelled
      state.buffer.removeAll()
      defer {
        state.senders.removeAll()
        state.receiver = nil
      }
      return (state.senders, state.receiver)
    }
    for sender in senders { sender.continuation.resume(throwing: CancellationError()) }
    receiver?.resume(throwing: CancellationError())
  }

  /// The next element in arrival order; nil after a `finish()`, throws the error given to `finish`
  /// (once), or `CancellationError` after `cancel()` or when the waiting task is cancelled, which
  /// cancels the channel. One consumer at a time.
  public func next() async throws -> Element? {
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Element?, any Error>) in
        let action = state.withLock { state -> ReceiveAction in
          if case .cancelled = state.end { return .cancelled }
          if Task.isCancelled { return .cancelled }
          if !state.buffer.isEmpty {
            let element = state.buffer.removeFirst()
            guard !state.senders.isEmpty else { return .element(element, nil) }
            let sender = state.senders.removeFirst()
            state.buffer.append(sender.element)
            return .element(element, sender.continuation)
          }
          if case .finished(let error) = state.end {
            let report = state.endDelivered ? nil : error
            state.endDelivered = true
            return .end(report)
          }
          precondition(state.receiver == nil, "BoundedChannel has a single consumer")
          state.receiver = continuation
          return .wait
        }
        switch action {
        case .element(let element, let sender):
          sender?.resume()
          continuation.resume(returning: element)
        case .end(let error):
          if let error {
            continuation.resume(throwing: error)
          } else {
            continuation.resume(returning: nil)
          }
        case .cancelled:
          continuation.resume(throwing: CancellationError())
        case .wait:
          break
        }
      }
    } onCancel: {
      cancel()
    }
  }
}

extension BoundedChannel {
  /// The consumer's side of a channel filled by `produce`, which runs in its own task: its return
  /// finishes the channel, its error ends it with that error. When the consumer's iteration is
  /// cancelled, or the sequence and its iterators are gone, the channel is cancelled and so is `produce`.
  public static func producing(
    capacity: Int, _ produce: @escaping @Sendable (BoundedChannel<Element>) async throws -> Void
  ) -> Stream {
    let channel = BoundedChannel(capacity: capacity)
    let producer = Task {
      do {
        try await produce(channel)
        channel.finish()
      } catch {
        channel.finish(throwing: error)
      }
    }
    return Stream(lifetime: Lifetime(channel: channel, producer: producer))
  }

  /// Cancels the channel and its producer once neither the sequence nor an iterator refers to it.
  final class Lifetime: Sendable {
    let channel: BoundedChannel<Element>
    let producer: Task<Void, Never>

    init(channel: BoundedChannel<Element>, producer: Task<Void, Never>) {
      self.channel = channel
      self.producer = producer
    }

    func cancel() {
      channel.cancel()
      producer.cancel()
    }

    deinit { cancel() }
  }

  /// A single-pass sequence of a produced channel's elements.
  public struct Stream: AsyncSequence, Sendable {
    let lifetime: Lifetime

    /// The channel behind the sequence, for tests.
    var channel: BoundedChannel<Element> { lifetime.channel }

    public func makeAsyncIterator() -> Iterator { Iterator(lifetime: lifetime) }

    public struct Iterator: AsyncIteratorProtocol {
      let lifetime: Lifetime

      public mutating func next() async throws -> Element? {
        let lifetime = lifetime
        return try await withTaskCancellationHandler {
          try await lifetime.channel.next()
        } onCancel: {
          lifetime.cancel()
        }
      }
    }
  }
}

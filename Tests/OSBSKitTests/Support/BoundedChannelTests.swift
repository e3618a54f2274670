import Synchronization
import Testing

@testable import OSBSKit

/// `BoundedChannel`: suspension is proven by the channel's own occupancy and by counters, never by time.
@Suite("BoundedChannel: senders wait for a slow consumer, nothing is lost or reordered")
struct BoundedChannelTests {
  struct Boom: Error, Equatable {}

  /// Yields until `condition` holds; each check lets the other tasks run.
  static func until(_ condition: () -> Bool) async {
    while !condition() { await Task.yield() }
  }

  @Test func aSenderWaitsWhileTheChannelIsFullAndResumesWhenTheConsumerTakesOne() async throws {
    let channel = BoundedChannel<Int>(capacity: 2)
    let sent = Mutex(0)
    let producer = Task {
      for value in 0..<3 {
        try await channel.send(value)
        sent.withLock { $0 += 1 }
      }
    }
    await Self.until { channel.occupancy.suspendedSenders == 1 }
    #expect(sent.withLock { $0 } == 2, "the third send is still waiting")
    #expect(channel.occupancy.buffered == 2)

    #expect(try await channel.next() == 0)
    try await producer.value
    #expect(sent.withLock { $0 } == 3)
    #expect(channel.occupancy.buffered == 2, "the waiting element moved into the freed place")
    #expect(channel.occupancy.suspendedSenders == 0)

    channel.finish()
    #expect(try await channel.next() == 1)
    #expect(try await channel.next() == 2)
    #expect(try await channel.next() == nil)
  }

  @Test func finishDeliversWhatIsHeldThenTheErrorOnce() async throws {
    let channel = BoundedChannel<Int>(capacity: 4)
    try await channel.send(7)
    try await channel.send(8)
    channel.finish(throwing: Boom())
    #expect(try await channel.next() == 7)
    #expect(try await channel.next() == 8)
    await #expect(throws: Boom.self) { try await channel.next() }
    #expect(try await channel.next() == nil)
    await #expect(throws: CancellationError.self) { try await channel.send(9) }
  }

  @Test func finishWakesAWaitingConsumer() async throws {
    let channel = BoundedChannel<Int>(capacity: 1)
    let consumer = Task { try await channel.next() }
    await Self.until { channel.occupancy.consumerWaiting }
    channel.finish()
    #expect(try await consumer.value == nil)
  }

  @Test func cancelResumesEverySuspendedSenderWithCancellationError() async throws {
    let channel = BoundedChannel<Int>(capacity: 1)
    try await channel.send(0)
    let senders = (1...3).map { value in
      Task { () -> Bool in
        do {
          try await channel.send(value)
          return true
        } catch is CancellationError {
          return false
        }
      }
    }
    await Self.until { channel.occupancy.suspendedSenders == 3 }
    channel.cancel()
    for sender in senders { #expect(try await sender.value == false) }
    #expect(channel.occupancy.buffered == 0)
    await #expect(throws: CancellationError.self) { try await channel.next() }
    await #expect(throws: CancellationError.self) { try await channel.send(4) }
  }

  @Test func cancellingAWaitingConsumerCancelsTheChannel() async throws {
    let channel = BoundedChannel<Int>(capacity: 1)
    let consumer = Task { try await channel.next() }
    await Self.until { channel.occupancy.consumerWaiting }
    consumer.cancel()
    await #expect(throws: CancellationError.self) { try await consumer.value }
    await #expect(throws: CancellationError.self) { try await channel.send(1) }
  }

  @Test func aSenderCancelledWhileWaitingLeavesTheOthersInOrder() async throws {
    let channel = BoundedChannel<Int>(capacity: 1)
    try await channel.send(0)
    let first = Task { try await channel.send(1) }
    await Self.until { channel.occupancy.suspendedSenders == 1 }
    let second = Task { try await channel.send(2) }
    await Self.until { channel.occupancy.suspendedSenders == 2 }
    first.cancel()
    await #expect(throws: CancellationError.self) { try await first.value }
    #expect(channel.occupancy.suspendedSenders == 1)
    #expect(try await channel.next() == 0)
    try await second.value
    #expect(try await channel.next() == 2)
  }

  @Test func cancellingTheConsumersIterationStopsTheProducersSuspendedSenders() async throws {
    let outcomes = Mutex<[String]>([])
    let (producerDone, signalDone) = AsyncStream<Void>.makeStream()
    let stream = BoundedChannel<Int>.producing(capacity: 1) { out in
      defer { signalDone.finish() }
      await withTaskGroup(of: String.self) { group in
        for value in 0..<3 {
          group.addTask {
            do {
              try await out.send(value)
              return "sent"
            } catch {
              return error is CancellationError ? "cancelled" : "\(error)"
            }
          }
        }
        for await outcome in group { outcomes.withLock { $0.append(outcome) } }
      }
    }
    let channel = stream.channel
    let consumer = Task { () -> Bool in
      var iterator = stream.makeAsyncIterator()
      // One element is held, the other two senders wait.
      await Self.until { channel.occupancy.suspendedSenders == 2 }
      withUnsafeCurrentTask { $0?.cancel() }
      do {
        _ = try await iterator.next()
        return false
      } catch {
        return error is CancellationError
      }
    }
    #expect(await consumer.value)
    for await _ in producerDone {}
    #expect(outcomes.withLock { $0.sorted() } == ["cancelled", "cancelled", "sent"])
  }

  @Test func aConsumerThatStopsReadingCancelsTheProducer() async throws {
    let producerError = Mutex<(any Error)?>(nil)
    let (producerDone, signalDone) = AsyncStream<Void>.makeStream()
    do {
      let stream = BoundedChannel<Int>.producing(capacity: 2) { out in
        defer { signalDone.finish() }
        do {
          var value = 0
          while true {
            try await out.send(value)
            value += 1
          }
        } catch {
          producerError.withLock { $0 = error }
          throw error
        }
      }
      for try await value in stream where value == 3 { break }
    }
    for await _ in producerDone {}
    #expect(producerError.withLock { $0 } is CancellationError)
  }

  @Test func manyProducersLoseNothingAndKeepTheirOwnOrder() async throws {
    let producers = 8
    let perProducer = 500
    let stream = BoundedChannel<(producer: Int, index: Int)>.producing(capacity: 3) { out in
      try await withThrowingTaskGroup(of: Void.self) { group in
        for producer in 0..<producers {
          group.addTask {
            for index in 0..<perProducer { try await out.send((producer, index)) }
          }
        }
        try await group.waitForAll()
      }
    }
    var received: [[Int]] = Array(repeating: [], count: producers)
    var maxBuffered = 0
    for try await element in stream {
      received[element.producer].append(element.index)
      maxBuffered = max(maxBuffered, stream.channel.occupancy.buffered)
    }
    for producer in 0..<producers {
      #expect(received[producer] == Array(0..<perProducer), "producer \(producer)")
    }
    #expect(maxBuffered <= 3)
  }
}

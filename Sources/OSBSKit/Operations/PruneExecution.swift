import Synchronization

/// What a prune removes: a cluster build, or a container or image on a node's engine.
public enum PruneItemKind: String, Codable, Sendable, CaseIterable {
  case build
  /// An OSBS 2 Tekton PipelineRun (its TaskRuns and pods go with it).
  case pipelineRun = "pipelinerun"
  case container
  case image
}

/// One object a prune plans to remove, and why it was chosen.
public struct PruneItem: Codable, Sendable, Hashable {
  public var kind: PruneItemKind
  /// The server's identity for it: `namespace/name` for builds, the engine ID for containers and images.
  public var id: String
  /// What a person calls it: the build name, the first container name, the first repository tag.
  public var name: String
  public var namespace: String?
  /// The rule that selected it, in words a person can check.
  public var reason: String
  /// Bytes removing it frees (deleted items carry what the deletion actually freed). For an image, the
  /// bytes only it holds (`ImageSpace`): layers it shares with other images are not counted.
  public var sizeBytes: Int64?
  /// True when `sizeBytes` is an estimate (an image whose shared bytes the engine did not compute).
  @AlwaysEncoded public var sizeEstimated: Bool? = nil
  /// The version seen when planning; deletion is conditional on it so a changed object is left alone.
  public var resourceVersion: String?

  public init(
    kind: PruneItemKind, id: String, name: String, namespace: String? = nil, reason: String,
    sizeBytes: Int64? = nil, resourceVersion: String? = nil
  ) {
    self.kind = kind
    self.id = id
    self.name = name
    self.namespace = namespace
    self.reason = reason
    self.sizeBytes = sizeBytes
    self.resourceVersion = resourceVersion
  }
}

/// A planned item left in place on purpose: it changed since planning, is in use, or is already gone.
public struct PruneSkip: Codable, Sendable, Hashable {
  public var item: PruneItem
  public var reason: String

  public init(item: PruneItem, reason: String) {
    self.item = item
    self.reason = reason
  }
}

/// A planned item whose deletion failed.
public struct PruneFailure: Codable, Sendable, Hashable {
  public var item: PruneItem
  public var error: String

  public init(item: PruneItem, error: String) {
    self.item = item
    self.error = error
  }
}

public struct PruneTotals: Codable, Sendable, Hashable {
  public var planned = 0
  public var deleted = 0
  public var skipped = 0
  public var failed = 0
  /// Planned items never tried because the run was interrupted or aborted; a rerun picks them up.
  public var notAttempted = 0
  /// Deletions sent but unanswered when a second interrupt stopped the wait (see `abandoned`).
  public var abandoned = 0
  public var plannedBytes: Int64 = 0
  public var reclaimedBytes: Int64 = 0

  public init() {}
}

/// The outcome of a prune, or its plan when `dryRun` is true. This is the JSON contract of every
/// `prune` command: the lists say exactly what happened to each planned object.
public struct PruneReport: Codable, Sendable {
  /// What was pruned: `builds`, `containers`, `images`, or a combination such as `node` and `all`.
  public var scope: String
  public var dryRun: Bool
  /// Ctrl-C stopped the run: deletions in flight finished, nothing further was started.
  public var interrupted: Bool
  /// Why the run stopped early when the server or engine went away.
  public var abortError: String?
  public var planned: [PruneItem]
  public var deleted: [PruneItem]
  public var skipped: [PruneSkip]
  public var failed: [PruneFailure]
  /// Deletions sent but not answered when a second Ctrl-C stopped waiting for them: each may or may not
  /// be gone (the server may still carry it out); a rerun settles it.
  public var abandoned: [PruneItem]
  public var totals: PruneTotals

  public init(
    scope: String, dryRun: Bool, interrupted: Bool = false, abortError: String? = nil,
    planned: [PruneItem], deleted: [PruneItem] = [], skipped: [PruneSkip] = [],
    failed: [PruneFailure] = [], abandoned: [PruneItem] = []
  ) {
    self.abandoned = abandoned
    self.scope = scope
    self.dryRun = dryRun
    self.interrupted = interrupted
    self.abortError = abortError
    self.planned = planned
    self.deleted = deleted
    self.skipped = skipped
    self.failed = failed
    self.totals = PruneTotals()
    recount()
  }

  /// A dry run: what would be removed, and nothing touched.
  public static func plan(scope: String, items: [PruneItem]) -> PruneReport {
    PruneReport(scope: scope, dryRun: true, planned: items)
  }

  /// How the run ended, for the exit code: nil when everything planned was handled.
  public var failureKind: FailureKind? {
    if interrupted { return .interrupted }
    if abortError != nil { return .unavailable }
    if !failed.isEmpty { return .operationFailed }
    return nil
  }

  /// Combines reports of consecutive phases (containers then images) into one.
  public mutating func append(_ other: PruneReport) {
    dryRun = dryRun && other.dryRun
    interrupted = interrupted || other.interrupted
    abortError = abortError ?? other.abortError
    planned += other.planned
    deleted += other.deleted
    skipped += other.skipped
    failed += other.failed
    abandoned += other.abandoned
    recount()
  }

  private mutating func recount() {
    var totals = PruneTotals()
    totals.planned = planned.count
    totals.deleted = deleted.count
    totals.skipped = skipped.count
    totals.failed = failed.count
    totals.abandoned = abandoned.count
    totals.notAttempted =
      dryRun ? 0 : max(0, planned.count - deleted.count - skipped.count - failed.count - abandoned.count)
    totals.plannedBytes = planned.reduce(0) { $0 + ($1.sizeBytes ?? 0) }
    totals.reclaimedBytes = deleted.reduce(0) { $0 + ($1.sizeBytes ?? 0) }
    self.totals = totals
  }
}

/// What one deletion did.
public enum PruneDeletion: Sendable {
  /// Removed; the bytes the server says it freed, when it says.
  case deleted(reclaimedBytes: Int64?)
  /// Deliberately left alone (changed since planning, in use, already gone).
  case skipped(reason: String)
}

/// A second request to stop (a second Ctrl-C): whoever waits for work in flight stops waiting.
public final class StopWaitingSignal: Sendable {
  private let state = Mutex<(fired: Bool, actions: [@Sendable () -> Void])>((false, []))

  public init() {}

  public var hasFired: Bool { state.withLock { $0.fired } }

  /// Runs every registered action once; later calls do nothing.
  public func fire() {
    let actions = state.withLock { state -> [@Sendable () -> Void] in
      guard !state.fired else { return [] }
      state.fired = true
      defer { state.actions = [] }
      return state.actions
    }
    for action in actions { action() }
  }

  /// `action` runs when the signal fires (at once if it already has).
  func onFire(_ action: @escaping @Sendable () -> Void) {
    let now = state.withLock { state -> Bool in
      if state.fired { return true }
      state.actions.append(action)
      return false
    }
    if now { action() }
  }
}

/// Runs planned deletions with bounded concurrency and accounts for every one of them.
///
/// Interruption is cooperative: when the calling task is cancelled (Ctrl-C) no new deletion starts, but
/// the ones already sent run to completion in unstructured tasks (which do not inherit cancellation), so
/// the report says exactly what the server lost. When `stopWaiting` fires as well (a second Ctrl-C) the
/// run stops waiting for them at once: they are reported as `abandoned`, never as deleted. A server that
/// goes away (`.unavailable`) stops the run the same way as a first interrupt; any other error is recorded
/// against its item and the run goes on.
public struct PruneExecutor: Sendable {
  public let parallelism: Int
  public let stopWaiting: StopWaitingSignal?

  public init(parallelism: Int, stopWaiting: StopWaitingSignal? = nil) {
    self.parallelism = max(1, parallelism)
    self.stopWaiting = stopWaiting
  }

  /// What the run waits for next: a deletion's outcome, or the signal to stop waiting.
  private enum Event: Sendable {
    case done(Int, Result<PruneDeletion, any Error>)
    case stopWaiting
  }

  /// Events in arrival order. Waiting on it ignores task cancellation on purpose: after a first Ctrl-C
  /// the outcomes of deletions in flight must still be collected.
  private final class Events: Sendable {
    private let state = Mutex<(buffer: [Event], waiter: CheckedContinuation<Event, Never>?)>(([], nil))

    func push(_ event: Event) {
      let waiter = state.withLock { state -> CheckedContinuation<Event, Never>? in
        if let waiter = state.waiter {
          state.waiter = nil
          return waiter
        }
        state.buffer.append(event)
        return nil
      }
      waiter?.resume(returning: event)
    }

    func next() async -> Event {
      await withCheckedContinuation { continuation in
        let ready = state.withLock { state -> Event? in
          if !state.buffer.isEmpty { return state.buffer.removeFirst() }
          state.waiter = continuation
          return nil
        }
        if let ready { continuation.resume(returning: ready) }
      }
    }
  }

  /// Deletes `items`, up to `parallelism` at a time, in their order. `after[i]` lists earlier items that
  /// must have ended (whatever their outcome) before item `i` starts; later ones listed there are ignored,
  /// so the run always makes progress.
  public func run(
    scope: String, items: [PruneItem], after: [[Int]] = [],
    progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil,
    delete: @escaping @Sendable (PruneItem) async throws -> PruneDeletion
  ) async -> PruneReport {
    var outcomes: [(index: Int, outcome: Result<PruneDeletion, any Error>)] = []
    outcomes.reserveCapacity(items.count)
    var abortError: String?
    var interrupted = false
    var inFlight: Set<Int> = []
    var abandonedIndexes: [Int] = []
    // The first item not started yet; items after it may have started when it was waiting.
    var next = 0
    var started = Array(repeating: false, count: items.count)
    var ended = Array(repeating: false, count: items.count)
    let events = Events()
    stopWaiting?.onFire { events.push(.stopWaiting) }

    func mayLaunch() -> Bool {
      if abortError != nil { return false }
      if Task.isCancelled || stopWaiting?.hasFired == true {
        interrupted = true
        return false
      }
      return next < items.count
    }
    func ready(_ index: Int) -> Bool {
      guard index < after.count else { return true }
      return after[index].allSatisfy { $0 >= index || ended[$0] }
    }
    /// The first item not started whose prerequisites have ended.
    func nextReady() -> Int? {
      var index = next
      while index < items.count {
        if !started[index] && ready(index) { return index }
        index += 1
      }
      return nil
    }
    func fillLanes() {
      while inFlight.count < parallelism && mayLaunch(), let index = nextReady() {
        let item = items[index]
        started[index] = true
        while next < items.count && started[next] { next += 1 }
        inFlight.insert(index)
        Task {
          let outcome: Result<PruneDeletion, any Error>
          do { outcome = .success(try await delete(item)) } catch { outcome = .failure(error) }
          events.push(.done(index, outcome))
        }
      }
    }

    fillLanes()
    waiting: while !inFlight.isEmpty {
      switch await events.next() {
      case .stopWaiting:
        interrupted = true
        abandonedIndexes = inFlight.sorted()
        break waiting
      case .done(let index, let outcome):
        inFlight.remove(index)
        ended[index] = true
        outcomes.append((index, outcome))
        if case .failure(let error) = outcome, abortError == nil, Self.isUnavailable(error) {
          abortError = String(describing: error)
        }
        progress?(outcomes.count, items.count)
        fillLanes()
      }
    }
    if next < items.count && abortError == nil && (Task.isCancelled || stopWaiting?.hasFired == true) {
      interrupted = true
    }

    var deleted: [PruneItem] = []
    var skipped: [PruneSkip] = []
    var failed: [PruneFailure] = []
    for (index, outcome) in outcomes.sorted(by: { $0.index < $1.index }) {
      var item = items[index]
      switch outcome {
      case .success(.deleted(let reclaimed)):
        if let reclaimed { item.sizeBytes = reclaimed }
        deleted.append(item)
      case .success(.skipped(let reason)):
        skipped.append(PruneSkip(item: item, reason: reason))
      case .failure(let error):
        failed.append(PruneFailure(item: item, error: String(describing: error)))
      }
    }
    return PruneReport(
      scope: scope, dryRun: false, interrupted: interrupted, abortError: abortError, planned: items,
      deleted: deleted, skipped: skipped, failed: failed, abandoned: abandonedIndexes.map { items[$0] })
  }

  private static func isUnavailable(_ error: any Error) -> Bool {
    (error as? any ClassifiedError)?.failureKind == .unavailable
  }
}

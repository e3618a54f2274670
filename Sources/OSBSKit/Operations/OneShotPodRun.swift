import Foundation
import Synchronization

/// Runs one pod once on its node and always removes it: create, watch until its container terminates
/// (or the limit runs out), read its log, delete. `node probe` and the fleet commands share it.
///
/// The pod is deleted whatever happens after the request to create it was sent: a failure, the limit
/// running out, or the caller's cancellation (Ctrl-C), including a cancellation that arrives while the
/// create request is in flight (the server may have stored the pod). The deletion runs in a task of its
/// own so a cancelled caller cannot cancel it.
public struct OneShotPodRun: Sendable {
  /// Waiting reasons with which a kubelet says the image cannot be had.
  static let imageFailureReasons: Set<String> = [
    "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull", "ImageInspectError",
  ]

  public let client: OpenShiftClient
  public let scope: NamespaceScope
  /// The label leftovers carry, named in the cleanup message when a deletion fails.
  public let label: String

  public init(client: OpenShiftClient, scope: NamespaceScope, label: String) {
    self.client = client
    self.scope = scope
    self.label = label
  }

  /// What a pod's status says about its container so far.
  public enum Observation: Sendable, Equatable {
    case finished(exitCode: Int, log: String)
    case imageMissing(String)
    case neverRan(String)
    case stillRunning(log: String)
    case waiting
  }

  /// What became of one pod.
  public struct Outcome: Sendable, Equatable {
    public var observation: Observation
    /// From the create request until the container was first seen past waiting, and from then on.
    public var startSeconds: Double?
    public var runSeconds: Double?
    /// `removed`, or why the pod could not be.
    public var cleanup: String
  }

  /// The run stopped on an error or a cancellation after the create request was sent; the pod was then
  /// deleted, with `cleanup` saying how that went.
  public struct Stopped: Error {
    public var error: any Error
    public var cleanup: String
  }

  /// Creates the pod, waits at most `limit` for its container to end, reads its log (its last
  /// `logLines` lines, or all of it when nil) and deletes it. Throws `Stopped` once the pod may exist.
  public func run(_ manifest: OneShotPodManifest, limit: Duration, logLines: Int?) async throws -> Outcome {
    let clock = ContinuousClock()
    let began = clock.now
    do {
      _ = try await client.createPod(manifest, in: scope)
    } catch {
      guard Task.isCancelled else { throw error }
      throw Stopped(error: error, cleanup: await delete(pod: manifest.name))
    }
    let seen: (Observation, Double?, Double?)
    do {
      seen = try await observe(manifest, limit: limit, logLines: logLines, began: began, clock: clock)
    } catch {
      throw Stopped(error: error, cleanup: await delete(pod: manifest.name))
    }
    let cleanup = await delete(pod: manifest.name)
    return Outcome(observation: seen.0, startSeconds: seen.1, runSeconds: seen.2, cleanup: cleanup)
  }

  static func observation(of pod: Pod, container: String) -> Observation {
    let status = pod.status.containerStatuses?.first { $0.name == container }
    if let terminated = status?.state?.terminated {
      return .finished(exitCode: Int(terminated.exitCode), log: "")
    }
    if let waiting = status?.state?.waiting, let reason = waiting.reason, imageFailureReasons.contains(reason)
    {
      return .imageMissing([reason, waiting.message].compactMap { $0 }.joined(separator: ": "))
    }
    if pod.status.phase == "Failed" {
      let words = [pod.status.reason, pod.status.message].compactMap { $0 }.joined(separator: ": ")
      return .neverRan("the pod failed before its container ran" + (words.isEmpty ? "" : ": " + words))
    }
    if status?.state?.running != nil { return .stillRunning(log: "") }
    return .waiting
  }

  /// Why a pod is still pending: the kubelet's waiting reason, or the scheduling condition's message.
  static func pendingDetail(_ pod: Pod?) -> String {
    guard let pod else { return "the pod was never seen" }
    let waiting = pod.status.containerStatuses?.compactMap { $0.state?.waiting?.reason }.first
    let condition = pod.status.conditions?.first { $0.status != "True" }
    let why =
      waiting ?? condition.map { [$0.type, $0.reason, $0.message].compactMap { $0 }.joined(separator: " ") }
    return "the pod stayed \(pod.status.phase ?? "Pending") on the node" + (why.map { " (\($0))" } ?? "")
  }

  private func observe(
    _ manifest: OneShotPodManifest, limit: Duration, logLines: Int?, began: ContinuousClock.Instant,
    clock: ContinuousClock
  ) async throws -> (Observation, Double?, Double?) {
    let name = manifest.name
    let container = manifest.containerName
    let seen = WatchedPod()
    let client = client
    let scope = scope
    let watched: Observation? = try await withThrowingTaskGroup(of: Observation?.self) { group in
      group.addTask {
        for try await event in client.watchPod(named: name, in: scope) {
          let observation = Self.observation(of: event.object, container: container)
          seen.note(event.object, started: observation != .waiting ? clock.now : nil)
          switch observation {
          case .waiting, .stillRunning: continue
          case .finished, .imageMissing, .neverRan: return observation
          }
        }
        return nil
      }
      group.addTask {
        try await Task.sleep(for: limit)
        return nil
      }
      defer { group.cancelAll() }
      return try await group.next() ?? nil
    }
    let ended = clock.now
    let (pod, started) = seen.current
    let startSeconds = started.map { Self.seconds($0 - began) }
    let runSeconds = started.map { Self.seconds(ended - $0) }
    switch watched {
    case .finished(let exitCode, _)?:
      let log = try await client.podLog(named: name, container: container, tailLines: logLines, in: scope)
      return (.finished(exitCode: exitCode, log: log), startSeconds, runSeconds)
    case let other?:
      return (other, startSeconds, runSeconds)
    case nil:
      if let pod, case .stillRunning = Self.observation(of: pod, container: container) {
        let log =
          (try? await client.podLog(named: name, container: container, tailLines: logLines, in: scope)) ?? ""
        return (.stillRunning(log: log), startSeconds, runSeconds)
      }
      return (.neverRan(Self.pendingDetail(pod)), nil, nil)
    }
  }

  /// Deletes the pod in a task of its own; what happened, for the report.
  private func delete(pod name: String) async -> String {
    let client = client
    let scope = scope
    let label = label
    return await Task {
      do {
        try await client.deletePod(named: name, in: scope)
        return "removed"
      } catch let error as OpenShiftError where error.failureKind == .notFound {
        return "removed"
      } catch {
        return "not removed (find it by label \(label)): \(error)"
      }
    }.value
  }

  static func seconds(_ duration: Duration) -> Double {
    LocalNetworkProbe.seconds(duration)
  }
}

/// The last pod a watch reported and when its container was first seen past waiting, shared with the
/// task that ends the wait.
private final class WatchedPod: Sendable {
  private let state = Mutex<(pod: Pod?, started: ContinuousClock.Instant?)>((nil, nil))

  func note(_ pod: Pod, started: ContinuousClock.Instant?) {
    state.withLock { $0 = (pod, $0.started ?? started) }
  }

  var current: (Pod?, ContinuousClock.Instant?) { state.withLock { ($0.pod, $0.started) } }
}

import Foundation
import Synchronization

/// `node probe` through the cluster: per node a pod pinned to it (`spec.nodeName`, `restartPolicy: Never`,
/// labelled `osbsctl.io/probe`) runs the probe command in the buildroot image; the pod is watched until
/// its container terminates, its exit code and log's last lines are read, and the pod is deleted.
///
/// The pod is deleted whatever happens after it was created: a failure, the wait running out, or the
/// caller's cancellation (Ctrl-C); the deletion runs in a task of its own so a cancelled caller cannot
/// cancel it. `activeDeadlineSeconds` makes the kubelet stop the pod even if osbsctl dies first.
public struct PodNetworkProbe: Sendable {
  /// Waiting reasons with which a kubelet says the image cannot be had.
  static let imageFailureReasons: Set<String> = [
    "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull", "ImageInspectError",
  ]

  public let client: OpenShiftClient
  public let request: NetworkProbeRequest
  public let scope: NamespaceScope
  /// At most this many nodes are probed at once.
  public let parallelism: Int

  public init(
    client: OpenShiftClient, request: NetworkProbeRequest, scope: NamespaceScope = .current,
    parallelism: Int = 8
  ) {
    self.client = client
    self.request = request
    self.scope = scope
    self.parallelism = max(1, parallelism)
  }

  /// Probes every node; results in the order the nodes were given.
  public func run(nodes: [String]) async throws -> NodeProbeReport {
    guard !nodes.isEmpty else { throw NetworkProbeError.noNodes }
    var results = [NodeProbeResult?](repeating: nil, count: nodes.count)
    try await withThrowingTaskGroup(of: (Int, NodeProbeResult).self) { group in
      var next = 0
      func startNext() {
        guard next < nodes.count else { return }
        let index = next
        next += 1
        group.addTask { (index, try await probe(node: nodes[index])) }
      }
      for _ in 0..<min(parallelism, nodes.count) { startNext() }
      while let (index, result) = try await group.next() {
        results[index] = result
        startNext()
      }
    }
    return NodeProbeReport(
      mode: "pod", target: request.target.url, image: request.image,
      timeoutSeconds: Int(request.timeout.components.seconds), results: results.compactMap { $0 })
  }

  func manifest(node: String) -> OneShotPodManifest {
    let limit = request.timeout + request.grace
    return OneShotPodManifest(
      name: "osbsctl-probe-\(UUID().uuidString.prefix(8).lowercased())", node: node, image: request.image,
      command: ProbeCommand.entrypoint,
      arguments: ProbeCommand.arguments(target: request.target, timeout: request.timeout),
      labels: [NetworkProbeRequest.label: "true"],
      activeDeadlineSeconds: Int(limit.components.seconds) + 1)
  }

  /// One node's probe: create, watch, read, delete.
  public func probe(node: String) async throws -> NodeProbeResult {
    let clock = ContinuousClock()
    let began = clock.now
    let manifest = manifest(node: node)
    _ = try await client.createPod(manifest, in: scope)
    let seen: (PodObservation, Double?, Double?)
    do {
      seen = try await observe(pod: manifest.name, began: began, clock: clock)
    } catch {
      _ = await delete(pod: manifest.name)
      throw error
    }
    let cleanup = await delete(pod: manifest.name)
    let outcome: ProbeOutcome
    switch seen.0 {
    case .finished(let exitCode, let log): outcome = .finished(exitCode: exitCode, log: log)
    case .imageMissing(let detail): outcome = .imageMissing(detail: detail)
    case .neverRan(let detail): outcome = .notScheduled(detail: detail)
    case .stillRunning(let log): outcome = .stillRunning(log: log)
    case .waiting: outcome = .notScheduled(detail: "the pod stayed Pending")
    }
    return request.result(
      node: node, outcome: outcome, startSeconds: seen.1, runSeconds: seen.2, cleanup: cleanup)
  }

  /// What a pod's status says about the probe so far.
  enum PodObservation: Equatable {
    case finished(exitCode: Int, log: String)
    case imageMissing(String)
    case neverRan(String)
    case stillRunning(log: String)
    case waiting
  }

  static func observation(of pod: Pod) -> PodObservation {
    let status = pod.status.containerStatuses?.first { $0.name == OneShotPodManifest.containerName }
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

  private func observe(pod name: String, began: ContinuousClock.Instant, clock: ContinuousClock) async throws
    -> (PodObservation, Double?, Double?)
  {
    let seen = WatchedPod()
    let limit = request.timeout + request.grace
    let watched: PodObservation? = try await withThrowingTaskGroup(of: PodObservation?.self) { group in
      group.addTask {
        for try await event in client.watchPod(named: name, in: scope) {
          let observation = Self.observation(of: event.object)
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
    let startSeconds = started.map { LocalNetworkProbe.seconds($0 - began) }
    let runSeconds = started.map { LocalNetworkProbe.seconds(ended - $0) }
    switch watched {
    case .finished(let exitCode, _)?:
      let log = try await client.podLog(
        named: name, container: OneShotPodManifest.containerName, tailLines: NetworkProbeRequest.logLines,
        in: scope)
      return (.finished(exitCode: exitCode, log: log), startSeconds, runSeconds)
    case let other?:
      return (other, startSeconds, runSeconds)
    case nil:
      if let pod, case .stillRunning = Self.observation(of: pod) {
        let log =
          (try? await client.podLog(
            named: name, container: OneShotPodManifest.containerName, tailLines: NetworkProbeRequest.logLines,
            in: scope)) ?? ""
        return (.stillRunning(log: log), startSeconds, runSeconds)
      }
      return (.neverRan(Self.pendingDetail(pod)), nil, nil)
    }
  }

  /// Deletes the pod in a task of its own; what happened, for the report.
  private func delete(pod name: String) async -> String {
    let client = client
    let scope = scope
    return await Task {
      do {
        try await client.deletePod(named: name, in: scope)
        return "removed"
      } catch let error as OpenShiftError where error.failureKind == .notFound {
        return "removed"
      } catch {
        return "not removed (find it by label \(NetworkProbeRequest.label)): \(error)"
      }
    }.value
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

import Foundation

/// `node probe` through the cluster: per node a pod pinned to it (`spec.nodeName`, `restartPolicy: Never`,
/// labelled `osbsctl.io/probe`) runs the probe command in the buildroot image; the pod is watched until
/// its container terminates, its exit code and log's last lines are read, and the pod is deleted.
///
/// The pod's life, and its removal whatever happens (Ctrl-C included), is `OneShotPodRun`'s.
/// `activeDeadlineSeconds` makes the kubelet stop the pod even if osbsctl dies first.
public struct PodNetworkProbe: Sendable {
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
    let manifest = manifest(node: node)
    let seen: OneShotPodRun.Outcome
    do {
      seen = try await OneShotPodRun(client: client, scope: scope, label: NetworkProbeRequest.label).run(
        manifest, limit: request.timeout + request.grace, logLines: NetworkProbeRequest.logLines)
    } catch let stopped as OneShotPodRun.Stopped {
      throw stopped.error
    }
    let outcome: ProbeOutcome
    switch seen.observation {
    case .finished(let exitCode, let log): outcome = .finished(exitCode: exitCode, log: log)
    case .imageMissing(let detail): outcome = .imageMissing(detail: detail)
    case .neverRan(let detail): outcome = .notScheduled(detail: detail)
    case .stillRunning(let log): outcome = .stillRunning(log: log)
    case .waiting: outcome = .notScheduled(detail: "the pod stayed Pending")
    }
    return request.result(
      node: node, outcome: outcome, startSeconds: seen.startSeconds, runSeconds: seen.runSeconds,
      cleanup: seen.cleanup)
  }
}

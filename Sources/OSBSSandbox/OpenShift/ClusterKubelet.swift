import Foundation
import OSBSKit
import Synchronization

/// The simulated nodes that have a kubelet, and the pods their kubelets are running.
final class KubeletRegistry: Sendable {
  struct Kubelet: Sendable {
    var node: KubeletNode
    var engine: DockerEngineClient
  }

  struct Contents: Sendable {
    var kubelets: [String: Kubelet] = [:]
    /// One task per pod being run, by pod uid.
    var runs: [String: Task<Void, Never>] = [:]
    /// Uids of the pods created through the API: only those run on an engine (the seeded, build and
    /// Tekton pods keep their simulated lives).
    var created: Set<String> = []
  }

  let contents = Mutex(Contents())
  /// Marks this sandbox's containers (label `io.osbs.sandbox.instance`), so it removes only its own.
  let instance = UUID().uuidString.lowercased()
}

/// How long the kubelet lets a deleted pod's containers end on their own.
enum KubeletTermination {
  /// The kubelet never kills with less than 2 seconds of grace (kuberuntime's minimum, also when the
  /// pod asks for 0); the sandbox caps long periods at 30 s so a test cannot hang on one.
  static func graceSeconds(pod: Int64?) -> Int {
    Int(min(max(pod ?? 30, 2), 30))
  }
}

/// One container of a pod as the kubelet follows it.
struct KubeletContainerRun: Sendable {
  var container: PodSpec.Container
  var id: String?
  var imageID: String?
  var state: DockerContainerState?
  var waiting = ContainerState.Waiting(reason: "ContainerCreating")
  /// Why the engine could not start a created container.
  var startError: String?
  var log = ContainerLogCopy()
  var pullAttempts = 0

  var hasTerminated: Bool { state?.hasExited == true || startError != nil }
}

extension OpenShiftCluster {
  /// Gives `node` a kubelet on the engine at `node.socket` (replacing one it had), registering the Node
  /// as a kubelet does when it is new; pods already bound there start.
  public func attachKubelet(_ node: KubeletNode) throws {
    let engine = try DockerEngineClient(
      connection: DockerConnection(baseURL: "http://localhost", unixSocketPath: node.socket),
      timeouts: HTTPTimeouts(connect: .seconds(10), total: .seconds(120), idle: .seconds(60)))
    kubelets.contents.withLock { $0.kubelets[node.node] = .init(node: node, engine: engine) }
    if self.node(named: node.node) == nil { registerNode(node.node) }
    for pod in pods() where pod.spec.nodeName == node.node && !pod.isFinished {
      startKubeletRun(of: pod)
    }
  }

  /// The nodes that have a kubelet.
  public var kubeletNodes: [KubeletNode] {
    kubelets.contents.withLock { $0.kubelets.values.map(\.node) }.sorted { $0.node < $1.node }
  }

  /// Stops every pod run and removes every container this sandbox made on the nodes' engines.
  public func stopKubelets() async {
    let (runs, kubelets) = kubelets.contents.withLock { contents in
      defer { contents.runs.removeAll() }
      return (Array(contents.runs.values), Array(contents.kubelets.values))
    }
    for run in runs { run.cancel() }
    for run in runs { await run.value }
    for kubelet in kubelets {
      await removeContainers(on: kubelet.engine, label: "\(KubeletLabels.sandbox)=\(self.kubelets.instance)")
    }
  }

  /// DELETE (or eviction) of a pod; once it is gone its containers are too.
  func deletePodAndContainers(_ request: SandboxRequest, eviction: Bool) async -> SandboxResponse {
    let namespace = request.pathParameters["namespace"]
    let before = pod(named: request.pathParameters["name"] ?? "", namespace: namespace)
    let response = deletePod(request, eviction: eviction)
    if (200..<300).contains(response.status), let uid = before?.metadata.uid {
      let grace = KubeletTermination.graceSeconds(pod: before?.spec.terminationGracePeriodSeconds)
      await stopKubeletRun(uid: uid, node: before?.spec.nodeName, graceSeconds: grace)
    }
    return response
  }

  /// Ends a pod's run: as the kubelet kills a container, its stop signal first and SIGKILL after the
  /// grace period (none when the sandbox shuts down), then the container is removed.
  func stopKubeletRun(uid: String, node: String?, graceSeconds: Int = 0) async {
    let (run, kubelet) = kubelets.contents.withLock { contents in
      contents.created.remove(uid)
      return (contents.runs.removeValue(forKey: uid), node.flatMap { contents.kubelets[$0] })
    }
    run?.cancel()
    await run?.value
    if let kubelet {
      await removeContainers(
        on: kubelet.engine, label: "\(KubeletLabels.podUID)=\(uid)", graceSeconds: graceSeconds)
    }
  }

  private func removeContainers(on engine: DockerEngineClient, label: String, graceSeconds: Int = 0) async {
    var filters = DockerFilters()
    filters.add("label", label)
    guard let containers = try? await engine.containers(all: true, filters: filters) else { return }
    await withTaskGroup(of: Void.self) { group in
      for container in containers {
        group.addTask {
          if graceSeconds > 0 {
            try? await engine.stopContainer(id: container.id, graceSeconds: graceSeconds)
          }
          try? await engine.removeContainer(id: container.id, removeVolumes: true, force: true)
        }
      }
    }
  }

  /// Hands a pod bound to a node with a kubelet to that kubelet (once).
  func startKubeletRun(of pod: Pod) {
    guard let nodeName = pod.spec.nodeName, let uid = pod.metadata.uid, !pod.isFinished else { return }
    let key = ClusterObject.key(namespace: pod.metadata.namespace, name: pod.metadata.name)
    kubelets.contents.withLock { contents in
      guard contents.created.contains(uid), let kubelet = contents.kubelets[nodeName],
        contents.runs[uid] == nil
      else { return }
      contents.runs[uid] = Task { [self] in await runPod(key: key, uid: uid, kubelet: kubelet) }
    }
  }

  /// A kubelet registering its Node: Ready and schedulable.
  func registerNode(_ name: String) {
    let ip = "127.0.0.1"
    addNode(
      Node(
        metadata: ObjectMeta(
          name: name, labels: ["kubernetes.io/hostname": name, "kubernetes.io/os": "linux"]),
        status: NodeStatus(
          conditions: [NodeCondition(type: "Ready", status: "True", reason: "KubeletReady")],
          addresses: [
            NodeAddress(type: "InternalIP", address: ip), NodeAddress(type: "Hostname", address: name),
          ],
          nodeInfo: NodeSystemInfo(kubeletVersion: "v1.30.0", architecture: "amd64", operatingSystem: "linux")
        )))
  }

  // MARK: The pod's life on the engine

  /// Creates and starts the pod's containers, then follows them on the engine until they have all
  /// exited (or the pod's `activeDeadlineSeconds` ran out), publishing every change of status and
  /// copying each container's log into the log the API serves.
  func runPod(key: String, uid: String, kubelet: KubeletRegistry.Kubelet) async {
    guard case .pod(let pod)? = state.withLock({ $0.objects[.pods]?[key] }), pod.metadata.uid == uid else {
      return
    }
    let engine = kubelet.engine
    let started = ClusterClock.nowSeconds()
    var runs = (pod.spec.containers ?? []).map { KubeletContainerRun(container: $0) }
    var transition = started
    var lastPhase = ""
    var first = true
    while !Task.isCancelled {
      defer { first = false }
      let deadlineExceeded =
        pod.spec.activeDeadlineSeconds.map { ClusterClock.nowSeconds() - started >= $0 } ?? false
      if deadlineExceeded {
        for run in runs where run.id != nil && !run.hasTerminated {
          try? await engine.killContainer(id: run.id ?? "")
        }
      }
      // The first report is the pod accepted by the kubelet, its containers being created.
      for index in runs.indices where runs[index].id == nil && !deadlineExceeded && !first {
        await create(&runs[index], pod: pod, kubelet: kubelet)
      }
      for index in runs.indices where runs[index].id != nil && !runs[index].hasTerminated {
        await refresh(&runs[index], key: key, engine: engine, settle: deadlineExceeded)
      }
      var status = podStatus(of: pod, runs: runs, started: started, deadlineExceeded: deadlineExceeded)
      if status.phase != lastPhase {
        lastPhase = status.phase ?? ""
        transition = ClusterClock.nowSeconds()
      }
      status.conditions = configuration.generation.podConditions(
        phase: lastPhase, container: runs.first?.container.name ?? "",
        scheduled: pod.metadata.creationTimestamp ?? ClusterClock.rfc3339(seconds: started),
        changed: ClusterClock.rfc3339(seconds: transition))
      guard publish(status, key: key, uid: uid) else { return }
      if status.phase == "Succeeded" || status.phase == "Failed" { return }
      if !first { try? await Task.sleep(for: .milliseconds(200)) }
    }
  }

  /// Creates and starts one container, or says on its waiting state why it cannot be.
  private func create(_ run: inout KubeletContainerRun, pod: Pod, kubelet: KubeletRegistry.Kubelet) async {
    let engine = kubelet.engine
    let image = run.container.image ?? ""
    let plan: KubeletContainerPlan
    do {
      plan = try KubeletContainerPlan.make(
        pod: pod, container: run.container, node: kubelet.node, instance: kubelets.instance)
    } catch {
      run.waiting = .init(reason: error.reason, message: error.message)
      return
    }
    do {
      run.imageID = try await engine.imageID(of: image)
    } catch DockerError.notFound {
      // No registry is reachable from the sandbox: an image the engine lacks is never pulled.
      run.pullAttempts += 1
      if run.container.imagePullPolicy == "Never" {
        run.waiting = .init(
          reason: "ErrImageNeverPull",
          message: "Container image \"\(image)\" is not present with pull policy of Never")
      } else if run.pullAttempts == 1 {
        run.waiting = .init(
          reason: "ErrImagePull",
          message:
            "failed to pull image \"\(image)\": the sandbox kubelet pulls no images and node \(kubelet.node.node)'s engine does not have it"
        )
      } else {
        run.waiting = .init(reason: "ImagePullBackOff", message: "Back-off pulling image \"\(image)\"")
      }
      return
    } catch {
      run.waiting = .init(reason: "ContainerCreating", message: "the node's container engine: \(error)")
      return
    }
    let id: String
    do {
      id = try await engine.createContainer(name: plan.name, spec: plan.spec)
    } catch {
      run.waiting = .init(reason: "CreateContainerError", message: "\(error)")
      return
    }
    run.id = id
    do {
      try await engine.startContainer(id: id)
    } catch {
      run.startError = "\(error)"
      run.state = try? await engine.inspectContainer(id: id).state
    }
  }

  /// Reads the container's state from the engine and copies the log it has written since the last
  /// look; the state is read first, so a container seen exited has all its log copied.
  private func refresh(
    _ run: inout KubeletContainerRun, key: String, engine: DockerEngineClient, settle: Bool
  )
    async
  {
    guard let id = run.id else { return }
    // A killed container takes a moment to be seen exited.
    for attempt in 0..<(settle ? 20 : 1) {
      if attempt > 0 { try? await Task.sleep(for: .milliseconds(100)) }
      guard let inspection = try? await engine.inspectContainer(id: id) else { return }
      run.imageID = inspection.image
      run.state = inspection.state
      if inspection.state.hasExited { break }
    }
    var fresh: [UInt8] = []
    // An exited container's log is whole once two reads agree (ContainerLogCopy); they nearly always
    // do at once, the retries are for a read that caught the engine's last write. A container killed at
    // the pod's deadline is looked at for the last time too, exited or not.
    let last = run.hasTerminated || settle
    var readsAtTheEnd = 0
    for attempt in 0..<(last ? 10 : 1) where !run.log.isSettled {
      if attempt > 0 { try? await Task.sleep(for: .milliseconds(50)) }
      guard let text = try? await engine.containerLog(id: id) else { continue }
      fresh += run.log.take(Array(text.utf8), exited: last)
      readsAtTheEnd += 1
    }
    // From a read taken now, never from one of the running container's, whose last line may be cut.
    if last && readsAtTheEnd > 0 { fresh += run.log.settle() }
    guard !fresh.isEmpty else { return }
    let logKey = key + "/" + run.container.name
    let text = String(decoding: fresh, as: UTF8.self)
    mutate { state in
      state.logs[logKey, default: BuildLogStore(generation: configuration.generation)].append(text)
    }
  }

  /// The pod's status as the kubelet reports it from what the engine says.
  func podStatus(of pod: Pod, runs: [KubeletContainerRun], started: Int64, deadlineExceeded: Bool)
    -> PodStatus
  {
    let statuses = runs.map(Self.containerStatus)
    let phase: String
    if runs.allSatisfy(\.hasTerminated) && !runs.isEmpty {
      phase = statuses.allSatisfy { $0.state?.terminated?.exitCode == 0 } ? "Succeeded" : "Failed"
    } else if deadlineExceeded {
      phase = "Failed"
    } else if statuses.contains(where: { $0.state?.running != nil || $0.state?.terminated != nil }) {
      phase = "Running"
    } else {
      phase = "Pending"
    }
    let hostIP = state.withLock { nodeIP(pod.spec.nodeName, in: $0) }
    var status = PodStatus(
      phase: phase, podIP: phase == "Pending" ? nil : hostIP, hostIP: hostIP,
      startTime: ClusterClock.rfc3339(seconds: started), containerStatuses: statuses, qosClass: "BestEffort")
    if deadlineExceeded {
      status.phase = "Failed"
      status.reason = "DeadlineExceeded"
      status.message = "Pod was active on the node longer than the specified deadline"
    }
    return status
  }

  static func containerStatus(_ run: KubeletContainerRun) -> ContainerStatus {
    let image = run.container.image ?? ""
    var status = ContainerStatus(
      name: run.container.name, ready: false, restartCount: 0, image: image,
      imageID: run.id == nil ? "" : run.imageID,
      containerID: run.id.map { "docker://" + $0 })
    let startedAt = run.state?.startedAt.flatMap(Self.kubernetesTime)
    if let startError = run.startError {
      // The runtime made the container but could not start it (no such executable, …).
      let finished = run.state?.finishedAt.flatMap(Self.kubernetesTime)
      status.state = ContainerState(
        terminated: .init(
          exitCode: Int32(clamping: run.state.map { $0.exitCode == 0 ? 128 : $0.exitCode } ?? 128),
          reason: "StartError", message: startError, startedAt: startedAt,
          finishedAt: finished ?? ClusterClock.rfc3339(seconds: ClusterClock.nowSeconds()),
          containerID: status.containerID))
    } else if let state = run.state, state.hasExited {
      let reason = state.oomKilled ? "OOMKilled" : state.exitCode == 0 ? "Completed" : "Error"
      status.state = ContainerState(
        terminated: .init(
          exitCode: Int32(clamping: state.exitCode), reason: reason,
          message: state.error.isEmpty ? nil : state.error, startedAt: startedAt,
          finishedAt: state.finishedAt.flatMap(Self.kubernetesTime), containerID: status.containerID))
    } else if let state = run.state, state.running || startedAt != nil {
      // Between running and exited podman passes through `stopping`/`stopped`: still running to a kubelet.
      status.ready = true
      status.state = ContainerState(running: .init(startedAt: startedAt))
    } else {
      status.state = ContainerState(waiting: run.waiting)
    }
    status.lastState = ContainerState()
    return status
  }

  /// An engine time (`2026-12-04T22:53:00.123456789Z`, zero `0001-01-01…` when unset) as Kubernetes
  /// writes times: whole seconds, UTC.
  static func kubernetesTime(_ text: String) -> String? {
    guard !text.hasPrefix("0001-"), let seconds = ClusterClock.parseSeconds(text) else { return nil }
    return ClusterClock.rfc3339(seconds: seconds)
  }

  /// Saves the status if the pod is still the one the run is for; false once it is gone.
  private func publish(_ status: PodStatus, key: String, uid: String) -> Bool {
    mutate { state in
      guard case .pod(var pod)? = state.objects[.pods]?[key], pod.metadata.uid == uid else { return false }
      guard pod.status != status else { return true }
      pod.status = status
      _ = save(.pod(pod), kind: .pods, in: &state)
      return true
    }
  }
}

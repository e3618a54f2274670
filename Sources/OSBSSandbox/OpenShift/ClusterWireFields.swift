import Foundation
import OSBSKit

/// The fields real nodes and pods carry beyond what osbsctl reads, era by era, as the recordings in
/// shared/reference/openshift-wire show them: node pressures, capacity, nodeInfo; pod conditions,
/// container statuses and QoS class.
extension ClusterGeneration {
  /// A kubelet's node conditions: Ready alone on Kubernetes 1.0; OutOfDisk, MemoryPressure, DiskPressure
  /// on 3.x (extra/kubeclient/node_notice.json, a 3.7 node); MemoryPressure, DiskPressure, PIDPressure
  /// today (extra/insights, 4.7 nodes). Ready comes last, as kubelets write it.
  func nodeConditions(at time: String) -> [NodeCondition] {
    func condition(_ type: String, _ reason: String, _ message: String) -> NodeCondition {
      NodeCondition(
        type: type, status: "False", reason: reason, message: message, lastHeartbeatTime: time,
        lastTransitionTime: time)
    }
    let ready = NodeCondition(
      type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status",
      lastHeartbeatTime: time, lastTransitionTime: time)
    let memory = condition(
      "MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available")
    let disk = condition("DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure")
    switch self {
    case .legacy:
      return [ready]
    case .v3:
      return [
        condition("OutOfDisk", "KubeletHasSufficientDisk", "kubelet has sufficient disk space available"),
        memory,
        disk, ready,
      ]
    case .current:
      return [
        memory, disk,
        condition("PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        ready,
      ]
    }
  }

  /// `status.capacity`: cpu, memory and pods on every era; ephemeral storage and huge pages today.
  var nodeCapacity: [String: String] {
    var capacity = ["cpu": "8", "memory": "32779820Ki", "pods": self == .current ? "250" : "110"]
    if self == .current {
      capacity.merge(["ephemeral-storage": "125293548Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0"]) { $1 }
    }
    return capacity
  }

  /// `status.allocatable`: capacity less the system reservations (Kubernetes 1.0 reported none).
  var nodeAllocatable: [String: String]? {
    guard self != .legacy else { return nil }
    var allocatable = nodeCapacity
    allocatable["cpu"] = "7500m"
    allocatable["memory"] = "31629356Ki"
    if self == .current { allocatable["ephemeral-storage"] = "115470533646" }
    return allocatable
  }

  func nodeInfo(index: Int) -> NodeSystemInfo {
    let id = String(format: "%08x", index &* 2_654_435_761 & 0xffff_ffff)
    let kubelet = version.gitVersion
    switch self {
    case .legacy, .v3:
      return NodeSystemInfo(
        kubeletVersion: kubelet, osImage: "Red Hat Enterprise Linux Server 7.5 (Maipo)",
        kernelVersion: "3.10.0-862.el7.x86_64", containerRuntimeVersion: "docker://1.13.1",
        architecture: self == .v3 ? "amd64" : nil, operatingSystem: self == .v3 ? "linux" : nil,
        kubeProxyVersion: kubelet, machineID: String(repeating: id, count: 4),
        systemUUID: "\(id.uppercased())-0000-0000-0000-000000000000",
        bootID: "\(id)-b007-4000-8000-000000000000")
    case .current:
      return NodeSystemInfo(
        kubeletVersion: kubelet, osImage: "Fedora CoreOS 40", kernelVersion: "6.8.5-301.fc40.x86_64",
        containerRuntimeVersion: "cri-o://1.30.0", architecture: "amd64", operatingSystem: "linux",
        kubeProxyVersion: kubelet, machineID: String(repeating: id, count: 4),
        systemUUID: "\(id)-0000-0000-0000-000000000000", bootID: "\(id)-b007-4000-8000-000000000000")
    }
  }

  /// Kubernetes 1.12 and later taint a cordoned node `node.kubernetes.io/unschedulable:NoSchedule`
  /// (TaintNodesByCondition); 3.x and older servers do not.
  var taintsUnschedulableNodes: Bool { self == .current }

  /// The pod conditions a kubelet writes for a pod in `phase`: Ready alone on Kubernetes 1.0;
  /// Initialized, Ready, PodScheduled on 3.x (v3.9.41-2018/pods.json); ContainersReady as well today.
  /// Finished pods say `PodCompleted`, as kubelets do.
  func podConditions(phase: String, container: String, scheduled: String, changed: String) -> [PodCondition] {
    let finished = phase == "Succeeded" || phase == "Failed"
    let running = phase == "Running"
    let notReady = finished ? "PodCompleted" : "ContainersNotReady"
    let notReadyMessage = finished ? nil : "containers with unready status: [\(container)]"
    let ready = PodCondition(
      type: "Ready", status: running ? "True" : "False", reason: running ? nil : notReady,
      message: running ? nil : notReadyMessage, lastTransitionTime: changed)
    switch self {
    case .legacy:
      return [ready]
    case .v3, .current:
      var conditions = [
        PodCondition(
          type: "Initialized", status: "True", reason: finished ? "PodCompleted" : nil,
          lastTransitionTime: scheduled),
        ready,
      ]
      if self == .current {
        conditions.append(
          PodCondition(
            type: "ContainersReady", status: running ? "True" : "False", reason: running ? nil : notReady,
            message: running ? nil : notReadyMessage, lastTransitionTime: changed))
      }
      conditions.append(PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: scheduled))
      return conditions
    }
  }

  /// What a container runtime of the era names a container and an image by.
  var containerIDScheme: String { self == .current ? "cri-o://" : "docker://" }
}

extension OpenShiftCluster {
  /// Fills a pod's status as the kubelet reports it in its current phase: conditions, one status per
  /// container (waiting to be created, running, or terminated with exit code 0 or 1) and the QoS class.
  func kubeletStatus(of pod: Pod, now: Int64) -> Pod {
    var pod = pod
    let generation = configuration.generation
    let phase = pod.status.phase ?? "Pending"
    let time = ClusterClock.rfc3339(seconds: now)
    let scheduled = pod.metadata.creationTimestamp ?? time
    let containers = pod.spec.containers ?? []
    pod.status.conditions = generation.podConditions(
      phase: phase, container: containers.first?.name ?? "", scheduled: scheduled, changed: time)
    let seed = pod.metadata.name.utf8.reduce(UInt64(5381)) { ($0 &* 33) &+ UInt64($1) }
    let id = generation.containerIDScheme + String(repeating: String(format: "%016llx", seed), count: 4)
    let started = pod.status.startTime ?? time
    pod.status.containerStatuses = containers.map { container in
      let image = container.image ?? "\(container.name):latest"
      var status = ContainerStatus(
        name: container.name, ready: phase == "Running", restartCount: 0, image: image,
        imageID: generation == .current
          ? "\(image)@sha256:\(String(repeating: String(format: "%016llx", seed &+ 1), count: 4))"
          : "docker-pullable://\(image)", lastState: ContainerState())
      switch phase {
      case "Pending":
        status.state = ContainerState(waiting: .init(reason: "ContainerCreating"))
        status.imageID = ""
      case "Running":
        status.containerID = id
        status.state = ContainerState(running: .init(startedAt: started))
      default:
        status.containerID = id
        let succeeded = phase == "Succeeded"
        status.state = ContainerState(
          terminated: .init(
            exitCode: succeeded ? 0 : 1, reason: succeeded ? "Completed" : "Error", startedAt: started,
            finishedAt: time, containerID: id))
      }
      return status
    }
    // No container in the sandbox asks for resources.
    pod.status.qosClass = pod.status.qosClass ?? "BestEffort"
    return pod
  }
}

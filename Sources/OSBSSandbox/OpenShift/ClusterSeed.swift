import Foundation
import OSBSKit

extension OpenShiftCluster {
  static let seedBuildConfigs = ["fedora-toolbox-rawhide", "httpd-container-f40", "flatpak-runtime-main"]
  /// Seeded builds carry `koji-task-id` from here up, far from the sandbox hub's own task ids.
  static let seedKojiTaskBase = 900_000

  func seed(_ seed: Seed) {
    let generation = configuration.generation
    let now = ClusterClock.nowSeconds()
    mutate { state in
      if seed.nodes > 0 {
        let daemonSet = ClusterDaemonSet(
          namespace: "openshift-sdn", name: "sdn", uid: UUID().uuidString.lowercased(),
          creationTimestamp: ClusterClock.rfc3339(seconds: now - 86_400 * 40), labels: ["app": "sdn"],
          image: "registry.example.org/openshift/node:v3.9")
        state.daemonSets[daemonSet.key] = daemonSet
      }
      for index in 1...max(1, seed.nodes) where seed.nodes > 0 {
        let name = String(format: "osbs-node%02d", index)
        let created = ClusterClock.rfc3339(seconds: ClusterClock.nowSeconds() - 86_400 * Int64(30 + index))
        let ip = "10.0.0.\(10 + index)"
        let node = Node(
          metadata: ObjectMeta(
            name: name, creationTimestamp: created,
            labels: [
              "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
              "node-role.kubernetes.io/worker": "", "osbs/build-node": "true",
            ], annotations: ["volumes.kubernetes.io/controller-managed-attach-detach": "true"]),
          spec: NodeSpec(podCIDR: "10.128.\(index).0/24", externalID: generation == .current ? nil : name),
          status: NodeStatus(
            conditions: generation.nodeConditions(at: created),
            addresses: [
              NodeAddress(type: "InternalIP", address: ip), NodeAddress(type: "Hostname", address: name),
            ],
            nodeInfo: generation.nodeInfo(index: index), capacity: generation.nodeCapacity,
            allocatable: generation.nodeAllocatable,
            daemonEndpoints: NodeDaemonEndpoints(kubeletEndpoint: .init(port: 10250))))
        _ = save(.node(node), kind: .nodes, type: "ADDED", in: &state)
        let sdn = Pod(
          metadata: ObjectMeta(
            name: "sdn-\(String(format: "%05x", index * 7919))", namespace: "openshift-sdn",
            creationTimestamp: created, labels: ["app": "sdn"],
            ownerReferences: [
              OwnerReference(
                apiVersion: "apps/v1", kind: "DaemonSet", name: "sdn", controller: true,
                blockOwnerDeletion: true)
            ], generateName: "sdn-"),
          spec: PodSpec(
            nodeName: name, hostNetwork: true,
            containers: [PodSpec.Container(name: "sdn", image: "registry.example.org/openshift/node:v3.9")],
            restartPolicy: "Always", dnsPolicy: "ClusterFirst", serviceAccount: "sdn",
            serviceAccountName: "sdn",
            schedulerName: "default-scheduler", terminationGracePeriodSeconds: 30),
          status: PodStatus(phase: "Running", podIP: ip, hostIP: ip, startTime: created))
        _ = save(.pod(kubeletStatus(of: sdn, now: now)), kind: .pods, type: "ADDED", in: &state)
        if index == 1 {
          let console = Pod(
            metadata: ObjectMeta(
              name: "registry-console-1-x7k2p", namespace: "default", creationTimestamp: created,
              labels: ["app": "registry-console"],
              ownerReferences: [
                OwnerReference(
                  apiVersion: "v1", kind: "ReplicationController", name: "registry-console-1",
                  controller: true, blockOwnerDeletion: true)
              ], generateName: "registry-console-1-"),
            spec: PodSpec(
              nodeName: name, containers: [PodSpec.Container(name: "registry-console")],
              restartPolicy: "Always",
              dnsPolicy: "ClusterFirst", serviceAccount: "default", serviceAccountName: "default",
              schedulerName: "default-scheduler", terminationGracePeriodSeconds: 30),
            status: PodStatus(phase: "Running", podIP: "10.128.1.5", hostIP: ip, startTime: created))
          _ = save(.pod(kubeletStatus(of: console, now: now)), kind: .pods, type: "ADDED", in: &state)
        }
      }
      // A cluster without the build API has no Builds to show.
      guard configuration.era != .absent else { return }
      var task = Self.seedKojiTaskBase
      var configIndex = 0
      let order: [BuildPhase] = [.complete, .failed, .error, .cancelled, .running, .pending, .new]
      for _ in 0..<seed.buildsPerPhase {
        for phase in order {
          task += 1
          let config = Self.seedBuildConfigs[configIndex % Self.seedBuildConfigs.count]
          configIndex += 1
          // A build that fails or is cancelled ran first: its log is there when it ends (a failure's
          // logSnippet is the log's tail).
          let endsLater = phase == .cancelled || phase == .failed || phase == .error
          let build = createBuild(
            BuildRequest(buildConfig: config, kojiTaskID: task, phase: endsLater ? .running : phase),
            in: &state)
          if phase != .new && phase != .pending {
            state.logs[ClusterObject.key(namespace: build.metadata.namespace, name: build.metadata.name)]?
              .append(
                Self.sampleLog(build: build.metadata.name, phase: phase))
          }
          if endsLater {
            _ = setPhase(phase, of: build, node: nil, in: &state)
          }
        }
      }
      for _ in 0..<seed.extraCompleteBuilds {
        task += 1
        let config = Self.seedBuildConfigs[configIndex % Self.seedBuildConfigs.count]
        configIndex += 1
        _ = createBuild(BuildRequest(buildConfig: config, kojiTaskID: task, phase: .complete), in: &state)
      }
    }
  }

  static func sampleLog(build: String, phase: BuildPhase) -> String {
    var lines = [
      "2026-01-01 00:00:00,000 platform:- - atomic_reactor.inner - INFO - building image for \(build)",
      "2026-01-01 00:00:01,000 platform:- - atomic_reactor.plugin - INFO - running plugin reactor_config",
      "2026-01-01 00:00:02,000 platform:- - atomic_reactor.plugin - INFO - running plugin pull_base_image",
      "STEP 1/3: FROM registry.fedoraproject.org/fedora:rawhide",
      "STEP 2/3: RUN dnf -y install toolbox && dnf clean all",
      "STEP 3/3: LABEL com.redhat.component=\(build)",
    ]
    switch phase {
    case .complete:
      lines.append("2026-01-01 00:05:00,000 platform:- - atomic_reactor.inner - INFO - build succeeded")
    case .failed, .error:
      lines.append("2026-01-01 00:03:00,000 platform:- - atomic_reactor.inner - ERROR - build failed")
    case .cancelled:
      lines.append("2026-01-01 00:02:00,000 platform:- - atomic_reactor.inner - WARNING - build cancelled")
    default: break
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

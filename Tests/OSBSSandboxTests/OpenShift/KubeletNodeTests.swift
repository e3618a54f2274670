import Foundation
import OSBSKit
import Testing

@testable import OSBSSandbox

@Suite struct KubeletNodeTests {
  @Test func parsesTheFlagsForms() throws {
    #expect(try KubeletNode(parsing: "n1=/run/a.sock") == KubeletNode(node: "n1", socket: "/run/a.sock"))
    #expect(
      try KubeletNode(parsing: "n1=unix:///run/a.sock,root=/srv/n1")
        == KubeletNode(node: "n1", socket: "/run/a.sock", root: "/srv/n1"))
    for bad in ["n1", "=/a.sock", "n1=a.sock", "n1=/a.sock,root=rel", "n1=/a.sock,bogus=1"] {
      #expect(throws: KubeletNode.ParseError.self, "\(bad)") { try KubeletNode(parsing: bad) }
    }
  }

  static func pod(_ container: PodSpec.Container, volumes: [PodVolume]? = nil) -> Pod {
    Pod(
      metadata: ObjectMeta(name: "p", namespace: "ns", uid: "u-1"),
      spec: PodSpec(
        nodeName: "n1", containers: [container], volumes: volumes,
        securityContext: PodSecurityContext(runAsUser: 1000, runAsGroup: 2000)),
      status: PodStatus())
  }

  @Test func theContainerCreateCallCarriesWhatThePodSays() throws {
    let container = PodSpec.Container(
      name: "main", image: "img:1", command: ["/bin/sh", "-c"], args: ["echo $A"],
      env: [EnvVar(name: "A", value: "b"), EnvVar(name: "EMPTY")], workingDir: "/work",
      securityContext: ContainerSecurityContext(privileged: true, runAsUser: 7))
    let plan = try KubeletContainerPlan.make(
      pod: Self.pod(container), container: container, node: KubeletNode(node: "n1", socket: "/s"),
      instance: "i")
    #expect(plan.name == "k8s_main_p_ns_u-1_0")
    #expect(plan.spec.entrypoint == ["/bin/sh", "-c"] && plan.spec.command == ["echo $A"])
    #expect(plan.spec.environment == ["A=b", "EMPTY="])
    #expect(plan.spec.workingDirectory == "/work")
    // The container's runAsUser wins over the pod's; the pod's group applies.
    #expect(plan.spec.user == "7:2000")
    #expect(plan.spec.privileged && plan.spec.networkMode == "host")
    #expect(plan.spec.labels["io.kubernetes.pod.uid"] == "u-1")
    #expect(plan.spec.labels["io.osbs.sandbox.instance"] == "i")
  }

  @Test func hostPathIsMappedUnderTheRootAndNeverOutsideIt() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("kubelet-root-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: root) }
    let container = PodSpec.Container(
      name: "main", image: "img:1",
      volumeMounts: [VolumeMount(name: "v", mountPath: "/data", readOnly: true, subPath: "sub")])
    let made = try KubeletContainerPlan.make(
      pod: Self.pod(container, volumes: [PodVolume(name: "v", hostPath: .init(path: "/var/lib/x"))]),
      container: container, node: KubeletNode(node: "n1", socket: "/s", root: root), instance: "i")
    #expect(made.spec.binds == ["\(root)/var/lib/x/sub:/data:ro"])
    // "" and DirectoryOrCreate make the directory, as the runtime would.
    #expect(FileManager.default.fileExists(atPath: root + "/var/lib/x"))

    let escape = PodSpec.Container(
      name: "main", image: "img:1", volumeMounts: [VolumeMount(name: "v", mountPath: "/d")])
    #expect(throws: KubeletContainerPlan.Refusal.self) {
      try KubeletContainerPlan.make(
        pod: Self.pod(escape, volumes: [PodVolume(name: "v", hostPath: .init(path: "/../etc"))]),
        container: escape, node: KubeletNode(node: "n1", socket: "/s", root: root), instance: "i")
    }
    #expect(throws: KubeletContainerPlan.Refusal.self) {
      try KubeletContainerPlan.make(
        pod: Self.pod(escape, volumes: [PodVolume(name: "v", emptyDir: .init())]),
        container: escape, node: KubeletNode(node: "n1", socket: "/s", root: root), instance: "i")
    }
  }

  @Test func pullPolicyDefaultsByTag() {
    #expect(OpenShiftCluster.defaultPullPolicy("busybox") == "Always")
    #expect(OpenShiftCluster.defaultPullPolicy("localhost/busybox:latest") == "Always")
    #expect(OpenShiftCluster.defaultPullPolicy("localhost:5000/busybox") == "Always")
    #expect(OpenShiftCluster.defaultPullPolicy("localhost:5000/busybox:1.36") == "IfNotPresent")
    #expect(OpenShiftCluster.defaultPullPolicy("busybox@sha256:abc") == "IfNotPresent")
  }
}

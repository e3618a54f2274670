import Foundation
import Testing
import Yams

@testable import OSBSKit

/// `deploy/fleet-scc.yaml` admits every pod the fleet makes, and only such pods. No OpenShift runs here,
/// so the constraints' rules for the fields the fleet's pods use are checked as the SCC admission plugin
/// applies them (each field's documented strategy), and the checker is shown to refuse what the file
/// must not allow.
@Suite struct FleetSCCTests {
  static let file = SelfContainedFixturesTests.repositoryRoot.appendingPathComponent("deploy/fleet-scc.yaml")

  static func documents() throws -> [[String: Any]] {
    let text = try String(contentsOf: file, encoding: .utf8)
    return try Yams.load_all(yaml: text).compactMap { $0 as? [String: Any] }
  }

  /// What the SCC admission plugin would say about `pod` (a pod's JSON object); empty when admitted.
  struct Constraints {
    let scc: [String: Any]

    func refusals(of pod: [String: Any]) -> [String] {
      var refusals: [String] = []
      let spec = pod["spec"] as? [String: Any] ?? [:]
      if spec["hostNetwork"] as? Bool == true, scc["allowHostNetwork"] as? Bool != true {
        refusals.append("host network")
      }
      for flag in ["hostPID", "hostIPC"] where spec[flag] as? Bool == true {
        refusals.append(flag)
      }
      let allowedVolumes = Set(scc["volumes"] as? [String] ?? [])
      for volume in spec["volumes"] as? [[String: Any]] ?? [] {
        guard let kind = volume.keys.first(where: { $0 != "name" }) else { continue }
        if !allowedVolumes.contains(kind) && !allowedVolumes.contains("*") {
          refusals.append("volume type \(kind)")
        }
        if kind == "hostPath", scc["allowHostDirVolumePlugin"] as? Bool != true {
          refusals.append("hostPath volumes")
        }
      }
      if spec["automountServiceAccountToken"] as? Bool != false && !allowedVolumes.contains("projected") {
        refusals.append("the service account token's projected volume")
      }
      for container in spec["containers"] as? [[String: Any]] ?? [] {
        refusals += containerRefusals(container["securityContext"] as? [String: Any] ?? [:])
      }
      return refusals
    }

    private func containerRefusals(_ security: [String: Any]) -> [String] {
      var refusals: [String] = []
      if security["privileged"] as? Bool == true, scc["allowPrivilegedContainer"] as? Bool != true {
        refusals.append("privileged")
      }
      if scc["allowPrivilegeEscalation"] as? Bool == false,
        security["allowPrivilegeEscalation"] as? Bool == true
      {
        refusals.append("privilege escalation")
      }
      if scc["readOnlyRootFilesystem"] as? Bool == true, security["readOnlyRootFilesystem"] as? Bool == false
      {
        refusals.append("a writable root file system")
      }
      let capabilities = security["capabilities"] as? [String: Any] ?? [:]
      let dropped = Set(capabilities["drop"] as? [String] ?? [])
      for required in scc["requiredDropCapabilities"] as? [String] ?? []
      where !dropped.contains(required) && !dropped.contains("ALL") {
        refusals.append("capability \(required) not dropped")
      }
      let allowed = Set(scc["allowedCapabilities"] as? [String] ?? [])
      for added in capabilities["add"] as? [String] ?? []
      where !allowed.contains(added) && !allowed.contains("*") {
        refusals.append("capability \(added) added")
      }
      let runAsUser = scc["runAsUser"] as? [String: Any] ?? [:]
      let uid = security["runAsUser"] as? Int
      switch runAsUser["type"] as? String {
      case "RunAsAny": break
      case "MustRunAs":
        if let uid, uid != runAsUser["uid"] as? Int { refusals.append("uid \(uid)") }
      case "MustRunAsNonRoot":
        if uid == 0 { refusals.append("uid 0") }
      default:
        // MustRunAsRange: the namespace's range, which never holds root.
        if uid == 0 { refusals.append("uid 0 outside the namespace's range") }
      }
      let seLinux = scc["seLinuxContext"] as? [String: Any] ?? [:]
      if seLinux["type"] as? String == "MustRunAs" {
        let wanted = (seLinux["seLinuxOptions"] as? [String: Any])?["type"] as? String
        let asked = (security["seLinuxOptions"] as? [String: Any])?["type"] as? String
        if let asked, asked != wanted { refusals.append("SELinux type \(asked)") }
      }
      return refusals
    }
  }

  static func fleetPods() throws -> [(FleetTask, [String: Any])] {
    let client = OpenShiftClient(
      http: try HTTPClient(configuration: HTTPClientConfiguration()), baseURL: "http://127.0.0.1:1",
      namespace: "osbsctl-fleet")
    let probe = try NetworkProbeRequest(
      target: ProbeTarget(url: "https://fedoraproject.org/"), image: "buildroot:latest", timeout: .seconds(10)
    )
    return try [FleetTask.prune, .disk, .ovsCheck, .probe].map { task in
      let request = try FleetRequest(task: task, image: "registry.example.com/osbsctl:1", probe: probe)
      let manifest = FleetRun(client: client, request: request).manifest(node: "node-a", livePods: nil)
      let data = try JSONEncoder().encode(manifest)
      return (task, try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
    }
  }

  @Test func theConstraintsAdmitEveryFleetPod() throws {
    let documents = try Self.documents()
    let scc = try #require(documents.first { $0["kind"] as? String == "SecurityContextConstraints" })
    let constraints = Constraints(scc: scc)
    for (task, pod) in try Self.fleetPods() {
      #expect(constraints.refusals(of: pod).isEmpty, "\(task): \(constraints.refusals(of: pod))")
      let container = try #require((pod["spec"] as? [String: Any])?["containers"] as? [[String: Any]]).first
      let seLinux = (container?["securityContext"] as? [String: Any])?["seLinuxOptions"] as? [String: Any]
      #expect(seLinux?["type"] as? String == "spc_t", "\(task)")
    }
  }

  @Test func theConstraintsRefuseWhatAFleetPodDoesNotNeed() throws {
    let scc = try #require(
      try Self.documents().first { $0["kind"] as? String == "SecurityContextConstraints" })
    let constraints = Constraints(scc: scc)
    let (_, pod) = try #require(try Self.fleetPods().first { $0.0 == .prune })
    func altered(_ change: (inout [String: Any], inout [String: Any]) -> Void) -> [String: Any] {
      var pod = pod
      var spec = pod["spec"] as? [String: Any] ?? [:]
      var containers = spec["containers"] as? [[String: Any]] ?? []
      var security = containers[0]["securityContext"] as? [String: Any] ?? [:]
      change(&spec, &security)
      containers[0]["securityContext"] = security
      spec["containers"] = containers
      pod["spec"] = spec
      return pod
    }
    let cases: [(String, [String: Any])] = [
      ("privileged", altered { _, security in security["privileged"] = true }),
      ("escalation", altered { _, security in security["allowPrivilegeEscalation"] = true }),
      ("writable root", altered { _, security in security["readOnlyRootFilesystem"] = false }),
      (
        "a capability",
        altered { _, security in security["capabilities"] = ["add": ["SYS_ADMIN"], "drop": ["ALL"]] }
      ),
      ("capabilities kept", altered { _, security in security["capabilities"] = [String: Any]() }),
      ("another uid", altered { _, security in security["runAsUser"] = 1000 }),
      (
        "another SELinux type",
        altered { _, security in security["seLinuxOptions"] = ["type": "unconfined_t"] }
      ),
      ("host PID", altered { spec, _ in spec["hostPID"] = true }),
      (
        "an emptyDir",
        altered { spec, _ in spec["volumes"] = [["name": "scratch", "emptyDir": [String: Any]()]] }
      ),
      ("a token", altered { spec, _ in spec["automountServiceAccountToken"] = nil }),
    ]
    for (name, pod) in cases {
      #expect(!constraints.refusals(of: pod).isEmpty, "\(name) was admitted")
    }
  }

  /// Only the pods' own account may use the constraints, only in the fleet's namespace, and only these.
  @Test func onlyTheNamespacesDefaultAccountMayUseThem() throws {
    let documents = try Self.documents()
    let role = try #require(documents.first { $0["kind"] as? String == "Role" })
    let rules = try #require(role["rules"] as? [[String: Any]])
    #expect(rules.count == 1)
    #expect(rules.first?["apiGroups"] as? [String] == ["security.openshift.io"])
    #expect(rules.first?["resources"] as? [String] == ["securitycontextconstraints"])
    #expect(rules.first?["resourceNames"] as? [String] == ["osbsctl-fleet"])
    #expect(rules.first?["verbs"] as? [String] == ["use"])
    let binding = try #require(documents.first { $0["kind"] as? String == "RoleBinding" })
    let subjects = try #require(binding["subjects"] as? [[String: Any]])
    #expect(subjects.count == 1)
    #expect(subjects.first?["kind"] as? String == "ServiceAccount")
    #expect(subjects.first?["name"] as? String == "default")
    #expect(subjects.first?["namespace"] as? String == "osbsctl-fleet")
    let scc = try #require(documents.first { $0["kind"] as? String == "SecurityContextConstraints" })
    #expect((scc["users"] as? [Any])?.isEmpty == true && (scc["groups"] as? [Any])?.isEmpty == true)
  }
}

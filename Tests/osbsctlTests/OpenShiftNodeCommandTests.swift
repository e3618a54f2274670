import Foundation
import OSBSKit
import OSBSSandbox
import TestSupport
import Testing

@Suite("osbsctl node commands against the sandbox cluster")
struct OpenShiftNodeCommandTests {
  @Test func listShowsStatusRolesAndBuildPods() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let table = try await fixture.osbsctl("node", "list")
      #expect(table.exitCode == 0, "\(table.summary)")
      let lines = table.stdout.split(separator: "\n")
      #expect(lines.first?.hasPrefix("NAME") == true)
      #expect(lines.first?.contains("BUILD-PODS") == true)
      #expect(lines.count == 4)
      #expect(
        lines[1].split(separator: " ", omittingEmptySubsequences: true).prefix(3) == [
          "osbs-node01", "Ready", "worker",
        ])

      let json = try await fixture.osbsctl("node", "list", "-o", "json")
      let nodes = try #require(try json.json()["nodes"] as? [[String: Any]])
      #expect(nodes.compactMap { $0["name"] as? String } == ["osbs-node01", "osbs-node02", "osbs-node03"])
      // Running and Pending build pods are counted where they run; finished ones are not.
      var expected: [String: Int] = [:]
      for phase in [BuildPhase.running, .pending] {
        let pod = try #require(fixture.cluster.pod(named: try fixture.seeded(phase).podName))
        expected[try #require(pod.spec.nodeName), default: 0] += 1
      }
      for node in nodes {
        let name = try #require(node["name"] as? String)
        #expect(node["buildPodCount"] as? Int == expected[name, default: 0], "\(name)")
        #expect((node["buildPodIPs"] as? [String])?.count == expected[name, default: 0])
        #expect(node["status"] as? String == "Ready")
        #expect(node["schedulable"] as? Bool == true)
      }

      let selected = try await fixture.osbsctl(
        "node", "list", "-l", "kubernetes.io/hostname=osbs-node03", "-o", "name")
      #expect(selected.stdout == "node/osbs-node03\n")

      let wide = try await fixture.osbsctl("node", "list", "-o", "wide")
      #expect(wide.stdout.contains("10.0.0.11"))
    }
  }

  @Test func cordonAndUncordonShowInNodeListAndSayWhenNothingChanged() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let cordon = try await fixture.osbsctl("node", "cordon", "--confirm", "osbs-node02")
      #expect(cordon.exitCode == 0, "\(cordon.summary)")
      #expect(cordon.stdout == "node/osbs-node02 cordoned\n")
      #expect(fixture.cluster.node(named: "osbs-node02")?.isSchedulable == false)

      let again = try await fixture.osbsctl("node", "cordon", "osbs-node02", "osbs-node03", "--yes")
      #expect(again.stdout == "node/osbs-node02 already cordoned\nnode/osbs-node03 cordoned\n")

      let list = try await fixture.osbsctl("node", "list")
      let row = try #require(list.stdout.split(separator: "\n").first { $0.hasPrefix("osbs-node02 ") })
      #expect(row.contains("Ready,SchedulingDisabled"))
      let json = try await fixture.osbsctl("node", "list", "-o", "json")
      let nodes = try #require(try json.json()["nodes"] as? [[String: Any]])
      #expect(nodes.map { $0["schedulable"] as? Bool } == [true, false, false])

      let uncordon = try await fixture.osbsctl(
        "node", "uncordon", "osbs-node02", "osbs-node01", "-y", "-o", "json")
      #expect(uncordon.exitCode == 0)
      let changes = try #require(try uncordon.json()["nodes"] as? [[String: Any]])
      #expect(changes.map { $0["changed"] as? Bool } == [true, false])
      #expect(changes.map { $0["action"] as? String } == ["uncordon", "uncordon"])
      #expect(fixture.cluster.node(named: "osbs-node02")?.isSchedulable == true)

      let text = try await fixture.osbsctl("node", "uncordon", "osbs-node01", "--confirm")
      #expect(text.stdout == "node/osbs-node01 already uncordoned\n")
    }
  }

  @Test func cordonBySelectorAndDryRun() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let dry = try await fixture.osbsctl("node", "cordon", "--dry-run", "-l", "osbs/build-node=true")
      #expect(dry.exitCode == 0, "\(dry.summary)")
      #expect(
        dry.stdout
          == (1...3).map { "node/osbs-node0\($0) cordoned (server dry run)\n" }.joined())
      for index in 1...3 { #expect(fixture.cluster.node(named: "osbs-node0\(index)")?.isSchedulable == true) }

      let both = try await fixture.osbsctl("node", "cordon", "osbs-node01", "-l", "a=b")
      #expect(both.exitCode == 64)
      let contradiction = try await fixture.osbsctl("node", "cordon", "osbs-node01", "--confirm", "--dry-run")
      #expect(contradiction.exitCode == 64)
    }
  }

  @Test func missingNodesExitThree() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      for arguments in [
        ["node", "cordon", "--confirm", "no-such-node"], ["node", "uncordon", "--confirm", "no-such-node"],
        ["node", "pods", "no-such-node"], ["node", "drain", "no-such-node"],
      ] {
        let result = try await fixture.osbsctl(arguments)
        #expect(result.exitCode == 3, "\(arguments): \(result.summary)")
        #expect(result.stderr.contains(#"nodes "no-such-node" not found"#))
      }
    }
  }

  @Test func podsListsEveryPodOnTheNode() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let running = try fixture.seeded(.running)
      let pod = try #require(fixture.cluster.pod(named: running.podName))
      let node = try #require(pod.spec.nodeName)
      let json = try await fixture.osbsctl("node", "pods", node, "-o", "json")
      #expect(json.exitCode == 0, "\(json.summary)")
      let pods = try #require(try json.json()["pods"] as? [[String: Any]])
      let buildPod = try #require(pods.first { $0["name"] as? String == running.podName })
      #expect(buildPod["buildName"] as? String == running.metadata.name)
      #expect(buildPod["podIP"] as? String == pod.status.podIP)
      #expect(pods.contains { $0["namespace"] as? String == "openshift-sdn" })
    }
  }

  @Test func aSucceededPodShowsAsCompletedAsKubectlSays() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let complete = try fixture.seeded(.complete)
      let pod = try #require(fixture.cluster.pod(named: complete.podName))
      #expect(pod.status.phase == "Succeeded")
      let node = try #require(pod.spec.nodeName)
      let table = try await fixture.osbsctl("node", "pods", node)
      #expect(table.exitCode == 0, "\(table.summary)")
      let row = try #require(table.stdout.split(separator: "\n").first { $0.contains(complete.podName) })
      #expect(row.contains("Completed"), "\(row)")
      #expect(!row.contains("Succeeded"), "\(row)")
    }
  }

  @Test func drainPrintsThePlanUnlessConfirmed() async throws {
    let configuration = OpenShiftCluster.Configuration(seed: .init(nodes: 2, buildsPerPhase: 0))
    try await OpenShiftCLIFixture.run(configuration) { fixture in
      let cluster = fixture.cluster
      cluster.createBuild(.init(buildConfig: "drain", name: "drain-1", phase: .running, node: "osbs-node01"))
      let plan = try await fixture.osbsctl("node", "drain", "osbs-node01")
      #expect(plan.exitCode == 0, "\(plan.summary)")
      #expect(plan.stdout.contains("drain-1-build"))
      #expect(plan.stdout.contains("would evict"))
      #expect(plan.stdout.contains("DaemonSet"))
      #expect(plan.stderr.contains("--confirm"))
      #expect(cluster.node(named: "osbs-node01")?.isSchedulable == true)
      #expect(cluster.pod(named: "drain-1-build") != nil)

      let json = try await fixture.osbsctl("node", "drain", "osbs-node01", "--dry-run", "-o", "json")
      let report = try json.json()
      #expect(report["dryRun"] as? Bool == true)
      #expect((report["buildPods"] as? [[String: Any]])?.first?["buildName"] as? String == "drain-1")
      #expect((report["evicted"] as? [String])?.isEmpty == true)

      // Waiting for a build that does not finish: exit 8, the node stays cordoned, the build runs on.
      let waited = try await fixture.osbsctl(
        "node", "drain", "osbs-node01", "--confirm", "--wait-builds", "--timeout", "1s", "--interval", "200ms"
      )
      #expect(waited.exitCode == 8, "\(waited.summary)")
      #expect(waited.stderr.contains("drain-1-build"))
      #expect(cluster.node(named: "osbs-node01")?.isSchedulable == false)
      #expect(cluster.build(named: "drain-1")?.status.phase == .running)

      let drained = try await fixture.osbsctl(
        "node", "drain", "osbs-node01", "--confirm", "--evict-builds", "--interval", "0.2")
      #expect(drained.exitCode == 0, "\(drained.summary)")
      #expect(drained.stdout.hasSuffix("node/osbs-node01 drained\n"))
      #expect(cluster.pod(named: "drain-1-build") == nil)
      #expect(cluster.pod(named: "registry-console-1-x7k2p", namespace: "default") == nil)
    }
  }

  /// Issue 11, defect 9: the plan is on the screen before the question, and a confirmed drain waits for
  /// running builds unless `--evict-builds` says to kill them.
  @Test func drainShowsThePlanBeforeAskingAndWaitsForBuildsByDefault() async throws {
    let configuration = OpenShiftCluster.Configuration(seed: .init(nodes: 2, buildsPerPhase: 0))
    try await OpenShiftCLIFixture.run(configuration) { fixture in
      let cluster = fixture.cluster
      cluster.createBuild(.init(buildConfig: "drain", name: "drain-1", phase: .running, node: "osbs-node01"))
      // script(1) gives osbsctl a terminal for stdin, stdout and stderr; its transcript keeps their order.
      try FixtureError.requireTool("/usr/bin/script", debianPackage: "bsdutils")
      let osbsctl = try BuiltProducts.executable("osbsctl")
      let asked = try await fixture.cli.run(
        "/bin/sh",
        ["-c", "printf 'n\\n' | /usr/bin/script -qefc '\(osbsctl) node drain osbs-node01' /dev/null"],
        environment: ["OSBSCTL_CONFIG": fixture.configPath])
      let transcript = asked.stdout
      let shownPlan = try #require(transcript.range(of: "drain-1-build"), "\(transcript)")
      let question = try #require(transcript.range(of: "Drain node/osbs-node01? [y/N]"), "\(transcript)")
      #expect(shownPlan.lowerBound < question.lowerBound, "the plan comes first: \(transcript)")
      #expect(cluster.node(named: "osbs-node01")?.isSchedulable == true)
      // Declining ends drain as it ends cordon, uncordon and task cancel: nothing changed, exit 1.
      #expect(asked.exitCode == 1, "\(transcript)")
      #expect(
        transcript.contains("did not drain node/osbs-node01: not confirmed; nothing changed"),
        "\(transcript)")

      let plan = try await fixture.osbsctl("node", "drain", "osbs-node01", "-o", "json")
      #expect(try plan.json()["waitForBuilds"] as? Bool == true, "\(plan.summary)")

      // Confirmed without --evict-builds: the running build is waited for (exit 8 at the timeout), not killed.
      let waited = try await fixture.osbsctl(
        "node", "drain", "osbs-node01", "--confirm", "--timeout", "1s", "--interval", "0.2")
      #expect(waited.exitCode == 8, "\(waited.summary)")
      #expect(cluster.pod(named: "drain-1-build") != nil)
      #expect(cluster.build(named: "drain-1")?.status.phase == .running)

      // The drain doctor suggests for a node under memory pressure leaves the running build alone too.
      var node = try #require(cluster.node(named: "osbs-node01"))
      // The kubelet's MemoryPressure condition turns True (a node has one condition of each type).
      node.status.conditions =
        (node.status.conditions ?? []).filter { $0.type != "MemoryPressure" } + [
          NodeCondition(type: "MemoryPressure", status: "True", reason: "Sandbox", lastTransitionTime: nil)
        ]
      _ = cluster.addNode(node)
      let doctor = try await fixture.osbsctl("doctor", "--build", "drain-1", "-o", "json")
      let next = try #require(
        (try doctor.json()["verdict"] as? [String: Any])?["nextCommands"] as? [String], "\(doctor.summary)")
      let drain = try #require(next.first { $0.hasPrefix("osbsctl node drain osbs-node01") }, "\(next)")
      let suggested = drain.split(separator: " ").dropFirst().map(String.init)
      let followed = try await fixture.osbsctl(suggested + ["--timeout", "1s", "--interval", "0.2"])
      #expect(followed.exitCode == 8, "\(followed.summary)")
      #expect(cluster.pod(named: "drain-1-build") != nil)

      let evicted = try await fixture.osbsctl(
        "node", "drain", "osbs-node01", "--confirm", "--evict-builds", "--interval", "0.2")
      #expect(evicted.exitCode == 0, "\(evicted.summary)")
      #expect(cluster.pod(named: "drain-1-build") == nil)
    }
  }
}

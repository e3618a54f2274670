import Foundation
import OSBSKit
import OSBSSandbox
import Testing

@Suite("osbsctl build commands against the sandbox cluster")
struct OpenShiftBuildCommandTests {
  @Test func listShowsEveryBuildAsTableAndJSON() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let table = try await fixture.osbsctl("build", "list")
      #expect(table.exitCode == 0, "\(table.summary)")
      let lines = table.stdout.split(separator: "\n")
      #expect(lines.first?.hasPrefix("NAME") == true)
      #expect(lines.first?.contains("STATUS") == true)
      #expect(lines.count == 1 + 7)
      let complete = try fixture.seeded(.complete)
      let row = try #require(lines.first { $0.hasPrefix(complete.metadata.name + " ") })
      #expect(row.contains("Complete"))
      #expect(row.contains("900001"))

      let json = try await fixture.osbsctl("build", "list", "-o", "json")
      #expect(json.exitCode == 0, "\(json.summary)")
      let builds = try #require(try json.json()["builds"] as? [[String: Any]])
      #expect(builds.count == 7)
      #expect(
        Set(builds.compactMap { $0["phase"] as? String })
          == ["New", "Pending", "Running", "Complete", "Failed", "Error", "Cancelled"])
      let first = try #require(builds.first { $0["name"] as? String == complete.metadata.name })
      #expect(first["taskId"] as? Int == 900_001)
      #expect(first["podName"] as? String == complete.podName)

      let running = try await fixture.osbsctl("build", "list", "--running", "-o", "json")
      let unfinished = try #require(try running.json()["builds"] as? [[String: Any]])
      #expect(Set(unfinished.compactMap { $0["phase"] as? String }) == ["New", "Pending", "Running"])

      let labelled = try await fixture.osbsctl("build", "list", "-l", "koji-task-id=900002", "-o", "name")
      #expect(labelled.stdout == "build/\(try fixture.seeded(.failed).metadata.name)\n")

      let everywhere = try await fixture.osbsctl("build", "list", "-A", "-o", "wide")
      #expect(everywhere.stdout.split(separator: "\n").first?.hasPrefix("NAMESPACE") == true)
      #expect(everywhere.stdout.split(separator: "\n").count == 8)
    }
  }

  @Test func listAcrossNamespacesShowsAndNamesTheNamespace() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let complete = try fixture.seeded(.complete)
      let table = try await fixture.osbsctl("build", "list", "-A")
      #expect(table.exitCode == 0, "\(table.summary)")
      let lines = table.stdout.split(separator: "\n")
      #expect(lines.first?.hasPrefix("NAMESPACE   NAME") == true, "\(table.stdout)")
      #expect(lines.count == 1 + 7)
      #expect(lines.contains { $0.hasPrefix("osbs ") && $0.contains(" \(complete.metadata.name) ") })

      let names = try await fixture.osbsctl("build", "list", "-A", "-o", "name")
      #expect(names.exitCode == 0)
      let nameLines = names.stdout.split(separator: "\n").map(String.init)
      #expect(nameLines.count == 7)
      #expect(nameLines.contains("osbs/build/\(complete.metadata.name)"), "\(names.stdout)")

      // Without -A the current namespace is implied: plain names and no NAMESPACE column, as before.
      let here = try await fixture.osbsctl("build", "list", "-o", "name")
      #expect(here.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("build/") })
      let plain = try await fixture.osbsctl("build", "list")
      #expect(plain.stdout.hasPrefix("NAME "))
      // JSON is the same report either way.
      let json = try await fixture.osbsctl("build", "list", "-A", "-o", "json")
      #expect((try json.json()["builds"] as? [[String: Any]])?.count == 7)
    }
  }

  @Test func getShowsOneBuildAndMissingOnesExitThree() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let failed = try fixture.seeded(.failed)
      let json = try await fixture.osbsctl("build", "get", failed.metadata.name, "-o", "json")
      #expect(json.exitCode == 0, "\(json.summary)")
      let object = try json.json()
      #expect(object["name"] as? String == failed.metadata.name)
      #expect(object["phase"] as? String == "Failed")
      #expect(object["namespace"] as? String == "osbs")

      let missing = try await fixture.osbsctl("build", "get", "no-such-build")
      #expect(missing.exitCode == 3)
      #expect(missing.stdout.isEmpty)
      #expect(missing.stderr.contains(#"builds.build.openshift.io "no-such-build" not found"#))

      for arguments in [
        ["build", "logs", "no-such-build"], ["build", "node", "no-such-build"],
        ["build", "watch", "no-such-build"], ["build", "cancel", "no-such-build"],
      ] {
        let result = try await fixture.osbsctl(arguments)
        #expect(result.exitCode == 3, "\(arguments): \(result.summary)")
      }
    }
  }

  @Test func logsPrintTheLogTextAndJSONLines() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let build = try fixture.seeded(.complete).metadata.name
      let text = fixture.cluster.logText(build: build)
      #expect(!text.isEmpty)
      let plain = try await fixture.osbsctl("build", "logs", build)
      #expect(plain.exitCode == 0, "\(plain.summary)")
      #expect(plain.stdout == text)

      let followed = try await fixture.osbsctl("build", "logs", "-f", build)
      #expect(followed.stdout == text)

      let json = try await fixture.osbsctl("build", "logs", build, "-o", "json")
      let events = try json.jsonLines()
      #expect(events.allSatisfy { $0["buildName"] as? String == build })
      #expect(events.compactMap { $0["line"] as? String } == text.split(separator: "\n").map(String.init))

      let stamped = try await fixture.osbsctl("build", "logs", "--timestamps", build)
      let firstLine = try #require(stamped.stdout.split(separator: "\n").first)
      #expect(LogTimestamp(firstLine.split(separator: " ")[0]) != nil)
      #expect(firstLine.hasSuffix(text.split(separator: "\n")[0]))
    }
  }

  /// A followed log of a build that is still writing, whose stream the cluster cuts mid-line twenty
  /// times: every line arrives exactly once, in order.
  @Test func followedLogSurvivesCutStreamsWithoutLosingOrRepeatingLines() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let cluster = fixture.cluster
      cluster.createBuild(.init(buildConfig: "cut-test", name: "cut-test-1", phase: .running))
      let lines = (1...20_000).map {
        "line \($0) of a long build log: " + String(repeating: "x", count: $0 % 97)
      }
      // Stamped 1 ms apart over twenty seconds in the past (about 110 kB a second), so a resume from
      // sinceTime (whole seconds) re-reads part of what was printed, and each cut still gets further.
      let start = Int64(Date().timeIntervalSince1970 - 60) * 1_000_000_000
      cluster.appendLog(
        build: "cut-test-1", lines.joined(separator: "\n") + "\n", startingAt: start,
        intervalNanoseconds: 1_000_000)
      cluster.cutLogStreams(afterBytes: 150_000, times: 20)

      async let result = fixture.osbsctl("build", "logs", "-f", "cut-test-1")
      // Once the first stream has been asked for and cut, what is appended arrives while following.
      try await fixture.waitForRequests(
        to: "/apis/build.openshift.io/v1/namespaces/osbs/builds/cut-test-1/log", count: 2)
      cluster.appendLog(build: "cut-test-1", "written while following\nlast line\n")
      try cluster.setBuildPhase(.complete, build: "cut-test-1")
      let followed = try await result

      #expect(followed.exitCode == 0, "\(followed.summary)")
      let expected = cluster.logText(build: "cut-test-1")
      #expect(expected.hasSuffix("last line\n"))
      let got = followed.stdout.split(separator: "\n", omittingEmptySubsequences: false)
      let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(got.count == want.count)
      #expect(followed.stdout == expected)
      let requests = await fixture.server.journal.all.filter { $0.path.hasSuffix("/builds/cut-test-1/log") }
      #expect(requests.count > 20, "the cuts should have forced resumes")
    }
  }

  @Test func watchReportsEachPhaseOnceAndExitsWithTheOutcome() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let cluster = fixture.cluster
      let done = try await fixture.osbsctl("build", "watch", try fixture.seeded(.complete).metadata.name)
      #expect(done.exitCode == 0, "\(done.summary)")
      #expect(done.stdout.hasSuffix(" Complete\n"))
      let failed = try await fixture.osbsctl("build", "watch", try fixture.seeded(.failed).metadata.name)
      #expect(failed.exitCode == 1)
      let cancelled = try await fixture.osbsctl(
        "build", "watch", try fixture.seeded(.cancelled).metadata.name)
      #expect(cancelled.exitCode == 1)

      cluster.createBuild(.init(buildConfig: "watch-test", name: "watch-test-1", phase: .pending))
      let collection = "/apis/build.openshift.io/v1/namespaces/osbs/builds"
      let before = await fixture.server.journal.all.filter { $0.path == collection }.count
      async let watching = fixture.osbsctl("build", "watch", "watch-test-1", "-o", "json")
      // The list and the watch request: changes from now on reach the watch.
      try await fixture.waitForRequests(to: collection, count: before + 2)
      // Each change is its own watch event, in order, however quickly they follow one another.
      try cluster.setBuildPhase(.running, build: "watch-test-1")
      try cluster.setBuildPhase(.running, build: "watch-test-1", message: "same phase, new version")
      try cluster.setBuildPhase(.failed, build: "watch-test-1", reason: "GenericBuildFailed")
      let watched = try await watching
      #expect(watched.exitCode == 1, "\(watched.summary)")
      let events = try watched.jsonLines()
      #expect(events.compactMap { $0["phase"] as? String } == ["Pending", "Running", "Failed"])
      #expect(events.map { $0["previousPhase"] as? String } == [nil, "Pending", "Running"])
      #expect(events.last?["reason"] as? String == "GenericBuildFailed")
      #expect(events.last?["final"] as? Bool == true)
    }
  }

  @Test func cancelSetsCancelledAndLeavesFinishedBuildsAlone() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let running = try fixture.seeded(.running).metadata.name
      let complete = try fixture.seeded(.complete).metadata.name
      let result = try await fixture.osbsctl("build", "cancel", running, complete)
      #expect(result.exitCode == 0, "\(result.summary)")
      #expect(result.stdout == "build/\(running) cancelled\nbuild/\(complete) already finished (Complete)\n")
      #expect(fixture.cluster.build(named: running)?.status.cancelled == true)
      #expect(fixture.cluster.build(named: complete)?.status.cancelled != true)

      let pending = try fixture.seeded(.pending).metadata.name
      let json = try await fixture.osbsctl("build", "cancel", pending, "no-such-build", "-o", "json")
      #expect(json.exitCode == 3)
      let outcomes = try #require(try json.json()["builds"] as? [[String: Any]])
      #expect(outcomes.count == 2)
      #expect(outcomes[0]["cancelled"] as? Bool == true)
      #expect(outcomes[1]["error"] as? String != nil)
      #expect(fixture.cluster.build(named: pending)?.status.cancelled == true)
    }
  }

  @Test func nodeOfABuildFollowsBuildToPodToNode() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let build = try fixture.seeded(.running)
      let pod = try #require(fixture.cluster.pod(named: build.podName))
      let nodeName = try #require(pod.spec.nodeName)
      let json = try await fixture.osbsctl("build", "node", build.metadata.name, "-o", "json")
      #expect(json.exitCode == 0, "\(json.summary)")
      let report = try json.json()
      #expect(report["nodeName"] as? String == nodeName)
      #expect(report["podName"] as? String == build.podName)
      #expect(report["podIP"] as? String == pod.status.podIP)
      #expect(report["nodeSchedulable"] as? Bool == true)
      #expect(report["nodeReady"] as? Bool == true)

      let table = try await fixture.osbsctl("build", "node", build.metadata.name)
      let row = try #require(table.stdout.split(separator: "\n").last)
      #expect(row.contains(nodeName))
      #expect(row.contains(try #require(pod.status.podIP)))
      #expect(row.hasSuffix("Ready"))

      let unscheduled = try await fixture.osbsctl(
        "build", "node", try fixture.seeded(.new).metadata.name, "-o", "json")
      #expect(unscheduled.exitCode == 0)
      #expect(try unscheduled.json()["nodeName"] == nil)
    }
  }

  @Test func forTaskFindsTheBuildByItsKojiTaskLabel() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let build = try fixture.seeded(.error)
      let result = try await fixture.osbsctl("build", "for-task", "900003", "-o", "json")
      #expect(result.exitCode == 0, "\(result.summary)")
      let report = try result.json()
      #expect(report["source"] as? String == "label")
      #expect(report["names"] as? [String] == [build.metadata.name])
      let table = try await fixture.osbsctl("build", "for-task", "900003")
      #expect(table.stdout.contains(build.metadata.name))
    }
  }

  @Test func legacyOnlyClusterServesTheSameCommands() async throws {
    try await OpenShiftCLIFixture.run(OpenShiftCluster.Configuration(era: .legacy)) { fixture in
      let build = try fixture.seeded(.complete).metadata.name
      let list = try await fixture.osbsctl("build", "list", "-o", "json")
      #expect(list.exitCode == 0, "\(list.summary)")
      #expect((try list.json()["builds"] as? [[String: Any]])?.count == 7)
      let logs = try await fixture.osbsctl("build", "logs", "-f", build)
      #expect(logs.stdout == fixture.cluster.logText(build: build))
      let node = try await fixture.osbsctl("build", "node", try fixture.seeded(.running).metadata.name)
      #expect(node.exitCode == 0, "\(node.summary)")
      let paths = await fixture.server.journal.all.map(\.path)
      #expect(paths.contains { $0.hasPrefix("/oapi/v1/namespaces/osbs/builds") })
      #expect(!paths.contains { $0.hasPrefix("/apis/build.openshift.io/v1/namespaces") })
    }
  }

  @Test func anExpiredTokenExitsFourAndSaysWhatToRenew() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      fixture.cluster.rotateToken("a-newer-token")
      let result = try await fixture.osbsctl("build", "list")
      #expect(result.exitCode == 4)
      #expect(result.stderr.contains("renew"))
      #expect(!result.stderr.contains("sandbox-admin-token"))
    }
  }
}

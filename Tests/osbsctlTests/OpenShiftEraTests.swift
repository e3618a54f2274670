import Foundation
import OSBSKit
import OSBSSandbox
import Testing

/// The commands against clusters that answer as each era's API server did (shared/reference/
/// openshift-wire/README.md): what old servers ignore must not turn a dry run into a change, a log
/// into two copies, or an expired list token into "not found".
@Suite("OpenShift eras")
struct OpenShiftEraTests {
  static func cluster(_ generation: ClusterGeneration) -> OpenShiftCluster.Configuration {
    OpenShiftCluster.Configuration(generation: generation)
  }

  /// Every dry run of every command leaves the server as it was, in every era.
  @Test(arguments: ClusterGeneration.allCases)
  func dryRunsChangeNothingInAnyEra(_ generation: ClusterGeneration) async throws {
    try await OpenShiftCLIFixture.run(Self.cluster(generation)) { fixture in
      // A node to uncordon: cordoned for real first.
      let cordoned = try await fixture.osbsctl("node", "cordon", "osbs-node03", "--confirm")
      #expect(cordoned.exitCode == 0, "\(cordoned.summary)")
      let pods = fixture.cluster.pods().count

      let cordon = try await fixture.osbsctl("node", "cordon", "osbs-node01", "--dry-run")
      #expect(cordon.exitCode == 0, "\(cordon.summary)")
      let uncordon = try await fixture.osbsctl("node", "uncordon", "osbs-node03", "--dry-run", "-o", "json")
      #expect(uncordon.exitCode == 0, "\(uncordon.summary)")
      let drain = try await fixture.osbsctl("node", "drain", "osbs-node02")
      #expect(drain.exitCode == 0, "\(drain.summary)")

      #expect(fixture.cluster.node(named: "osbs-node01")?.isSchedulable == true, "cordon --dry-run cordoned")
      #expect(
        fixture.cluster.node(named: "osbs-node03")?.isSchedulable == false, "uncordon --dry-run uncordoned")
      #expect(fixture.cluster.node(named: "osbs-node02")?.isSchedulable == true, "a drain preview cordoned")
      #expect(fixture.cluster.pods().count == pods, "a drain preview evicted")

      // Only a server that honours dryRun is sent one; the output says which kind of dry run it was.
      let kind = generation == .current ? "server" : "client"
      #expect(
        cordon.stdout.contains(kind == "server" ? "(server dry run)" : "cordoned (dry run)"),
        "\(cordon.stdout)")
      let change = try #require((try uncordon.json()["nodes"] as? [[String: Any]])?.first)
      #expect(change["dryRunKind"] as? String == kind)
      let patches = await fixture.server.journal.all.filter { $0.method == "PATCH" }
      // The real cordon, and with a server dry run the three previews (cordon, uncordon, drain's cordon).
      #expect(patches.count == (generation == .current ? 4 : 1), "\(patches.map(\.path))")
    }
  }

  /// A drain removes pods the way the server allows: Eviction `policy/v1` today, `policy/v1beta1` on 3.x
  /// (which answers `policy/v1` with 400), a plain delete where there is no eviction API at all.
  @Test(arguments: ClusterGeneration.allCases)
  func drainRemovesPodsAsTheServerAllows(_ generation: ClusterGeneration) async throws {
    try await OpenShiftCLIFixture.run(Self.cluster(generation)) { fixture in
      _ = fixture.cluster.addPod(
        Pod(
          metadata: ObjectMeta(name: "app-1", namespace: "apps"),
          spec: PodSpec(
            nodeName: "osbs-node01", containers: [PodSpec.Container(name: "app", image: "app:1")]),
          status: PodStatus(phase: "Running", podIP: "10.129.0.9")))
      let preview = try await fixture.osbsctl("node", "drain", "osbs-node01")
      let method =
        switch generation {
        case .current: "eviction (policy/v1)"
        case .v3: "eviction (policy/v1beta1)"
        case .legacy: "delete (the server has no eviction API)"
        }
      #expect(preview.stdout.contains("Pods are removed by \(method)."), "\(preview.stdout)")

      let drain = try await fixture.osbsctl(
        "node", "drain", "osbs-node01", "--confirm", "--evict-builds", "--timeout", "30s", "--interval",
        "0.1",
        "-o", "json")
      #expect(drain.exitCode == 0, "\(drain.summary)")
      #expect(try drain.json()["podRemoval"] as? String == method)
      #expect(fixture.cluster.pod(named: "app-1", namespace: "apps") == nil)
      #expect(fixture.cluster.node(named: "osbs-node01")?.isSchedulable == false)
      let requests = await fixture.server.journal.all
      let evictions = requests.filter { $0.method == "POST" && $0.path.hasSuffix("/eviction") }
      let deletes = requests.filter { $0.method == "DELETE" && $0.path.contains("/pods/") }
      #expect(
        generation == .legacy ? evictions.isEmpty && !deletes.isEmpty : !evictions.isEmpty && deletes.isEmpty)
    }
  }

  /// A finished build whose log's last line has no newline: printed whole, at once, in every era.
  @Test(arguments: ClusterGeneration.allCases)
  func followedLogEndsWithAnUnterminatedLine(_ generation: ClusterGeneration) async throws {
    try await OpenShiftCLIFixture.run(Self.cluster(generation)) { fixture in
      let text = "step 1\nstep 2\nfinal line without a newline"
      try fixture.finishedBuild("era-1", log: text)

      let followed = try await fixture.osbsctl("build", "logs", "-f", "era-1")
      #expect(followed.exitCode == 0, "\(followed.summary)")
      #expect(followed.stdout == text)
      let whole = try await fixture.osbsctl("build", "logs", "era-1")
      #expect(whole.stdout == text)
    }
  }

  /// Origin 1.0 ignores timestamps, sinceTime and tailLines: every request brings the whole log. The
  /// follow resumes by byte count, so nothing is printed twice, also across cut streams.
  @Test func legacyServerLogIsPrintedOnceAcrossCuts() async throws {
    try await OpenShiftCLIFixture.run(Self.cluster(.legacy)) { fixture in
      let text =
        (1...200).map { "legacy line \($0) " + String(repeating: "x", count: $0 % 13) }
        .joined(separator: "\n") + "\n"
      try fixture.finishedBuild("old-1", log: text)

      let followed = try await fixture.osbsctl("build", "logs", "-f", "old-1")
      #expect(followed.exitCode == 0, "\(followed.summary)")
      #expect(followed.stdout == text)

      let stamped = try await fixture.osbsctl("build", "logs", "old-1", "--timestamps")
      #expect(stamped.stdout == text)
      #expect(stamped.stderr.contains("the server ignores the timestamps option"), "\(stamped.stderr)")

      // Each cut ends a stream mid-line at byte 700 of the re-sent log. (Three cuts in a row at the same
      // byte would be taken for the end: on such a server nothing tells them from an unfinished line.)
      fixture.cluster.cutLogStreams(afterBytes: 700, times: 2)
      let cut = try await fixture.osbsctl("build", "logs", "-f", "old-1")
      #expect(cut.exitCode == 0, "\(cut.summary)")
      #expect(cut.stdout == text)
    }
  }

  /// 3.x kubelets trim trailing zeros from stamps; resuming after cuts still loses and repeats nothing.
  @Test func trimmedStampsResumeExactly() async throws {
    try await OpenShiftCLIFixture.run(Self.cluster(.v3)) { fixture in
      let text = (1...300).map { "line \($0)" }.joined(separator: "\n") + "\n"
      try fixture.finishedBuild(
        "v3-1", log: text, stamped: (start: 1_700_000_000_000_000_000, interval: 250_000_000))
      let stamps = try await fixture.osbsctl("build", "logs", "v3-1", "--timestamps")
      #expect(stamps.stdout.hasPrefix("2023-11-14T22:13:20Z line 1\n2023-11-14T22:13:20.25Z line 2\n"))

      fixture.cluster.cutLogStreams(afterBytes: 500, times: 5)
      let followed = try await fixture.osbsctl("build", "logs", "-f", "v3-1")
      #expect(followed.exitCode == 0, "\(followed.summary)")
      #expect(followed.stdout == text)
    }
  }

  /// A `continue` token that expired mid-list (410 Expired, as recorded): the list restarts once and
  /// hands out each object once; a second expiry is "unavailable", never "not found". The compaction
  /// lands just before the continuing request, since the client has already asked for page n + 1 when
  /// it hands out page n (expiring tokens between two `next()` calls raced that request).
  @Test func expiredContinueTokenRestartsTheListOnce() async throws {
    try await OpenShiftCLIFixture.run(Self.cluster(.v3)) { fixture in
      let client = OpenShiftClient(
        http: try HTTPClient(configuration: HTTPClientConfiguration(auth: .bearer("sandbox-admin-token"))),
        baseURL: fixture.baseURL, namespace: "osbs", options: OpenShiftClientOptions(pageSize: 1))
      let nodeRequests = { await fixture.server.journal.all.count { $0.path == "/api/v1/nodes" } }
      let before = await nodeRequests()
      fixture.cluster.compactBeforeNextContinuedLists(times: 1)
      var names: [String] = []
      for try await node in client.nodes() { names.append(node.metadata.name) }
      #expect(names == ["osbs-node01", "osbs-node02", "osbs-node03"])
      // Page 1, page 2 refused, then pages 1 to 3 again.
      #expect(await nodeRequests() - before == 5)

      fixture.cluster.compactBeforeNextContinuedLists(times: 2)
      var again = client.nodes().makeAsyncIterator()
      var seen = 0
      let error = await #expect(throws: OpenShiftError.self) {
        while try await again.next() != nil { seen += 1 }
      }
      #expect(seen == 1)
      #expect(error?.failureKind == .unavailable, "\(String(describing: error))")
      #expect(error?.description.contains("changed underneath") == true, "\(String(describing: error))")
    }
  }
}

/// What an admin reads first about a build, in the table and in the JSON (issue 12, items 7 and 8).
@Suite("build list and get show what admins read first")
struct BuildDetailTests {
  @Test func listHasNodeAgeAndARunningDuration() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let running = try fixture.seeded(.running)
      let pod = try #require(fixture.cluster.pod(named: running.podName))
      let table = try await fixture.osbsctl("build", "list")
      #expect(table.exitCode == 0, "\(table.summary)")
      let header = try #require(table.stdout.split(separator: "\n").first)
      #expect(
        header.split(separator: " ", omittingEmptySubsequences: true) == [
          "NAME", "STATUS", "KOJI-TASK", "NODE", "AGE", "DURATION",
        ])
      let row = try #require(
        table.stdout.split(separator: "\n").first { $0.hasPrefix(running.metadata.name + " ") })
      #expect(row.contains(try #require(pod.spec.nodeName)), "\(row)")

      let json = try await fixture.osbsctl("build", "list", "-o", "json")
      let builds = try #require(try json.json()["builds"] as? [[String: Any]])
      let entry = try #require(builds.first { $0["name"] as? String == running.metadata.name })
      #expect(entry["nodeName"] as? String == pod.spec.nodeName)
      // No `duration` from the server while it runs: counted from the start.
      #expect((entry["durationSeconds"] as? Int).map { $0 >= 0 } == true, "\(entry)")
      let cancelled = try #require(builds.first { $0["phase"] as? String == "Cancelled" })
      #expect(cancelled["cancelled"] as? Bool == true)
    }
  }

  @Test func getShowsWhyAFailedBuildFailedAndTheWholeObjectOnRequest() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      try fixture.finishedBuild(
        "app-9", buildConfig: "app", log: "fetching sources\nbuilding\nerror: disk full\n", phase: .failed)

      let table = try await fixture.osbsctl("build", "get", "app-9")
      #expect(table.exitCode == 0, "\(table.summary)")
      #expect(table.stdout.contains("Failed (GenericBuildFailed)"), "\(table.stdout)")
      #expect(table.stdout.contains("Message: Generic Build failure - check logs for details."))
      #expect(table.stdout.contains("Log snippet:\n  fetching sources\n  building\n  error: disk full"))

      let json = try await fixture.osbsctl("build", "get", "app-9", "-o", "json")
      let summary = try json.json()
      #expect(summary["logSnippet"] as? String == "fetching sources\nbuilding\nerror: disk full")
      #expect(summary["gitURI"] as? String == "https://src.example.org/containers/app.git")
      #expect(summary["gitRef"] as? String == "HEAD")
      #expect(summary["outputTo"] as? String == "DockerImage/registry.example.org/app:app-9")
      #expect(summary["nodeName"] as? String != nil)

      let raw = try await fixture.osbsctl("build", "get", "app-9", "--raw")
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(raw.stdout.utf8)) as? [String: Any])
      #expect((object["spec"] as? [String: Any])?["strategy"] != nil)
      #expect((object["metadata"] as? [String: Any])?["name"] as? String == "app-9")

      let complete = try fixture.seeded(.complete)
      let done = try await fixture.osbsctl("build", "get", complete.metadata.name, "-o", "json")
      let annotations = try #require(try done.json()["annotations"] as? [String: String])
      #expect(annotations["repositories"] != nil && annotations["image-id"] != nil, "\(annotations)")
    }
  }

  @Test func aTerminatingPodIsTerminatingAndNotLive() async throws {
    try await OpenShiftCLIFixture.run { fixture in
      let running = try fixture.seeded(.running)
      var pod = try #require(fixture.cluster.pod(named: running.podName))
      let node = try #require(pod.spec.nodeName)
      pod.metadata.deletionTimestamp = "2026-01-01T00:00:00Z"
      _ = fixture.cluster.addPod(pod)

      let pods = try await fixture.osbsctl("node", "pods", node, "-o", "json")
      let entry = try #require(
        (try pods.json()["pods"] as? [[String: Any]])?.first { $0["name"] as? String == pod.metadata.name })
      #expect(entry["status"] as? String == "Terminating")
      #expect(entry["terminating"] as? Bool == true)
      let list = try await fixture.osbsctl("node", "list", "-o", "json")
      let summary = try #require(
        (try list.json()["nodes"] as? [[String: Any]])?.first { $0["name"] as? String == node })
      #expect((summary["buildPodIPs"] as? [String])?.contains(pod.status.podIP ?? "") == false, "\(summary)")
    }
  }

  /// Origin 1.0 and OSE 3.9 wrote `/oapi/v1` objects as `apiVersion: v1`, and list items without `kind` or
  /// `apiVersion` (v3.9.41-2018/builds_list.json, extra/kubeclient/pods_1.json): the sandbox serves that,
  /// and osbsctl reads builds, pods and nodes all the same.
  @Test(arguments: [ClusterGeneration.legacy, .v3])
  func oldServersWriteObjectsWithoutItemKinds(_ generation: ClusterGeneration) async throws {
    try await OpenShiftCLIFixture.run(OpenShiftEraTests.cluster(generation)) { fixture in
      let http = try HTTPClient(configuration: HTTPClientConfiguration())
      func get(_ path: String) async throws -> [String: Any] {
        let response = try await http.send(HTTPRequest(url: fixture.baseURL + path))
        #expect(response.status == 200, "GET \(path)")
        return try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
      }
      let list = try await get("/oapi/v1/namespaces/osbs/builds")
      #expect(list["kind"] as? String == "BuildList")
      #expect(list["apiVersion"] as? String == "v1")
      let items = try #require(list["items"] as? [[String: Any]])
      #expect(!items.isEmpty && items.allSatisfy { $0["kind"] == nil && $0["apiVersion"] == nil })
      let pods = try #require(try await get("/api/v1/pods")["items"] as? [[String: Any]])
      #expect(!pods.isEmpty && pods.allSatisfy { $0["kind"] == nil && $0["apiVersion"] == nil })
      let failed = try fixture.seeded(.failed)
      let one = try await get("/oapi/v1/namespaces/osbs/builds/\(failed.metadata.name)")
      #expect(one["kind"] as? String == "Build")
      #expect(one["apiVersion"] as? String == "v1")
      if generation == .v3 {
        let grouped = try await get(
          "/apis/build.openshift.io/v1/namespaces/osbs/builds/\(failed.metadata.name)")
        #expect(grouped["apiVersion"] as? String == "build.openshift.io/v1")
      }

      let builds = try await fixture.osbsctl("build", "list", "-o", "json")
      #expect(builds.exitCode == 0, "\(builds.summary)")
      let names = (try builds.json()["builds"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
      #expect(Set(names ?? []) == Set(fixture.cluster.allBuilds().values.map(\.metadata.name)))
      let get = try await fixture.osbsctl("build", "get", failed.metadata.name, "-o", "json")
      #expect(try get.json()["phase"] as? String == "Failed", "\(get.summary)")
      let watch = try await fixture.osbsctl("build", "watch", failed.metadata.name)
      #expect(watch.exitCode == 1, "\(watch.summary)")
      #expect(watch.stdout.contains("Failed"), "\(watch.stdout)")
      let nodes = try await fixture.osbsctl("node", "list", "-o", "json")
      #expect((try nodes.json()["nodes"] as? [[String: Any]])?.count == 3, "\(nodes.summary)")
      let node = try await fixture.osbsctl("build", "node", failed.metadata.name, "-o", "json")
      #expect(node.exitCode == 0, "\(node.summary)")
    }
  }
}

extension OpenShiftCLIFixture {
  /// A build that ran, wrote `log` (stamped from `stamped.start`, `stamped.interval` apart, else now) and
  /// ended in `phase`.
  func finishedBuild(
    _ name: String, buildConfig: String = "era", log: String, phase: BuildPhase = .complete,
    stamped: (start: Int64, interval: Int64)? = nil
  ) throws {
    let build = cluster.createBuild(.init(buildConfig: buildConfig, name: name, phase: .running))
    if let stamped {
      cluster.appendLog(
        build: build.metadata.name, log, startingAt: stamped.start, intervalNanoseconds: stamped.interval)
    } else {
      cluster.appendLog(build: build.metadata.name, log)
    }
    _ = try cluster.setBuildPhase(phase, build: build.metadata.name)
  }
}

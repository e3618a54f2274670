import Foundation
import OSBSKit
import OSBSSandbox
import TestSupport
import Testing

/// A sandbox serving one simulated cluster, and a client of it with quick backoff.
struct ClusterFixture {
  let server: SandboxServer
  let cluster: OpenShiftCluster
  let client: OpenShiftClient

  static func run<T>(
    _ configuration: OpenShiftCluster.Configuration = OpenShiftCluster.Configuration(),
    token: String? = "sandbox-admin-token", buildAPI: BuildAPIEra? = nil,
    options: OpenShiftClientOptions = OpenShiftClientOptions(
      maxAttempts: 4, initialBackoff: .milliseconds(10), maxBackoff: .seconds(2)),
    _ body: (ClusterFixture) async throws -> T
  ) async throws -> T {
    let server = SandboxServer()
    let cluster = OpenShiftCluster(configuration: configuration)
    cluster.install(on: server)
    let endpoints = try await server.start()
    do {
      let http = try HTTPClient(
        configuration: HTTPClientConfiguration(auth: token.map { .bearer($0) } ?? .none))
      let client = OpenShiftClient(
        http: http, baseURL: endpoints.openshiftAPI, namespace: configuration.namespace, buildAPI: buildAPI,
        options: options)
      let result = try await body(ClusterFixture(server: server, cluster: cluster, client: client))
      await server.stop()
      return result
    } catch {
      await server.stop()
      throw error
    }
  }

  func requests(to path: String) async -> Int {
    await server.journal.all.filter { $0.path == path }.count
  }
}

@Suite("OpenShift client against the sandbox cluster")
struct OpenShiftClientTests {
  @Test func statusBodiesBecomeTypedErrors() async throws {
    try await ClusterFixture.run { fixture in
      let missing = await #expect(throws: OpenShiftError.self) {
        _ = try await fixture.client.build(named: "nosuch")
      }
      #expect(missing?.failureKind == .notFound)
      #expect(missing?.failure?.message == #"builds.build.openshift.io "nosuch" not found"#)
      #expect(
        missing?.description == #"Error from server (NotFound): builds.build.openshift.io "nosuch" not found"#
      )

      let node = await #expect(throws: OpenShiftError.self) {
        _ = try await fixture.client.cordon(node: "nosuch")
      }
      #expect(node?.description == #"Error from server (NotFound): nodes "nosuch" not found"#)

      let badSelector = await #expect(throws: OpenShiftError.self) {
        _ = try await fixture.client.pods(in: .all, selector: ListSelector(fields: "spec.bogus=x")).collect()
      }
      #expect(badSelector?.failure?.code == 400)
      #expect(badSelector?.failure?.message == "field label not supported: spec.bogus")

      let build = try #require(try await fixture.client.builds().collect().first)
      let stale = await #expect(throws: OpenShiftError.self) {
        try await fixture.client.deleteBuild(named: build.metadata.name, resourceVersion: "1")
      }
      #expect(stale?.isConflict == true)
      #expect(stale?.failureKind == .operationFailed)
      #expect(fixture.cluster.build(named: build.metadata.name) != nil)
      try await fixture.client.deleteBuild(
        named: build.metadata.name, resourceVersion: build.metadata.resourceVersion)
      #expect(fixture.cluster.build(named: build.metadata.name) == nil)
    }
  }

  @Test func expiredTokenIsAnAuthenticationFailureThatSaysWhatToRenew() async throws {
    try await ClusterFixture.run(token: "expired-token") { fixture in
      let error = await #expect(throws: OpenShiftError.self) {
        _ = try await fixture.client.nodes().collect()
      }
      #expect(error?.failureKind == .authentication)
      let text = error?.description ?? ""
      #expect(text.contains("Unauthorized"))
      #expect(text.contains("renew"))
      #expect(!text.contains("expired-token"))
    }
  }

  @Test func throttlingHonoursRetryAfterAndServerErrorsAreRetried() async throws {
    // The client's sleeper records each wait instead of taking it, so the test checks how long the
    // client would wait, not only how often it asked again.
    let waits = LockedList<Duration>()
    var options = OpenShiftClientOptions(
      maxAttempts: 4, initialBackoff: .milliseconds(10), maxBackoff: .seconds(2))
    options.sleep = { waits.append($0) }
    try await ClusterFixture.run(options: options) { fixture in
      await fixture.server.faults.add(FaultRule(action: .throttle(retryAfterSeconds: 1), times: 2))
      let node = try await fixture.client.node(named: "osbs-node01")
      #expect(node.metadata.name == "osbs-node01")
      #expect(await fixture.requests(to: "/api/v1/nodes/osbs-node01") == 3)
      // The server's Retry-After: 1, not the client's own 10 ms and 20 ms backoff.
      #expect(waits.elements == [.seconds(1), .seconds(1)])

      // A Retry-After longer than maxBackoff is cut to it.
      await fixture.server.faults.add(FaultRule(action: .throttle(retryAfterSeconds: 30), times: 1))
      _ = try await fixture.client.node(named: "osbs-node01")
      #expect(waits.elements.dropFirst(2) == [.seconds(2)])

      await fixture.server.faults.add(
        FaultRule(action: .status(code: 503, body: nil, contentType: nil), times: 2))
      _ = try await fixture.client.node(named: "osbs-node02")
      #expect(await fixture.requests(to: "/api/v1/nodes/osbs-node02") == 3)
      // No Retry-After: exponential from initialBackoff.
      #expect(waits.elements.dropFirst(3) == [.milliseconds(10), .milliseconds(20)])

      let failing = await fixture.server.faults.add(
        FaultRule(action: .status(code: 500, body: nil, contentType: nil), times: 50))
      let error = await #expect(throws: OpenShiftError.self) {
        _ = try await fixture.client.node(named: "osbs-node03")
      }
      guard case .unavailable(_, let attempts)? = error else {
        Issue.record("expected .unavailable, got \(String(describing: error))")
        return
      }
      #expect(attempts == 4)
      #expect(error?.failureKind == .unavailable)
      #expect(waits.elements.dropFirst(5) == [.milliseconds(10), .milliseconds(20), .milliseconds(40)])
      await fixture.server.faults.remove(id: failing)
    }
  }

  @Test(arguments: [OpenShiftCluster.APIEra.grouped, .legacy, .both])
  func discoversTheBuildAPI(era: OpenShiftCluster.APIEra) async throws {
    try await ClusterFixture.run(OpenShiftCluster.Configuration(era: era)) { fixture in
      #expect(try await fixture.client.buildAPI() == (era == .legacy ? .legacy : .grouped))
      let builds = try await fixture.client.builds().collect()
      #expect(builds.count == 7)
      let prefix = era == .legacy ? "/oapi/v1/" : "/apis/build.openshift.io/v1/"
      #expect(await fixture.server.journal.all.contains { $0.path == prefix + "namespaces/osbs/builds" })
    }
  }

  /// OpenShift 4.14+ without the Build capability: `/apis` lists no build group and `/oapi/v1` answers 404;
  /// discovery asks once (the answer is kept) and no Build path is ever requested.
  @Test func aClusterWithoutTheBuildCapabilityServesNoBuildAPI() async throws {
    try await ClusterFixture.run(OpenShiftCluster.Configuration(era: .absent)) { fixture in
      let first = try await fixture.client.servesBuildAPI()
      let second = try await fixture.client.servesBuildAPI()
      #expect(!first && !second)
      let error = await #expect(throws: OpenShiftError.self) {
        _ = try await fixture.client.builds().collect()
      }
      #expect(error?.isBuildAPIMissing == true, "\(String(describing: error))")
      #expect(error?.description.contains("without the Build capability") == true)
      let paths = await fixture.server.journal.all.map(\.path)
      #expect(paths.filter { $0 == "/apis" || $0 == "/oapi/v1" }.count == 2, "\(paths)")
      #expect(!paths.contains { $0.contains("/builds") }, "\(paths)")
    }
  }

  @Test func configuredBuildAPIOverridesDiscovery() async throws {
    try await ClusterFixture.run(OpenShiftCluster.Configuration(era: .both), buildAPI: .legacy) { fixture in
      _ = try await fixture.client.builds().collect()
      #expect(await fixture.requests(to: "/apis") == 0)
      #expect(await fixture.requests(to: "/oapi/v1/namespaces/osbs/builds") == 1)
    }
  }

  @Test func listsPageThroughThousandsOfBuilds() async throws {
    let seed = OpenShiftCluster.Seed(nodes: 1, buildsPerPhase: 1, extraCompleteBuilds: 2_100)
    try await ClusterFixture.run(OpenShiftCluster.Configuration(seed: seed)) { fixture in
      var names = Set<String>()
      var count = 0
      for try await build in fixture.client.builds(pageSize: 50) {
        names.insert(build.metadata.name)
        count += 1
      }
      #expect(count == 2_107)
      #expect(names.count == 2_107)
      #expect(await fixture.requests(to: "/apis/build.openshift.io/v1/namespaces/osbs/builds") == 43)

      let running = try await fixture.client.builds(selector: .unfinishedBuilds, pageSize: 2).collect()
      #expect(Set(running.map(\.status.phase)) == [.new, .pending, .running])
    }
  }

  @Test func theNextPageIsOnItsWayWhileTheCurrentOneIsHandedOut() async throws {
    let seed = OpenShiftCluster.Seed(nodes: 1, buildsPerPhase: 1, extraCompleteBuilds: 93)
    try await ClusterFixture.run(OpenShiftCluster.Configuration(seed: seed)) { fixture in
      let path = "/apis/build.openshift.io/v1/namespaces/osbs/builds"
      var builds = fixture.client.builds(pageSize: 40).makeAsyncIterator()
      var names = [try #require(try await builds.next()).metadata.name]
      // The caller holds the first build of page 1 and has asked for nothing more; page 2 is requested
      // anyway (the loop waits for that to happen, for at most 10 s, and does not judge how fast).
      for _ in 0..<400 where await fixture.requests(to: path) < 2 {
        try await Task.sleep(for: .milliseconds(25))
      }
      #expect(await fixture.requests(to: path) == 2)
      while let build = try await builds.next() { names.append(build.metadata.name) }
      #expect(names.count == 100)
      #expect(Set(names).count == 100)
      // Three pages of 40, 40 and 20; nothing is requested past the last one.
      #expect(await fixture.requests(to: path) == 3)
    }
  }

  @Test func watchSurvivesDisconnectsAndGoneWithoutLosingOrRepeatingChanges() async throws {
    try await ClusterFixture.run(OpenShiftCluster.Configuration(seed: .init(nodes: 2, buildsPerPhase: 0))) {
      fixture in
      let cluster = fixture.cluster
      let build = cluster.createBuild(.init(buildConfig: "watched"))
      var events = fixture.client.watchBuild(named: build.metadata.name).makeAsyncIterator()
      var seen: [String] = []
      let first = try #require(try await events.next())
      #expect(first.type == .added)
      seen.append(first.object.status.phase.rawValue)
      let steps: [(BuildPhase, Disruption)] = [
        (.pending, .close), (.running, .expire), (.running, .none), (.complete, .expireAndClose),
      ]
      for (phase, disruption) in steps {
        switch disruption {
        case .close: cluster.closeWatches()
        case .expire:
          cluster.expireNextWatches(times: 1)
          cluster.closeWatches()
        case .expireAndClose:
          cluster.expireWatchHistory()
          cluster.expireNextWatches(times: 1)
          cluster.closeWatches()
        case .none: break
        }
        if phase == .running && disruption == .none {
          // A change the watch must report although the phase stays: a new message.
          try cluster.setBuildPhase(.running, build: build.metadata.name, message: "still going")
        } else {
          try cluster.setBuildPhase(phase, build: build.metadata.name)
        }
        let event = try #require(try await events.next())
        #expect(event.type == .modified)
        seen.append(event.object.status.phase.rawValue + (event.object.status.message.map { ":" + $0 } ?? ""))
      }
      #expect(seen == ["New", "Pending", "Running", "Running:still going", "Complete:still going"])
      #expect(events.relists >= 1)
      #expect(events.connections >= 3)
      // Nothing else is pending: one more change arrives as the very next event.
      cluster.closeWatches()
      try cluster.setBuildPhase(.complete, build: build.metadata.name, message: "done")
      let last = try #require(try await events.next())
      #expect(last.object.status.message == "done")
    }
  }

  enum Disruption { case none, close, expire, expireAndClose }

  @Test func brokenLogStreamsResumeByteIdentical() async throws {
    try await ClusterFixture.run(OpenShiftCluster.Configuration(seed: .init(nodes: 1, buildsPerPhase: 0))) {
      fixture in
      let cluster = fixture.cluster
      let build = cluster.createBuild(.init(buildConfig: "big", phase: .running))
      var text = ""
      text.reserveCapacity(21_000_000)
      var line = 0
      while text.utf8.count < 20_000_000 {
        line += 1
        text += "line \(line) " + String(repeating: "x", count: line % 150) + " ✓\n"
      }
      // One line per millisecond: resuming at a whole second re-sends at most a thousand lines.
      cluster.appendLog(
        build: build.metadata.name, text, startingAt: 1_767_225_600_000_000_000,
        intervalNanoseconds: 1_000_000)
      try cluster.setBuildPhase(.complete, build: build.metadata.name)
      cluster.cutLogStreams(afterBytes: 1_000_003, times: 20)

      var received = Data()
      var stream = fixture.client.buildLog(named: build.metadata.name, follow: true).makeAsyncIterator()
      while let chunk = try await stream.next() { received.append(chunk) }
      #expect(received.count == text.utf8.count)
      #expect(received == Data(text.utf8))
      // 20 cut streams, the full remainder, and one more that confirms nothing follows.
      #expect(stream.requests == 22)
    }
  }

  @Test func followedLogOfARunningBuildSeesEveryLineOnce() async throws {
    try await ClusterFixture.run(OpenShiftCluster.Configuration(seed: .init(nodes: 1, buildsPerPhase: 0))) {
      fixture in
      let cluster = fixture.cluster
      let build = cluster.createBuild(.init(buildConfig: "live", phase: .running))
      let name = build.metadata.name
      cluster.appendLog(build: name, "first\n")
      let writer = Task {
        for batch in 1...30 {
          cluster.appendLog(build: name, (1...20).map { "batch \(batch) line \($0)\n" }.joined())
          if batch % 5 == 0 { cluster.cutLogStreams(afterBytes: 700, times: 1) }
          try await Task.sleep(for: .milliseconds(15))
        }
        cluster.appendLog(build: name, "last line without newline")
        try cluster.setBuildPhase(.complete, build: name)
      }
      var received = Data()
      for try await chunk in fixture.client.buildLog(named: name, follow: true) { received.append(chunk) }
      try await writer.value
      let expected = cluster.logText(build: name)
      // The log ends as the build left it: without a newline.
      #expect(expected.hasSuffix("batch 30 line 20\nlast line without newline"))
      #expect(String(decoding: received, as: UTF8.self) == expected)
    }
  }

  @Test func timestampsAreKeptWhenAsked() async throws {
    try await ClusterFixture.run { fixture in
      let build = try #require(
        try await fixture.client.builds().collect().first { $0.status.phase == .complete })
      var received = Data()
      for try await chunk in fixture.client.buildLog(named: build.metadata.name, timestamps: true) {
        received.append(chunk)
      }
      let lines = String(decoding: received, as: UTF8.self).split(separator: "\n")
      #expect(!lines.isEmpty)
      #expect(lines.allSatisfy { LogTimestamp($0.prefix { $0 != " " }) != nil })
    }
  }

  @Test func cordonAndUncordonRoundTrip() async throws {
    try await ClusterFixture.run { fixture in
      let client = fixture.client
      let dry = try await client.cordon(node: "osbs-node02", dryRun: true)
      #expect(dry.changed && dry.dryRun && !dry.node.isSchedulable)
      #expect(fixture.cluster.node(named: "osbs-node02")?.isSchedulable == true)

      let cordoned = try await client.cordon(node: "osbs-node02")
      #expect(cordoned.changed)
      #expect(cordoned.node.unschedulable == true)
      #expect(fixture.cluster.node(named: "osbs-node02")?.isSchedulable == false)
      #expect(try await client.cordon(node: "osbs-node02").changed == false)

      let uncordoned = try await client.uncordon(node: "osbs-node02")
      #expect(uncordoned.changed)
      #expect(uncordoned.node.unschedulable == nil)
      #expect(fixture.cluster.node(named: "osbs-node02")?.spec.unschedulable == nil)
      #expect(try await client.uncordon(node: "osbs-node02").changed == false)
      let patches = await fixture.server.journal.all.filter { $0.method == "PATCH" }.count
      #expect(patches == 3)
    }
  }

  @Test func buildLeadsToPodAndNode() async throws {
    try await ClusterFixture.run { fixture in
      let created = fixture.cluster.createBuild(
        .init(buildConfig: "from-koji", kojiTaskID: 4242, phase: .running, node: "osbs-node03"))
      let found = try await fixture.client.builds(forKojiTask: 4242)
      #expect(found.map(\.metadata.name) == [created.metadata.name])

      let result = try await fixture.client.nodeOfBuild(named: created.metadata.name)
      #expect(result.pod?.metadata.name == created.metadata.name + "-build")
      #expect(result.nodeName == "osbs-node03")
      #expect(result.node?.metadata.name == "osbs-node03")
      #expect(result.node?.internalIP == "10.0.0.13")
      #expect(result.podIP?.hasPrefix("10.128.") == true)

      let pending = fixture.cluster.createBuild(.init(buildConfig: "not-started"))
      let unscheduled = try await fixture.client.nodeOfBuild(named: pending.metadata.name)
      #expect(unscheduled.pod == nil && unscheduled.node == nil)
    }
  }

  @Test func cancelSetsStatusCancelled() async throws {
    try await ClusterFixture.run { fixture in
      let running = fixture.cluster.createBuild(.init(buildConfig: "to-cancel", phase: .running))
      let cancelled = try await fixture.client.cancelBuild(named: running.metadata.name)
      #expect(cancelled.status.phase == .cancelled)
      #expect(cancelled.status.cancelled == true)
      #expect(fixture.cluster.build(named: running.metadata.name)?.status.phase == .cancelled)
      let again = try await fixture.client.cancelBuild(named: running.metadata.name)
      #expect(again.metadata.resourceVersion == cancelled.metadata.resourceVersion)
    }
  }

  @Test func drainEvictsAndSkipsDaemonSetPods() async throws {
    try await ClusterFixture.run(OpenShiftCluster.Configuration(seed: .init(nodes: 3, buildsPerPhase: 0))) {
      fixture in
      let client = fixture.client
      let build = fixture.cluster.createBuild(
        .init(buildConfig: "on-node1", phase: .running, node: "osbs-node01"))
      let plan = try await client.drainPlan(node: "osbs-node01")
      #expect(plan.buildPods.map(\.metadata.name) == [build.podName])
      #expect(plan.otherPods.map(\.metadata.name) == ["registry-console-1-x7k2p"])
      #expect(plan.skipped.map(\.reason) == ["DaemonSet"])

      let dry = try await client.drain(node: "osbs-node01", options: DrainOptions(dryRun: true))
      #expect(dry.evicted.isEmpty)
      #expect(fixture.cluster.node(named: "osbs-node01")?.isSchedulable == true)

      let waiting = await #expect(throws: OpenShiftError.self) {
        _ = try await client.drain(
          node: "osbs-node01",
          // Waiting for builds is the default.
          options: DrainOptions(timeout: .milliseconds(300), pollInterval: .milliseconds(50)))
      }
      #expect(waiting?.failureKind == .pending)
      #expect(waiting == .drainTimedOut(node: "osbs-node01", remainingPods: [build.podName]))
      #expect(fixture.cluster.node(named: "osbs-node01")?.isSchedulable == false)
      #expect(fixture.cluster.pod(named: "registry-console-1-x7k2p", namespace: "default") == nil)

      let result = try await client.drain(
        node: "osbs-node01",
        options: DrainOptions(waitForBuilds: false, timeout: .seconds(10), pollInterval: .milliseconds(50)))
      #expect(result.evicted == ["osbs/\(build.podName)"])
      #expect(result.cordon.changed == false)
      let left = try await client.pods(onNode: "osbs-node01").collect()
      #expect(left.allSatisfy { $0.isDaemonSetPod })
      #expect(fixture.cluster.build(named: build.metadata.name)?.status.phase == .error)
    }
  }

  /// The node is cordoned before its pods are listed, as kubectl drains: no pod lands between the plan and
  /// the cordon to be neither evicted nor waited for.
  @Test func drainCordonsBeforeItListsThePods() async throws {
    try await ClusterFixture.run(OpenShiftCluster.Configuration(seed: .init(nodes: 3, buildsPerPhase: 0))) {
      fixture in
      _ = await fixture.server.journal.clear()
      _ = try await fixture.client.drain(
        node: "osbs-node01", options: DrainOptions(timeout: .seconds(10), pollInterval: .milliseconds(50)))
      let requests = await fixture.server.journal.all.map { "\($0.method) \($0.path)" }
      let cordoned = requests.firstIndex(of: "PATCH /api/v1/nodes/osbs-node01")
      let listed = requests.firstIndex(of: "GET /api/v1/pods")
      #expect(cordoned != nil && listed != nil && cordoned! < listed!, "\(requests)")
    }
  }

  /// `--timeout 0` is kubectl's "no limit": the drain waits for the build however long it runs.
  @Test func aZeroTimeoutWaitsUntilTheBuildEnds() async throws {
    try await ClusterFixture.run(OpenShiftCluster.Configuration(seed: .init(nodes: 3, buildsPerPhase: 0))) {
      fixture in
      let build = fixture.cluster.createBuild(
        .init(buildConfig: "on-node1", phase: .running, node: "osbs-node01"))
      let cluster = fixture.cluster
      let finisher = Task {
        try await Task.sleep(for: .milliseconds(400))
        try cluster.setBuildPhase(.complete, build: build.metadata.name)
      }
      let result = try await fixture.client.drain(
        node: "osbs-node01", options: DrainOptions(timeout: .zero, pollInterval: .milliseconds(50)))
      try await finisher.value
      #expect(result.evicted == ["default/registry-console-1-x7k2p"])
      #expect(fixture.cluster.build(named: build.metadata.name)?.status.phase == .complete)
    }
  }

  /// OSBS 2's builds run as TaskRun pods, labelled with their PipelineRun and TaskRun (tekton-wire
  /// recordings): a drain waits for them as for a Build's pod, and evicts them only when told.
  @Test func drainWaitsForATaskRunsPodAsForABuildPod() async throws {
    try await ClusterFixture.run(OpenShiftCluster.Configuration(seed: .init(nodes: 3, buildsPerPhase: 0))) {
      fixture in
      let run = "hello-world-f45-8832c97860-20261204161658"
      let taskRunPod = fixture.cluster.addPod(
        Pod(
          metadata: ObjectMeta(
            name: "\(run)-binary-container-build-x86-64-pod", namespace: "osbs",
            labels: [
              "tekton.dev/pipelineRun": run, "tekton.dev/taskRun": "\(run)-binary-container-build-x86-64",
              "tekton.dev/pipelineTask": "binary-container-build-x86-64",
            ]),
          spec: PodSpec(
            nodeName: "osbs-node01", containers: [PodSpec.Container(name: "step-binary-container-build")]),
          status: PodStatus(phase: "Running", podIP: "10.128.1.9")))
      let client = fixture.client
      let plan = try await client.drainPlan(node: "osbs-node01")
      #expect(plan.buildPods.map(\.metadata.name) == [taskRunPod.metadata.name])
      #expect(plan.otherPods.map(\.metadata.name) == ["registry-console-1-x7k2p"])
      #expect(PodSummary(taskRunPod).build == run)

      let waiting = await #expect(throws: OpenShiftError.self) {
        _ = try await client.drain(
          node: "osbs-node01",
          options: DrainOptions(timeout: .milliseconds(300), pollInterval: .milliseconds(50)))
      }
      #expect(waiting == .drainTimedOut(node: "osbs-node01", remainingPods: [taskRunPod.metadata.name]))
      #expect(fixture.cluster.pod(named: taskRunPod.metadata.name, namespace: "osbs") != nil)
      #expect(fixture.cluster.pod(named: "registry-console-1-x7k2p", namespace: "default") == nil)
    }
  }

  /// A refused eviction (429 from a disruption budget) is asked again by the drain on its own interval
  /// and deadline, never retried with backoff inside the client behind them.
  @Test func drainAsksAgainForARefusedEvictionOnItsOwnSchedule() async throws {
    let waits = LockedList<Duration>()
    var options = OpenShiftClientOptions(
      maxAttempts: 4, initialBackoff: .milliseconds(10), maxBackoff: .seconds(2))
    options.sleep = { waits.append($0) }
    try await ClusterFixture.run(
      OpenShiftCluster.Configuration(seed: .init(nodes: 3, buildsPerPhase: 0)), options: options
    ) { fixture in
      fixture.cluster.refuseEviction(pod: "registry-console-1-x7k2p", namespace: "default")
      let error = await #expect(throws: OpenShiftError.self) {
        _ = try await fixture.client.drain(
          node: "osbs-node01",
          options: DrainOptions(timeout: .milliseconds(300), pollInterval: .milliseconds(50)))
      }
      #expect(error == .drainTimedOut(node: "osbs-node01", remainingPods: ["registry-console-1-x7k2p"]))
      let evictions = await fixture.requests(
        to: "/api/v1/namespaces/default/pods/registry-console-1-x7k2p/eviction")
      #expect(evictions >= 1)
      #expect(waits.elements.isEmpty, "the client retried an eviction: \(waits.elements)")
    }
  }
}

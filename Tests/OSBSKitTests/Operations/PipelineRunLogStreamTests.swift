import Foundation
import Testing

@testable import OSBSKit

/// `PipelineRunLogStream` against a loopback Tekton API and kubelet (`TektonLogServer`): tkn's labels,
/// the pipeline's order for a finished run, interleaving while following, and byte-exact output across
/// cut streams, `PodInitializing` answers and a log without a final newline.
@Suite("PipelineRun logs: every TaskRun's steps, labelled, resumed across cuts")
struct PipelineRunLogStreamTests {
  static let run = "hello-world-f45-8832c97860-20261204161658"

  static func step(_ name: String, lines: Int, tag: String, finalNewline: Bool = true) -> TektonLogServer.Step
  {
    var log = (1...lines).map { "\(tag) line \($0) " + String(repeating: "z", count: ($0 * 7) % 53) + "\n" }
      .joined()
    if !finalNewline { log.removeLast() }
    return .init(name: name, log: log)
  }

  /// The OSBS binary pipeline's TaskRuns (atomic-reactor 4.22, §9), names as Tekton derives them; the two
  /// arch builds were created aarch64 first, so creation order is not pipeline order.
  static func taskRuns(appearing reads: [String: Int] = [:]) -> [TektonLogServer.TaskRunPlan] {
    func plan(_ task: String, _ steps: [TektonLogServer.Step]) -> TektonLogServer.TaskRunPlan {
      .init(
        pipelineTask: task, name: "\(run)-\(task)", pod: "\(run)-\(task)-pod", steps: steps,
        appearsAtRead: reads[task] ?? 0)
    }
    return [
      plan("clone", [step("clone", lines: 12, tag: "clone")]),
      plan("binary-container-init", [step("binary-container-init", lines: 40, tag: "init")]),
      plan(
        "binary-container-hermeto",
        [
          step("binary-container-hermeto-init", lines: 5, tag: "h-init"),
          step("binary-container-hermeto-run", lines: 30, tag: "h-run"),
          step("binary-container-hermeto-postprocess", lines: 4, tag: "h-post", finalNewline: false),
        ]),
      plan("binary-container-prebuild", [step("binary-container-prebuild", lines: 60, tag: "prebuild")]),
      plan("binary-container-build-aarch64", [step("binary-container-build", lines: 300, tag: "aarch64")]),
      plan("binary-container-build-x86-64", [step("binary-container-build", lines: 280, tag: "x86_64")]),
      plan("binary-container-postbuild", [step("binary-container-postbuild", lines: 50, tag: "postbuild")]),
      plan(
        "binary-container-exit", [step("binary-container-exit", lines: 9, tag: "exit", finalNewline: false)]),
    ]
  }

  static let pipelineOrder = [
    "clone", "binary-container-init", "binary-container-cachito", "binary-container-hermeto",
    "binary-container-prebuild", "binary-container-build-x86-64", "binary-container-build-s390x",
    "binary-container-build-ppc64le", "binary-container-build-aarch64", "binary-container-postbuild",
    "binary-container-set-results", "binary-container-exit",
  ]

  /// tkn's text of one step: each line prefixed, a missing final newline added, an empty line after.
  static func text(_ plan: TektonLogServer.TaskRunPlan, _ step: TektonLogServer.Step) -> String {
    let prefix = "[\(plan.pipelineTask) : \(step.name)] "
    return step.lines.map { prefix + ($0.hasSuffix("\n") ? $0 : $0 + "\n") }.joined() + "\n"
  }

  static func client(_ server: TektonLogServer) throws -> TektonClient {
    let http = try HTTPClient(configuration: HTTPClientConfiguration(auth: .none))
    let openShift = OpenShiftClient(
      http: http, baseURL: server.server.baseURL, namespace: server.namespace, buildAPI: nil,
      options: OpenShiftClientOptions(
        maxAttempts: 4, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(50),
        maxReconnectFailures: 10))
    return TektonClient(openShift: openShift)
  }

  /// Ten cuts, spread over the containers, landing mid-line.
  static func cutTenTimes(_ server: TektonLogServer) {
    let plans = server.taskRuns
    let targets: [(Int, Int, [Int])] = [
      (1, 0, [700, 1_500]), (2, 1, [333]), (2, 2, [40]), (4, 0, [2_000, 4_111, 9_000]), (5, 0, [5_005]),
      (6, 0, [1_234]), (7, 0, [100]),
    ]
    for (plan, step, offsets) in targets {
      server.cut(pod: plans[plan].pod, container: plans[plan].steps[step].container, at: offsets)
    }
  }

  @Test func aFinishedRunIsReadInPipelineOrderByteExactAcrossTenCuts() async throws {
    let server = try TektonLogServer(
      run: Self.run, taskRuns: Self.taskRuns(), pipelineOrder: Self.pipelineOrder)
    Self.cutTenTimes(server)
    let stream = PipelineRunLogStream(tekton: try Self.client(server), name: Self.run)
    var received = Data()
    for try await event in stream.events() { received.append(PipelineRunLogText.text(of: event)) }

    let byTask = Dictionary(uniqueKeysWithValues: server.taskRuns.map { ($0.pipelineTask, $0) })
    let expected = Self.pipelineOrder.compactMap { byTask[$0] }.flatMap { plan in
      plan.steps.map { Self.text(plan, $0) }
    }.joined()
    #expect(String(decoding: received, as: UTF8.self) == expected)
    #expect(received == Data(expected.utf8))
    // Every cut forced a resumed request (plus the tail that proves each end).
    let requests = server.state.withLock { $0.logRequests.count }
    #expect(requests >= server.taskRuns.flatMap(\.steps).count + 10)
    #expect(server.state.withLock { $0.cuts.values.allSatisfy(\.isEmpty) })
  }

  /// tkn re-sorts a finished run's TaskRuns by completion time (start time where one has none), so
  /// times that contradict the pipeline's order win; equal times keep it (the sort is stable).
  @Test func aFinishedRunIsReadByCompletionTimeThenStartTimeOverPipelineOrder() async throws {
    let times: [String: (start: String, end: String?)] = [
      "clone": ("2026-12-04T16:17:00Z", "2026-12-04T16:17:10Z"),
      "binary-container-init": ("2026-12-04T16:17:10Z", "2026-12-04T16:17:10Z"),
      // prebuild ends first though the pipeline (and creation) puts hermeto before it.
      "binary-container-hermeto": ("2026-12-04T16:17:11Z", "2026-12-04T16:19:40.5Z"),
      "binary-container-prebuild": ("2026-12-04T16:17:11Z", "2026-12-04T16:19:40.25Z"),
      // aarch64 ends before x86-64, which the pipeline lists first.
      "binary-container-build-x86-64": ("2026-12-04T16:19:41Z", "2026-12-04T16:29:00Z"),
      "binary-container-build-aarch64": ("2026-12-04T16:19:41Z", "2026-12-04T16:25:00Z"),
      "binary-container-postbuild": ("2026-12-04T16:29:01Z", "2026-12-04T16:29:30Z"),
      // No completion time: ordered against the others by its start time.
      "binary-container-exit": ("2026-12-04T16:29:31Z", nil),
    ]
    let plans = Self.taskRuns().map { plan in
      var plan = plan
      plan.startTime = times[plan.pipelineTask]!.start
      plan.completionTime = times[plan.pipelineTask]!.end
      return plan
    }
    let server = try TektonLogServer(run: Self.run, taskRuns: plans, pipelineOrder: Self.pipelineOrder)
    let stream = PipelineRunLogStream(tekton: try Self.client(server), name: Self.run)
    var received = Data()
    for try await event in stream.events() { received.append(PipelineRunLogText.text(of: event)) }

    let byTask = Dictionary(uniqueKeysWithValues: plans.map { ($0.pipelineTask, $0) })
    let expectedOrder = [
      "clone", "binary-container-init", "binary-container-prebuild", "binary-container-hermeto",
      "binary-container-build-aarch64", "binary-container-build-x86-64", "binary-container-postbuild",
      "binary-container-exit",
    ]
    let expected = expectedOrder.map { byTask[$0]! }.flatMap { plan in plan.steps.map { Self.text(plan, $0) }
    }
    .joined()
    #expect(String(decoding: received, as: UTF8.self) == expected)
  }

  /// Ties keep the pipeline's order, whatever order the TaskRuns were created in; a TaskRun without a
  /// completion time is placed by its start time.
  @Test func logOrderIsStableWhereTimesTie() {
    func taskRun(_ task: String, start: String?, end: String?) -> TaskRun {
      TaskRun(
        metadata: ObjectMeta(name: "run-\(task)", labels: ["tekton.dev/pipelineTask": task]),
        status: TaskRunStatus(startTime: start, completionTime: end))
    }
    let created = [
      taskRun("c", start: "2026-12-04T16:20:00Z", end: nil),
      taskRun("b", start: "2026-12-04T16:17:00Z", end: "2026-12-04T16:18:00Z"),
      taskRun("a", start: "2026-12-04T16:17:00Z", end: "2026-12-04T16:18:00Z"),
      taskRun("d", start: "2026-12-04T16:16:00Z", end: nil),
    ]
    let ordered = PipelineRunLogStream.logOrder(created, pipelineOrder: ["a", "b", "c", "d"])
    // a and b tie on completion time: pipeline order. c and d have no end, so they are compared with the
    // others by start time: d started first, c last.
    #expect(ordered.map(\.pipelineTask) == ["d", "a", "b", "c"])
  }

  @Test func followingInterleavesParallelTaskRunsAndWaitsOutPodInitializing() async throws {
    let server = try TektonLogServer(
      run: Self.run,
      taskRuns: Self.taskRuns(appearing: [
        "binary-container-prebuild": 2, "binary-container-build-aarch64": 3,
        "binary-container-build-x86-64": 3,
        "binary-container-postbuild": 5, "binary-container-exit": 6,
      ]),
      pipelineOrder: Self.pipelineOrder, finishedAtRead: 7)
    Self.cutTenTimes(server)
    let x86 = server.taskRuns[5]
    server.waitToStart(pod: x86.pod, container: x86.steps[0].container, requests: 3)

    let stream = PipelineRunLogStream(tekton: try Self.client(server), name: Self.run, follow: true)
    var received = Data()
    for try await event in stream.events() { received.append(PipelineRunLogText.text(of: event)) }
    let text = String(decoding: received, as: UTF8.self)

    // Per step, its lines in order and complete; nothing else in the output.
    var remaining = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(remaining.last == "")
    remaining.removeLast()
    for plan in server.taskRuns {
      for step in plan.steps {
        let prefix = "[\(plan.pipelineTask) : \(step.name)] "
        let got = remaining.filter { $0.hasPrefix(prefix) }
        #expect(
          got == step.lines.map { prefix + ($0.hasSuffix("\n") ? String($0.dropLast()) : $0) },
          "\(plan.pipelineTask)/\(step.name)")
      }
    }
    let labelled = remaining.filter { $0.hasPrefix("[") }.count
    #expect(labelled == server.taskRuns.flatMap(\.steps).map(\.lines.count).reduce(0, +))
    #expect(
      remaining.filter(\.isEmpty).count == server.taskRuns.flatMap(\.steps).count, "one empty line per step")
    // The PodInitializing answers were waited out, not taken as the end or an error.
    #expect(server.state.withLock { $0.waiting.values.allSatisfy { $0 == 0 } })
  }

  /// A TaskRun whose pod failed in an init container (or was evicted) before its step started: the kubelet
  /// answers "waiting to start" for as long as the pod exists. The step has no log; the run's other steps
  /// are read, and the stream ends, following or not.
  @Test(arguments: [false, true])
  func aStepWhosePodEndedBeforeItStartedIsSkipped(follow: Bool) async throws {
    let server = try TektonLogServer(
      run: Self.run, taskRuns: Self.taskRuns(), pipelineOrder: Self.pipelineOrder)
    let x86 = server.taskRuns[5]
    let key = TektonLogServer.key(x86.pod, x86.steps[0].container)
    server.failInInit(pod: x86.pod, container: x86.steps[0].container)
    let stream = PipelineRunLogStream(tekton: try Self.client(server), name: Self.run, follow: follow)
    var received = Data()
    for try await event in stream.events() { received.append(PipelineRunLogText.text(of: event)) }

    // Each other step whole (following interleaves the TaskRuns that ran side by side), nothing of x86-64.
    let text = String(decoding: received, as: UTF8.self)
    let others = server.taskRuns.filter { $0.pod != x86.pod }
    for plan in others {
      for step in plan.steps {
        let prefix = "[\(plan.pipelineTask) : \(step.name)] "
        let lines = text.split(separator: "\n").filter { $0.hasPrefix(prefix) }.map { $0 + "\n" }.joined()
        #expect(lines + "\n" == Self.text(plan, step), "\(plan.pipelineTask)/\(step.name)")
      }
    }
    #expect(!text.contains("[\(x86.pipelineTask) :"))
    #expect(
      received.count == others.flatMap { plan in plan.steps.map { Self.text(plan, $0) } }.joined().utf8.count)
    #expect(server.state.withLock { $0.logRequests.count { $0 == key } } == 0)
  }

  /// Following a step the kubelet calls "waiting to start" whose pod has ended: the stream ends instead of
  /// asking again for as long as the pod exists.
  @Test func aFollowerWaitingForAStepStopsWhenItsPodEnds() async throws {
    let server = try TektonLogServer(
      run: Self.run, taskRuns: Self.taskRuns(), pipelineOrder: Self.pipelineOrder)
    let x86 = server.taskRuns[5]
    let key = TektonLogServer.key(x86.pod, x86.steps[0].container)
    let log = BuildLogStream(
      client: try Self.client(server).openShift, name: x86.pod, scope: .current, follow: true,
      keepTimestamps: false,
      container: x86.steps[0].container)
    var iterator = log.makeAsyncIterator()
    var chunks = 0
    // The pod failed in init: the kubelet says "waiting to start", the pod says Failed.
    server.failInInit(pod: x86.pod, container: x86.steps[0].container)
    while try await iterator.next() != nil { chunks += 1 }
    #expect(chunks == 0)
    #expect(server.state.withLock { $0.logRequests.count { $0 == key } } == 1)
  }

  /// Docker's json-file log stamps stdout and stderr lines in separate copiers, so a line can carry an
  /// older stamp than the one before it. Such a line is part of the log, not a repeat: it is delivered,
  /// on a first stream and after a resume alike; only a resumed stream's replay is skipped.
  @Test(arguments: [nil, 320])
  func aLineStampedOutOfOrderIsDeliveredNotTakenForARepeat(cut: Int?) async throws {
    let stamps = [
      "2026-12-04T16:17:10.000000001Z", "2026-12-04T16:17:10.000000003Z", "2026-12-04T16:17:10.000000002Z",
      "2026-12-04T16:17:10.000000004Z", "2026-12-04T16:17:10.000000003Z", "2026-12-04T16:17:10.000000005Z",
      "2026-12-04T16:17:10.000000006Z", "2026-12-04T16:17:10.000000007Z",
    ]
    let log = (0..<stamps.count).map { "line \($0) " + String(repeating: "o", count: 20) + "\n" }.joined()
    var plans = Self.taskRuns()
    plans[0].steps = [TektonLogServer.Step(name: "clone", log: log, stamps: stamps)]
    let server = try TektonLogServer(run: Self.run, taskRuns: plans, pipelineOrder: Self.pipelineOrder)
    let clone = server.taskRuns[0]
    // A stamped line is 59 bytes: 320 is inside line 5. The first stream delivered lines 2 and 4 though
    // stamped below the line before; the resume asks from 04, skips line 3 (04, delivered) and goes on.
    if let cut { server.cut(pod: clone.pod, container: clone.steps[0].container, at: [cut]) }
    let stream = BuildLogStream(
      client: try Self.client(server).openShift, name: clone.pod, scope: .current, follow: true,
      keepTimestamps: false, container: clone.steps[0].container)
    var received = Data()
    var iterator = stream.makeAsyncIterator()
    while let chunk = try await iterator.next() { received.append(chunk) }
    #expect(String(decoding: received, as: UTF8.self) == log)
    #expect(iterator.requests >= (cut == nil ? 1 : 2))
  }

  @Test func theStepOrderIsThePodsContainerOrder() {
    let pod = Pod(
      metadata: ObjectMeta(name: "p"),
      spec: PodSpec(containers: [.init(name: "prepare"), .init(name: "step-a"), .init(name: "step-b")]),
      status: PodStatus(phase: "Succeeded"))
    let taskRun = TaskRun(metadata: ObjectMeta(name: "tr"))
    #expect(
      PipelineRunLogStream.stepContainers(of: taskRun, pod: pod, current: true).map(\.name) == [
        "step-a", "step-b",
      ])
    #expect(PipelineRunLogText.step(ofContainer: "step-binary-container-build") == "binary-container-build")
  }
}

import Foundation

/// PipelineRun → every TaskRun → pod → node, as far as the cluster still knows it.
public struct NodesOfPipelineRun: Sendable, Equatable {
  public var pipelineRun: PipelineRun
  /// In the run's child order.
  public var taskRuns: [TaskRun]
  /// The run's pods by name (gone ones are absent).
  public var pods: [String: Pod]
  /// The nodes those pods ran on, by name (gone ones are absent).
  public var nodes: [String: Node]
}

extension TektonClient {
  /// The TaskRuns and pods of a run (one list each, by the `tekton.dev/pipelineRun` label), and each
  /// node a pod ran on (one GET per node).
  public func nodesOfPipelineRun(_ run: PipelineRun) async throws -> NodesOfPipelineRun {
    let scope = run.metadata.namespace.map(NamespaceScope.named) ?? .current
    let taskRuns = try await taskRuns(ofPipelineRun: run)
    var pods: [String: Pod] = [:]
    for pod in try await self.pods(ofPipelineRun: run.metadata.name, in: scope) {
      pods[pod.metadata.name] = pod
    }
    var nodes: [String: Node] = [:]
    for nodeName in Set(pods.values.compactMap(\.spec.nodeName)) where !nodeName.isEmpty {
      do {
        nodes[nodeName] = try await openShift.node(named: nodeName)
      } catch let error as OpenShiftError where error.failureKind == .notFound {
        continue
      }
    }
    return NodesOfPipelineRun(pipelineRun: run, taskRuns: taskRuns, pods: pods, nodes: nodes)
  }
}

extension TektonBuildHost {
  /// The build hosts of a run: its `task_build_result_<arch>` results, else the `task_result` of each
  /// `binary-container-build-<arch>` TaskRun (the arch written with `-` for `_`, as in the task name).
  public static func of(_ run: PipelineRun, taskRuns: [TaskRun]) -> [TektonBuildHost] {
    var hosts = run.buildHosts
    let known = Set(hosts.map(\.arch))
    let prefix = "binary-container-build-"
    for taskRun in taskRuns {
      guard let task = taskRun.pipelineTask, task.hasPrefix(prefix),
        let host = taskRun.status?.result("task_result"), !host.isEmpty
      else { continue }
      let arch = task.dropFirst(prefix.count).replacingOccurrences(of: "-", with: "_")
      if !known.contains(arch) { hosts.append(TektonBuildHost(arch: arch, buildHost: host)) }
    }
    return hosts.sorted { $0.arch < $1.arch }
  }
}

extension BuildNodeReport {
  public init(_ found: NodesOfPipelineRun) {
    let run = found.pipelineRun
    kind = BuildKind.pipelineRun.rawValue
    build = run.metadata.name
    namespace = run.metadata.namespace
    phase = run.state.phase.rawValue
    reason = run.state.reason
    taskRuns = found.taskRuns.map { taskRun in
      let pod = taskRun.status?.podName.flatMap { found.pods[$0] }
      let nodeName = pod?.spec.nodeName.flatMap { $0.isEmpty ? nil : $0 }
      let node = nodeName.flatMap { found.nodes[$0] }
      let retries = taskRun.podNames.dropLast()
      return TaskRunNode(
        pipelineTask: taskRun.pipelineTask, taskRun: taskRun.metadata.name, status: taskRun.state.display,
        pod: taskRun.status?.podName, retryPods: retries.isEmpty ? nil : Array(retries),
        podPhase: pod?.status.phase, podIP: pod?.status.podIP, node: nodeName,
        nodeIP: node?.internalIP ?? pod?.status.hostIP, nodeSchedulable: node?.isSchedulable,
        nodeReady: node?.isReady)
    }
    let hosts = TektonBuildHost.of(run, taskRuns: found.taskRuns)
    buildHosts = hosts
  }
}

/// `build cancel`: cancels each named Build or PipelineRun the way its kind is cancelled, leaving
/// finished ones alone.
public struct BuildCancellation: Sendable {
  public let locator: BuildLocator
  /// The `spec.status` value asked for on PipelineRuns.
  public let mode: TektonCancelMode

  public init(locator: BuildLocator, mode: TektonCancelMode = .cancelled) {
    self.locator = locator
    self.mode = mode
  }

  /// One outcome; a failure is returned in it (with its kind) so the other names still get their turn.
  public func cancel(named name: String, kind: BuildKind?) async -> (BuildCancelReport.Outcome, FailureKind?)
  {
    do {
      switch try await locator.find(named: name, kind: kind) {
      case .build(let before):
        let alreadyOver = before.status.phase.isTerminal || before.status.cancelled == true
        let after = alreadyOver ? before : try await locator.openShift.cancelBuild(named: name)
        return (
          BuildCancelReport.Outcome(
            kind: .build, build: name, phase: after.status.phase.rawValue, cancelled: !alreadyOver), nil
        )
      case .pipelineRun(let run):
        let scope = run.metadata.namespace.map(NamespaceScope.named) ?? .current
        let result = try await locator.tekton.cancelPipelineRun(named: name, in: scope, mode: mode)
        return (
          BuildCancelReport.Outcome(
            kind: .pipelineRun, build: name, phase: result.pipelineRun.state.display,
            cancelled: !result.alreadyFinished, cancelValue: result.acceptedValue), nil
        )
      }
    } catch let error as any ClassifiedError {
      return (
        BuildCancelReport.Outcome(
          kind: kind, build: name, phase: nil, cancelled: false, error: error.description), error.failureKind
      )
    } catch {
      return (
        BuildCancelReport.Outcome(kind: kind, build: name, phase: nil, cancelled: false, error: "\(error)"),
        .operationFailed
      )
    }
  }
}

extension BuildLocator {
  /// `build node`: for a Build, build → pod → node; for a PipelineRun, each TaskRun → pod → node and the
  /// remote build host of each architecture.
  public func nodeReport(named name: String, kind: BuildKind? = nil) async throws -> BuildNodeReport {
    switch try await find(named: name, kind: kind) {
    case .build(let build):
      let scope = build.metadata.namespace.map(NamespaceScope.named) ?? .current
      return BuildNodeReport(try await openShift.nodeOfBuild(named: name, in: scope))
    case .pipelineRun(let run):
      return BuildNodeReport(try await tekton.nodesOfPipelineRun(run))
    }
  }

  /// What `build watch` reports: each phase change of one Build or PipelineRun once, the first being the
  /// phase it has now; the stream ends after a final phase, and throws `BuildNotFound` when the object
  /// is deleted while watched. A missing object fails at once, not as a watch that never sees anything.
  public func phaseChanges(named name: String, kind: BuildKind? = nil) async throws -> AsyncThrowingStream<
    BuildPhaseEvent, any Error
  > {
    let found = try await find(named: name, kind: kind)
    let namespace = openShift.namespaceName(.current)
    let openShift = openShift
    let tekton = tekton
    return AsyncThrowingStream { continuation in
      let task = Task {
        do {
          var previous: String?
          switch found {
          case .build:
            for try await event in openShift.watchBuild(named: name) {
              if event.type == .deleted {
                throw BuildNotFound(name: name, namespace: namespace, kinds: [.build])
              }
              let phase = event.object.status.phase
              guard phase.rawValue != previous else { continue }
              let change = BuildPhaseEvent(build: event.object, previousPhase: previous.map(BuildPhase.init))
              continuation.yield(change)
              previous = phase.rawValue
              if change.final { break }
            }
          case .pipelineRun(let run):
            let scope = run.metadata.namespace.map(NamespaceScope.named) ?? .current
            for try await event in tekton.watchPipelineRun(named: name, in: scope) {
              if event.type == .deleted {
                throw BuildNotFound(name: name, namespace: namespace, kinds: [.pipelineRun])
              }
              let change = BuildPhaseEvent(pipelineRun: event.object, previousPhase: previous)
              // `PipelineRunStopping` already shows as Failed while the rest runs; its end is Failed too.
              guard change.phase != previous || change.final else { continue }
              continuation.yield(change)
              previous = change.phase
              if change.final { break }
            }
          }
          continuation.finish()
        } catch {
          continuation.finish(throwing: error)
        }
      }
      continuation.onTermination = { _ in task.cancel() }
    }
  }
}

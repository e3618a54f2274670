import Foundation
import OSBSKit

/// What koji-containerbuild's builder would do with a `buildContainer` task, decided up front: when a
/// host opens it, which logs it writes and how they grow, and how it ends.
extension KojiHubState {
  mutating func nextScript(source: String) -> KojiBuildScript {
    if !script.isEmpty {
      var entry = script.removeFirst()
      if entry.repeatCount > 1 {
        var rest = entry
        rest.repeatCount -= 1
        script.insert(rest, at: 0)
        entry.repeatCount = 1
      }
      return entry
    }
    var entry = configuration.defaultBuild
    // As in the captured session: a repository called fail-me fails.
    if Self.component(of: source).contains("fail-me") {
      entry.outcome = .fail
      entry.failureReason = entry.failureReason ?? "Error in plugin orchestrate_build: simulated failure"
    }
    return entry
  }

  /// Creates the task (and its future children) and returns its id.
  mutating func submitContainerBuild(
    source: String, target: String, opts: XMLRPCValue, owner: Int, priority: Int, channelID: Int, now: Date
  ) -> Int {
    var plan = nextScript(source: source)
    // A 1.4.0 builder runs every arch in one pipeline run: no createContainer children.
    if plan.builder == .kcb140 { plan.children = false }
    let id = nextTaskID
    nextTaskID += 1 + (plan.children ? plan.arches.count : 0)
    let openAt = now + plan.openAfterSeconds
    let finishAt = openAt + plan.durationSeconds
    let component = Self.component(of: source)
    let release = Self.release(of: target)
    let scratch = opts["scratch"]?.boolValue ?? false
    let knownTarget = seed.targets.contains { $0.name == target }

    var parent = KojiTaskRecord(
      id: id, method: "buildContainer", arch: "noarch", label: nil, parent: nil, owner: owner,
      channelID: channelID,
      priority: priority, request: [.string(source), .string(target), opts], hostID: 1, createdAt: now,
      openAt: openAt, finishAt: finishAt, result: .success(.null), files: [:])
    parent.hasChildren = plan.children

    var buildIDs: [Int] = []
    if knownTarget && plan.outcome == .success && !scratch {
      let buildID = nextBuildID
      nextBuildID += 1
      builds[buildID] = KojiBuildRecord(
        id: buildID, name: component, version: "1.0", release: "\(buildID)", taskID: id, ownerID: owner,
        createdAt: openAt, completedAt: finishAt)
      buildIDs.append(buildID)
      parent.kojiBuildID = buildID
    }
    let repositories = Self.repositories(
      registry: configuration.registry, component: component, release: release, taskID: id, scratch: scratch,
      buildID: buildIDs.first)

    let firstBuildName: String
    if plan.children {
      let childOpenDelay = min(0.5, plan.durationSeconds * 0.1)
      let childFinish = finishAt - min(0.5, plan.durationSeconds * 0.05)
      var names: [String] = []
      for (index, arch) in plan.arches.enumerated() {
        let childID = id + 1 + index
        let name = "\(component)-\(release)-\(childID)"
        names.append(name)
        let childOpen = openAt + childOpenDelay
        let childEnd = max(childOpen, childFinish)
        var child = KojiTaskRecord(
          id: childID, method: "createContainer", arch: arch, label: "\(arch)-container", parent: id,
          owner: owner,
          channelID: channelID, priority: priority,
          request: [
            .string(source), .object(["name": .string(target)]), .string(arch), .bool(scratch), .null,
            opts["git_branch"] ?? .null, .null,
          ],
          hostID: Self.host(for: arch, index: index), createdAt: openAt, openAt: childOpen,
          finishAt: childEnd,
          result: .success(
            .object([
              "arch": .string(arch), "task_id": .int(Int64(childID)), "osbs_build_id": .string(name),
              "files": .array([]), "repositories": .array(repositories.map { .string($0) }),
              "koji_build_id": buildIDs.first.map { .int(Int64($0)) } ?? .null,
            ])),
          files: [:])
        child.osbsBuildName = name
        child.files = files(
          plan: plan, arch: arch, source: source, target: target, component: component, buildName: name,
          openAt: childOpen, finishAt: childEnd, includeIncremental: true)
        tasks[childID] = child
      }
      firstBuildName = names[0]
    } else if plan.builder == .kcb140 {
      firstBuildName = Self.pipelineRunName(component: component, release: release, taskID: id, at: openAt)
      parent.files = kcb140Files(
        plan: plan, source: source, runName: firstBuildName, component: component, openAt: openAt,
        finishAt: finishAt, buildID: buildIDs.first,
        repositories: Self.kcb140Repositories(
          registry: configuration.registry, component: component, target: target, taskID: id, at: openAt,
          scratch: scratch, buildID: buildIDs.first), scratch: scratch)
      parent.runsOnTekton = true
      let runPlan = Self.tektonRunPlan(plan, runName: firstBuildName, uniqueImage: "")
      parent.failedPipelineTask = runPlan.failedTask
      parent.failedStepMessage = runPlan.failedStepMessage
    } else {
      firstBuildName = "\(component)-\(release)-\(id)"
      var files: [String: KojiTaskFile] = [:]
      for arch in plan.arches {
        files.merge(
          self.files(
            plan: plan, arch: arch, source: source, target: target, component: component,
            buildName: firstBuildName,
            openAt: openAt, finishAt: finishAt, includeIncremental: files.isEmpty)
        ) { first, _ in first }
      }
      parent.files = files
    }
    parent.osbsBuildName = firstBuildName

    switch plan.outcome {
    case .success where knownTarget && plan.builder == .kcb140:
      // koji-containerbuild 1.4.0's create_task_response(): the build ids are strings (capture 78).
      let pullSpecs = Self.kcb140Repositories(
        registry: configuration.registry, component: component, target: target, taskID: id, at: openAt,
        scratch: scratch, buildID: buildIDs.first)
      parent.result = .success(
        .object([
          "repositories": .array(pullSpecs.map { .string($0) }),
          "koji_builds": .array(buildIDs.map { .string(String($0)) }),
        ]))
    case .success where knownTarget:
      parent.result = .success(
        .object([
          "repositories": .array(repositories.map { .string($0) }),
          "koji_builds": .array(buildIDs.map { .int(Int64($0)) }),
        ]))
    case .success:
      parent.result = .failure(XMLRPCFault(code: 1005, message: "Target `\(target)` not found"))
    case .fail where plan.builder == .kcb140:
      parent.result = .failure(
        XMLRPCFault(
          code: plan.faultCode ?? 2001, message: Self.tektonFaultText(plan, runName: firstBuildName)))
    case .fail:
      let reason = plan.failureReason.map { "\($0). " } ?? ""
      parent.result = .failure(
        XMLRPCFault(
          code: plan.faultCode ?? 2001,
          message: "Image build failed. \(reason)OSBS build id: \(firstBuildName)"))
    case .cancel:
      parent.result = .failure(
        XMLRPCFault(code: plan.faultCode ?? 2002, message: "Image build was cancelled by OSBS."))
    }
    tasks[id] = parent
    return id
  }

  /// `<component>-<release>-<10 hex digits>-<yyyyMMddHHmmss>`, as osbs-client 2 names a pipeline run
  /// (capture 77: `hello-world-f45-8832c97860-20261204161658`).
  static func pipelineRunName(component: String, release: String, taskID: Int, at date: Date) -> String {
    "\(component)-\(release)-\(digest(of: "\(component)-\(taskID)").prefix(10))-\(timestamp(date))"
  }

  static func timestamp(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
    return "\(parts.year ?? 0)\(two(parts.month))\(two(parts.day))\(two(parts.hour))\(two(parts.minute))"
      + two(parts.second)
  }

  /// Capture 78: `name:version-release`, `name:<target>-<random>-<timestamp>`, `name:latest`, `name:version`;
  /// a scratch build has only the unique tag.
  static func kcb140Repositories(
    registry: String, component: String, target: String, taskID: Int, at date: Date, scratch: Bool,
    buildID: Int?
  ) -> [String] {
    let random = 10_000 + Int(taskID * 7919 % 90_000)
    let unique = "\(registry)/\(component):\(target)-\(random)-\(timestamp(date))"
    guard !scratch else { return [unique] }
    return [
      "\(registry)/\(component):1.0-\(buildID ?? taskID)", unique, "\(registry)/\(component):latest",
      "\(registry)/\(component):1.0",
    ]
  }

  private func files(
    plan: KojiBuildScript, arch: String, source: String, target: String, component: String, buildName: String,
    openAt: Date, finishAt: Date, includeIncremental: Bool
  ) -> [String: KojiTaskFile] {
    var files: [String: KojiTaskFile] = [:]
    if includeIncremental {
      let head = Self.incrementalLog(
        source: source, target: target, component: component, buildName: buildName, at: openAt,
        namespace: configuration.openshiftNamespace)
      files["openshift-incremental.log"] = KojiTaskFile(
        content: .fixed(Array(head.utf8)), appearsAt: openAt, growthStart: openAt, growthEnd: openAt)
    }
    let endMilliseconds = Int64((finishAt.timeIntervalSince1970 * 1000).rounded())
    let tail: String
    switch plan.outcome {
    case .success: tail = "[\(arch)] build finished"
    case .fail: tail = "[\(arch)] build failed: \(plan.failureReason ?? "atomic-reactor returned an error")"
    case .cancel: tail = "[\(arch)] build cancelled"
    }
    let level = plan.outcome == .success ? "INFO" : "ERROR"
    let log = SimulatedLog(
      targetBytes: plan.logBytes, arch: arch, component: component, buildName: buildName, start: openAt,
      duration: finishAt.timeIntervalSince(openAt),
      tail: "\(KojiTime.logString(milliseconds: endMilliseconds)) - atomic_reactor - \(level) - \(tail)\n")
    files["\(arch).log"] = KojiTaskFile(
      content: .growing(log, bytesPerSecond: plan.logBytesPerSecond), appearsAt: openAt, growthStart: openAt,
      growthEnd: finishAt)
    return files
  }

  /// The osbs-client/atomic-reactor lines that name the OpenShift build, including the `build json` dump
  /// with `openshift_build_selflink` that log parsers look for.
  static func incrementalLog(
    source: String, target: String, component: String, buildName: String, at date: Date, namespace: String
  ) -> String {
    let time = KojiTime.logString(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded()))
    let selfLink = "/oapi/v1/namespaces/\(namespace)/builds/\(buildName)"
    let parts = source.split(separator: "#", maxSplits: 1).map(String.init)
    let uri = parts[0].hasPrefix("git+") ? String(parts[0].dropFirst(4)) : parts[0]
    let commit = parts.count > 1 ? parts[1] : "HEAD"
    return """
      \(time) - osbs.api - DEBUG - create_prod_build: source=\(source) target=\(target)
      \(time) - osbs.api - INFO - build created: {'metadata': {'name': '\(buildName)', 'namespace': '\(namespace)', \
      'selfLink': '\(selfLink)'}}
      \(time) - osbs.build.build_response - DEBUG - build annotations: {'openshift_build_selflink': \
      u'\(selfLink)', 'build_name': u'\(buildName)'}
      \(time) - atomic_reactor.plugins.input_osv3 - DEBUG - build json: {'image': u'\(component):\(buildName)', \
      'openshift_build_selflink': u'\(selfLink)', 'source': {'provider': 'git', 'uri': u'\(uri)', \
      'provider_params': {'git_commit': u'\(commit)'}}}
      \(time) - osbs.api - INFO - watching build \(buildName)

      """
  }

  static func component(of source: String) -> String {
    let withoutFragment = source.split(separator: "#", maxSplits: 1).first.map(String.init) ?? source
    var last = withoutFragment.split(separator: "/").last.map(String.init) ?? "image"
    if last.hasSuffix(".git") { last.removeLast(4) }
    return last.isEmpty ? "image" : last
  }

  static func release(of target: String) -> String {
    target.hasSuffix("-container-candidate") ? String(target.dropLast("-container-candidate".count)) : target
  }

  static func host(for arch: String, index: Int) -> Int {
    arch == "aarch64" ? 3 : (index % 2 == 0 ? 1 : 2)
  }

  static func repositories(
    registry: String, component: String, release: String, taskID: Int, scratch: Bool, buildID: Int?
  ) -> [String] {
    let tag = scratch ? "\(release)-scratch-\(taskID)" : "1.0-\(buildID ?? taskID)"
    return [
      "\(registry)/\(component):\(tag)",
      "\(registry)/\(component)@sha256:\(digest(of: "\(component):\(tag)"))",
    ]
  }

  /// 64 hex digits derived from `text` (a stand-in for an image digest; same input, same digest).
  static func digest(of text: String) -> String {
    var state: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      state = (state ^ UInt64(byte)) &* 0x0100_0000_01b3
    }
    var out = ""
    for _ in 0..<4 {
      state &+= 0x9e37_79b9_7f4a_7c15
      var mixed = state
      mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
      mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
      mixed ^= mixed >> 31
      let hex = String(mixed, radix: 16)
      out += String(repeating: "0", count: 16 - hex.count) + hex
    }
    return out
  }
}

import Foundation
import OSBSKit

/// A long build history for prune tests and benchmarks: many builds of mixed phases and ages over
/// several BuildConfigs and namespaces, some of them orphans, generated deterministically from a seed.
///
/// Control API: `POST /_sandbox/openshift/build-history` with this object (every field optional)
/// answers a `BuildHistorySummary`; `POST /_sandbox/openshift/build-touches` `{"builds": ["ns/name"]}`
/// changes those builds (a new annotation, so a new resourceVersion) as another client would.
public struct BuildHistorySpec: Codable, Sendable, Equatable {
  /// The same seed (and the same other fields) gives the same builds, names, phases and ages.
  public var seed: UInt64
  public var builds: Int
  /// Default: the cluster's namespace and `<namespace>-stage`.
  public var namespaces: [String]?
  /// BuildConfigs that exist (`bc-00`, `bc-01`, …), spread over the namespaces.
  public var buildConfigs: Int
  /// BuildConfigs that builds name but that do not exist (`gone-00`, …): their builds are orphans.
  public var deletedBuildConfigs: Int
  /// Builds with an empty `status.config` (`adhoc-N`), in percent.
  public var withoutConfigPercent: Int
  /// Creation times spread evenly (in a shuffled order) over this many hours before now. No build is
  /// between 50 and 70 minutes old, so the default `--keep-younger-than=60m` cut never depends on the
  /// second a test runs.
  public var maxAgeHours: Int
  /// Only Complete, Failed, Error and Cancelled builds (every build prunable with zero limits).
  public var finishedOnly: Bool

  public init(
    seed: UInt64 = 1, builds: Int = 10_000, namespaces: [String]? = nil, buildConfigs: Int = 40,
    deletedBuildConfigs: Int = 8, withoutConfigPercent: Int = 2, maxAgeHours: Int = 720,
    finishedOnly: Bool = false
  ) {
    self.seed = seed
    self.builds = builds
    self.namespaces = namespaces
    self.buildConfigs = buildConfigs
    self.deletedBuildConfigs = deletedBuildConfigs
    self.withoutConfigPercent = withoutConfigPercent
    self.maxAgeHours = maxAgeHours
    self.finishedOnly = finishedOnly
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = BuildHistorySpec()
    seed = try container.decodeIfPresent(UInt64.self, forKey: .seed) ?? defaults.seed
    builds = try container.decodeIfPresent(Int.self, forKey: .builds) ?? defaults.builds
    namespaces = try container.decodeIfPresent([String].self, forKey: .namespaces)
    buildConfigs = try container.decodeIfPresent(Int.self, forKey: .buildConfigs) ?? defaults.buildConfigs
    deletedBuildConfigs =
      try container.decodeIfPresent(Int.self, forKey: .deletedBuildConfigs) ?? defaults.deletedBuildConfigs
    withoutConfigPercent =
      try container.decodeIfPresent(Int.self, forKey: .withoutConfigPercent) ?? defaults.withoutConfigPercent
    maxAgeHours = try container.decodeIfPresent(Int.self, forKey: .maxAgeHours) ?? defaults.maxAgeHours
    finishedOnly = try container.decodeIfPresent(Bool.self, forKey: .finishedOnly) ?? false
  }

  /// Why the spec cannot be generated; nil when it can.
  var problem: String? {
    if builds < 0 || builds > 1_000_000 { return "builds must be between 0 and 1000000" }
    if buildConfigs < 1 { return "buildConfigs must be at least 1" }
    if deletedBuildConfigs < 0 { return "deletedBuildConfigs must not be negative" }
    if !(0...100).contains(withoutConfigPercent) { return "withoutConfigPercent must be 0-100" }
    if maxAgeHours < 2 { return "maxAgeHours must be at least 2" }
    if let namespaces, namespaces.isEmpty || namespaces.contains(where: \.isEmpty) {
      return "namespaces must be non-empty names"
    }
    return nil
  }
}

public struct BuildHistorySummary: Codable, Sendable, Equatable {
  public var builds: Int
  public var buildConfigs: Int
  public var byPhase: [String: Int]
  public var namespaces: [String]
}

extension OpenShiftCluster {
  /// Phases in the proportions a busy build system has (percent).
  static let historyPhaseWeights: [(BuildPhase, Int)] = [
    (.complete, 50), (.failed, 18), (.error, 7), (.cancelled, 9), (.new, 5), (.pending, 5), (.running, 6),
  ]

  /// Adds the history `spec` describes (no pods or logs: prune reads only builds and BuildConfigs).
  @discardableResult
  public func seedBuildHistory(_ spec: BuildHistorySpec) -> BuildHistorySummary {
    var random = SplitMix64(seed: spec.seed)
    let namespaces = spec.namespaces ?? [configuration.namespace, configuration.namespace + "-stage"]
    let now = ClusterClock.nowSeconds()
    let count = max(0, spec.builds)
    // A shuffled even spread of ages: every build has its own creation second.
    var order = Array(0..<count)
    if count > 1 {
      for index in stride(from: count - 1, to: 0, by: -1) {
        order.swapAt(index, Int(random.next() % UInt64(index + 1)))
      }
    }
    let spacing = max(1, Int64(spec.maxAgeHours) * 3600 / Int64(max(1, count)))
    struct ConfigRef {
      var namespace: String
      var name: String
      var exists: Bool
      var number = 0
    }
    var configs =
      (0..<spec.buildConfigs).map {
        ConfigRef(
          namespace: namespaces[$0 % namespaces.count], name: String(format: "bc-%02d", $0), exists: true)
      }
      + (0..<spec.deletedBuildConfigs).map {
        ConfigRef(
          namespace: namespaces[$0 % namespaces.count], name: String(format: "gone-%02d", $0), exists: false)
      }
    var byPhase: [String: Int] = [:]
    var adhocNumber = 0
    mutate { state in
      for index in 0..<count {
        var age = 60 + Int64(order[index]) * spacing
        if age >= 50 * 60 { age += 20 * 60 }
        let created = now - age
        let weights = Self.historyPhaseWeights.filter { !spec.finishedOnly || $0.0.isTerminal }
        var roll = Int(random.next() % UInt64(weights.reduce(0) { $0 + $1.1 }))
        var phase = BuildPhase.complete
        for (candidate, weight) in weights {
          if roll < weight {
            phase = candidate
            break
          }
          roll -= weight
        }
        let withoutConfig = Int(random.next() % 100) < spec.withoutConfigPercent
        let pick = Int(random.next() % UInt64(configs.count))
        var labels: [String: String] = [:]
        var annotations: [String: String] = [:]
        let namespace: String
        let name: String
        var reference: ObjectReference?
        // Numbers continue after builds already there, so a second history adds builds, replacing none.
        func unused(_ base: String, in namespace: String, after number: inout Int) -> String {
          repeat {
            number += 1
          } while state.objects[.builds]?[
            ClusterObject.key(namespace: namespace, name: "\(base)-\(number)")] != nil
          return "\(base)-\(number)"
        }
        if withoutConfig {
          namespace = namespaces[index % namespaces.count]
          name = unused("adhoc", in: namespace, after: &adhocNumber)
        } else {
          namespace = configs[pick].namespace
          name = unused(configs[pick].name, in: namespace, after: &configs[pick].number)
          labels[OpenShiftKeys.buildConfigName] = configs[pick].name
          annotations[OpenShiftKeys.buildConfigName] = configs[pick].name
          annotations[OpenShiftKeys.buildNumber] = String(configs[pick].number)
          reference = ObjectReference(kind: "BuildConfig", namespace: namespace, name: configs[pick].name)
        }
        var status = BuildStatus(phase: phase, config: reference)
        if phase != .new && phase != .pending {
          status.startTimestamp = ClusterClock.rfc3339(seconds: created + 5)
        }
        if phase.isTerminal {
          let duration = Int64(60 + random.next() % 1800)
          status.completionTimestamp = ClusterClock.rfc3339(seconds: created + 5 + duration)
          status.duration = duration * 1_000_000_000
          if phase == .cancelled { status.cancelled = true }
        }
        let build = Build(
          metadata: ObjectMeta(
            name: name, namespace: namespace, creationTimestamp: ClusterClock.rfc3339(seconds: created),
            labels: labels.isEmpty ? nil : labels, annotations: annotations.isEmpty ? nil : annotations),
          spec: BuildSpec(serviceAccount: "builder", strategy: BuildStrategy(type: "Custom")),
          status: status)
        _ = save(.build(build), kind: .builds, type: "ADDED", in: &state)
        byPhase[phase.rawValue, default: 0] += 1
      }
      for config in configs where config.exists {
        let key = ClusterObject.key(namespace: config.namespace, name: config.name)
        let existing = state.objects[.buildconfigs]?[key]
        let object = BuildConfig(
          metadata: ObjectMeta(
            name: config.name, namespace: config.namespace,
            creationTimestamp: ClusterClock.rfc3339(seconds: now - Int64(spec.maxAgeHours) * 3600 - 3600)),
          spec: BuildSpec(serviceAccount: "builder", strategy: BuildStrategy(type: "Custom")),
          status: BuildConfigStatus(lastVersion: config.number))
        _ = save(
          .buildConfig(object), kind: .buildconfigs, type: existing == nil ? "ADDED" : "MODIFIED", in: &state)
      }
    }
    return BuildHistorySummary(
      builds: count, buildConfigs: configs.count { $0.exists }, byPhase: byPhase, namespaces: namespaces)
  }

  /// Every build in every namespace, by `namespace/name`.
  public func allBuilds() -> [String: Build] {
    state.withLock { state in
      var builds: [String: Build] = [:]
      for object in (state.objects[.builds] ?? [:]).values {
        if case .build(let build) = object { builds[build.objectKey] = build }
      }
      return builds
    }
  }

  /// Every BuildConfig as `namespace/name`.
  public func buildConfigKeys() -> Set<String> {
    state.withLock { Set(($0.objects[.buildconfigs] ?? [:]).values.map(\.key)) }
  }

  /// Changes the builds named `namespace/name` as another client would (an annotation, so each gets a
  /// new resourceVersion); returns how many existed.
  @discardableResult
  public func touchBuilds(_ ids: [String]) -> Int {
    mutate { state in
      var touched = 0
      for id in ids {
        let parts = id.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2,
          case .build(var build) = state.objects[.builds]?[
            ClusterObject.key(namespace: parts[0], name: parts[1])]
        else { continue }
        build.metadata.annotations = (build.metadata.annotations ?? [:]).merging(
          ["sandbox.osbs/touched": String(state.version + 1)]) { $1 }
        _ = save(.build(build), kind: .builds, in: &state)
        touched += 1
      }
      return touched
    }
  }

  struct BuildTouches: Codable { var builds: [String] }
  struct TouchCount: Codable { var touched: Int }

  func buildHistoryRoutes(into router: inout SandboxRouter) {
    router.add("POST", "/_sandbox/openshift/build-history") { [self] request in
      if let refusal = buildsRefused { return refusal }
      let spec: BuildHistorySpec
      do {
        spec = try JSONDecoder().decode(
          BuildHistorySpec.self, from: request.body.isEmpty ? Data("{}".utf8) : request.body)
      } catch {
        return .json(ControlFailure(error: "invalid build history spec: \(error)"), status: 400)
      }
      if let problem = spec.problem { return .json(ControlFailure(error: problem), status: 400) }
      return .json(seedBuildHistory(spec), status: 201)
    }
    router.add("POST", "/_sandbox/openshift/build-touches") { [self] request in
      guard let touches = try? JSONDecoder().decode(BuildTouches.self, from: request.body) else {
        return .json(ControlFailure(error: "expected {\"builds\": [\"namespace/name\", ...]}"), status: 400)
      }
      return .json(TouchCount(touched: touchBuilds(touches.builds)))
    }
  }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64): the same seed gives the same
/// history on every platform, which `SystemRandomNumberGenerator` would not.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }
}

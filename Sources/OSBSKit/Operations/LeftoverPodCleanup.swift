import Foundation

/// What a leftover cleanup (`node probe --cleanup`, `fleet cleanup`) found and did: every pod its label
/// selector matched in scope, and per pod whether it was (or would be) deleted or kept.
public struct LeftoverPodCleanupReport: Codable, Sendable, Equatable {
  public struct Entry: Codable, Sendable, Equatable {
    public var namespace: String
    public var name: String
    public var node: String?
    public var phase: String
    public var ageSeconds: Int?
    /// `deleted`, `would-delete`, `kept` or `failed`.
    public var action: String
    public var reason: String

    enum CodingKeys: String, CodingKey {
      case namespace, name
      case node = "nodeName"
      case phase, ageSeconds, action, reason
    }

    public init(
      namespace: String, name: String, node: String?, phase: String, ageSeconds: Int?, action: String,
      reason: String
    ) {
      self.namespace = namespace
      self.name = name
      self.node = node
      self.phase = phase
      self.ageSeconds = ageSeconds
      self.action = action
      self.reason = reason
    }
  }

  public var dryRun: Bool
  public var selector: String
  public var minAgeSeconds: Int
  /// The nodes the cleanup was limited to; nil: every node.
  public var nodes: [String]?
  public var pods: [Entry]
  public var deleted: Int
  public var wouldDelete: Int
  public var kept: Int
  public var failed: Int

  enum CodingKeys: String, CodingKey {
    case dryRun, selector, minAgeSeconds
    case nodes = "nodeNames"
    case pods, deleted, wouldDelete, kept, failed
  }

  public init(dryRun: Bool, selector: String, minAgeSeconds: Int, nodes: [String]?, pods: [Entry]) {
    self.dryRun = dryRun
    self.selector = selector
    self.minAgeSeconds = minAgeSeconds
    self.nodes = nodes
    self.pods = pods
    deleted = pods.filter { $0.action == "deleted" }.count
    wouldDelete = pods.filter { $0.action == "would-delete" }.count
    kept = pods.filter { $0.action == "kept" }.count
    failed = pods.filter { $0.action == "failed" }.count
  }
}

/// Removes the pods an interrupted or killed osbsctl left behind, found by the label its one-shot pods
/// carry (`node probe`: `osbsctl.io/probe=true`; `fleet`: `osbsctl.io/fleet`), optionally only those on
/// some nodes. A pod younger than `minimumAge` is kept, since a run going on right now may own it (such a
/// pod lives at most its run's timeout plus a grace period). Without `confirm` nothing is deleted: the
/// report says what would be.
public struct LeftoverPodCleanup: Sendable {
  /// Which pods, and what to call them in the report's reasons.
  public struct Leftovers: Sendable, Equatable {
    /// A label selector: `key=value`, or `key` for any value.
    public var selector: String
    /// What made them, for people: `probe`, `fleet`.
    public var owner: String

    public init(selector: String, owner: String) {
      self.selector = selector
      self.owner = owner
    }

    /// `node probe`'s pods.
    public static let probePods = Leftovers(selector: "\(NetworkProbeRequest.label)=true", owner: "probe")
    /// Every fleet run's pods; `fleetPods(run:)` one run's.
    public static let fleetPods = Leftovers(selector: FleetTask.runLabel, owner: "fleet")
    public static func fleetPods(run: String) -> Leftovers {
      Leftovers(selector: "\(FleetTask.runLabel)=\(run)", owner: "fleet")
    }
  }

  public let client: OpenShiftClient
  public let leftovers: Leftovers
  public let scope: NamespaceScope
  public let minimumAge: Duration
  public let confirm: Bool

  public static let defaultMinimumAge: Duration = .seconds(600)

  public init(
    client: OpenShiftClient, leftovers: Leftovers, scope: NamespaceScope = .current,
    minimumAge: Duration = defaultMinimumAge, confirm: Bool
  ) {
    self.client = client
    self.leftovers = leftovers
    self.scope = scope
    self.minimumAge = minimumAge
    self.confirm = confirm
  }

  /// Cleans up on the named nodes and those matching `nodeSelector`; neither: on every node.
  public func run(nodeNames: [String] = [], nodeSelector: String? = nil, now: Date = Date()) async throws
    -> LeftoverPodCleanupReport
  {
    var nodes: Set<String>?
    if !nodeNames.isEmpty || nodeSelector != nil {
      var chosen = Set(nodeNames)
      if let nodeSelector {
        chosen.formUnion(
          try await client.nodes(selector: ListSelector(labels: nodeSelector)).collect().map(\.metadata.name))
      }
      nodes = chosen
    }
    let selector = leftovers.selector
    let pods = try await client.pods(in: scope, selector: ListSelector(labels: selector)).collect()
      .filter { pod in nodes.map { $0.contains(pod.spec.nodeName ?? "") } ?? true }
      .sorted {
        ($0.metadata.namespace ?? "", $0.metadata.name) < ($1.metadata.namespace ?? "", $1.metadata.name)
      }
    let minimumSeconds = Int(minimumAge.components.seconds)
    var entries: [LeftoverPodCleanupReport.Entry] = []
    for pod in pods {
      let age = pod.metadata.creationTimestamp.flatMap { UTCTime.parseRFC3339(Substring($0)) }.map {
        Int(now.timeIntervalSince1970) - Int($0.seconds)
      }
      let namespace = pod.metadata.namespace ?? ""
      var entry = LeftoverPodCleanupReport.Entry(
        namespace: namespace, name: pod.metadata.name, node: pod.spec.nodeName,
        phase: pod.status.phase ?? "Unknown", ageSeconds: age, action: "would-delete",
        reason: "\(leftovers.owner) pod older than \(minimumSeconds)s")
      if let age, age < minimumSeconds {
        entry.action = "kept"
        entry.reason = "younger than \(minimumSeconds)s: a running \(leftovers.owner) may own it"
      } else if confirm {
        do {
          try await client.deletePod(named: pod.metadata.name, in: .named(namespace))
          entry.action = "deleted"
        } catch let error as OpenShiftError where error.failureKind == .notFound {
          entry.action = "deleted"
          entry.reason = "already gone"
        } catch {
          entry.action = "failed"
          entry.reason = "\(error)"
        }
      }
      entries.append(entry)
    }
    return LeftoverPodCleanupReport(
      dryRun: !confirm, selector: selector, minAgeSeconds: minimumSeconds, nodes: nodes.map { $0.sorted() },
      pods: entries)
  }
}

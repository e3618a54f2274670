import ArgumentParser
import Foundation
import OSBSKit

struct NodeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "node",
    abstract: "List nodes and their build pods; cordon, uncordon, drain and probe build nodes.",
    subcommands: [
      NodeListCommand.self, NodePodsCommand.self, NodeCordonCommand.self, NodeUncordonCommand.self,
      NodeDrainCommand.self, NodeProbeCommand.self,
    ])
}

extension NodeSummary: TablePresentable {
  static func columns(wide: Bool) -> [String] {
    wide
      ? ["name", "status", "roles", "age", "version", "internal-ip", "build-pods", "build-pod-ips"]
      : ["name", "status", "roles", "age", "version", "build-pods"]
  }

  func rows(wide: Bool) -> [[String]] {
    let base = [
      name, status, roles.isEmpty ? "<none>" : roles.joined(separator: ","), HumanDuration.age(of: created),
      kubeletVersion ?? "<unknown>",
    ]
    guard wide else { return [base + ["\(buildPods)"]] }
    return [
      base + [
        internalIP ?? "<none>", "\(buildPods)",
        buildPodIPs.isEmpty ? "<none>" : buildPodIPs.joined(separator: ","),
      ]
    ]
  }

  var resourceNames: [String] { ["node/\(name)"] }
}

extension NodeListReport: HumanPresentation {
  var emptyMessage: String? { nodes.isEmpty ? "No nodes found." : nil }
}

extension NodeListReport: TablePresentable {
  static func columns(wide: Bool) -> [String] { NodeSummary.columns(wide: wide) }
  func rows(wide: Bool) -> [[String]] { nodes.flatMap { $0.rows(wide: wide) } }
  var resourceNames: [String] { nodes.flatMap(\.resourceNames) }
}

struct NodeListCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List nodes: readiness, SchedulingDisabled when cordoned, and running build pods.",
    discussion: discussion(
      "-o wide adds the node's internal IP and the IPs of its build pods.",
      examples: [
        HelpExample(
          "Nodes with status, roles and build pods",
          "osbsctl node list"),
        HelpExample(
          "With the nodes' and build pods' IPs",
          "osbsctl node list -o wide"),
        HelpExample(
          "Only the nodes with a label",
          "osbsctl node list -l region=build"),
      ]))

  @Option(
    name: [.customShort("l"), .customLong("selector")], help: "Label selector, e.g. osbs/build-node=true.")
  var selector: String?

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func execute(_ context: CommandContext) async throws -> Int32 {
    let client = try context.services(globals).openShiftClient()
    // Three listings in parallel: the nodes, and every build pod, a Build's and a PipelineRun's TaskRun's
    // (one request per page, not one per node; a label selector cannot ask for either label).
    async let buildPods = client.pods(
      in: .all, selector: ListSelector(labels: OpenShiftKeys.buildNameLabel)
    ).collect()
    async let taskRunPods = client.pods(in: .all, selector: ListSelector(labels: TektonLabels.pipelineRun))
      .collect()
    var nodes: [Node] = []
    for try await node in client.nodes(selector: ListSelector(labels: selector)) {
      nodes.append(node)
    }
    var podsByNode: [String: [Pod]] = [:]
    var counted = Set<String>()
    for pod in try await buildPods + taskRunPods where pod.isLive {
      guard counted.insert((pod.metadata.namespace ?? "") + "/" + pod.metadata.name).inserted else {
        continue
      }
      guard let nodeName = pod.spec.nodeName, !nodeName.isEmpty else { continue }
      podsByNode[nodeName, default: []].append(pod)
    }
    nodes.sort { $0.metadata.name < $1.metadata.name }
    let report = NodeListReport(
      nodes: nodes.map { NodeSummary($0, buildPods: podsByNode[$0.metadata.name] ?? []) })
    try context.renderer(output).render(report)
    return ExitStatus.success
  }
}

extension NodePodsReport: TablePresentable {
  static func columns(wide: Bool) -> [String] { ["namespace", "name", "status", "ip", "build"] }

  func rows(wide: Bool) -> [[String]] {
    pods.map { [$0.namespace ?? "-", $0.name, $0.status, $0.podIP ?? "<none>", $0.build ?? "-"] }
  }

  var resourceNames: [String] { pods.map { "pod/\($0.name)" } }
}

struct NodePodsCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "pods", abstract: "List the pods on a node (every namespace), marking build pods.",
    discussion: discussion(
      examples: [
        HelpExample(
          "The pods on a node",
          "osbsctl node pods build-node-03.example.com"),
        HelpExample(
          "The same as JSON",
          "osbsctl node pods build-node-03.example.com -o json"),
      ]))

  @Argument(help: "Node name.", completion: DynamicCompletion.nodeNames)
  var name: String

  @OptionGroup var output: OutputOptions<NoWideFormats>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func execute(_ context: CommandContext) async throws -> Int32 {
    let client = try context.services(globals).openShiftClient()
    _ = try await client.node(named: name)  // an unknown node is "not found", not an empty list
    var pods: [PodSummary] = []
    for try await pod in client.pods(onNode: name) { pods.append(PodSummary(pod)) }
    pods.sort { ($0.namespace ?? "", $0.name) < ($1.namespace ?? "", $1.name) }
    try context.renderer(output).render(NodePodsReport(node: name, pods: pods))
    return ExitStatus.success
  }
}

/// The nodes a cordon, uncordon or drain acts on: names, or a label selector.
struct NodeSelection: ParsableArguments {
  @Argument(help: "Node names.", completion: DynamicCompletion.nodeNames)
  var names: [String] = []

  @Option(
    name: [.customShort("l"), .customLong("selector")], help: "Act on the nodes matching this selector.")
  var selector: String?

  init() {}

  init(names: [String], selector: String?) {
    self.names = names
    self.selector = selector
  }

  func validate() throws {
    try Self.check(names: names, selector: selector, required: true)
  }

  /// The one rule every command that takes nodes follows: named, or selected with `-l`, never both;
  /// `required` when the command has no default (every node) for neither.
  static func check(names: [String], selector: String?, required: Bool) throws {
    if !names.isEmpty && selector != nil {
      throw ValidationError("name nodes or give -l SELECTOR, not both")
    }
    if required && names.isEmpty && selector == nil {
      throw ValidationError("name nodes or give -l SELECTOR")
    }
  }

  func resolve(_ client: OpenShiftClient) async throws -> [String] {
    guard let selector else { return names }
    return try await client.nodes(selector: ListSelector(labels: selector)).collect().map(\.metadata.name)
  }
}

extension NodeSchedulingReport: TablePresentable {
  static func columns(wide: Bool) -> [String] { ["node", "result"] }
  func rows(wide: Bool) -> [[String]] { nodes.map { [$0.node, Self.result($0)] } }
  var resourceNames: [String] { nodes.map { "node/\($0.node)" } }

  /// `cordoned`, `already cordoned`, `uncordoned`, `already uncordoned`, with `(dry run)`.
  static func result(_ change: Change) -> String {
    let verb = change.action == "cordon" ? "cordoned" : "uncordoned"
    let dryRun = change.dryRun ? " (\(change.dryRunKind == .server ? "server dry run" : "dry run"))" : ""
    return (change.changed ? verb : "already \(verb)") + dryRun
  }

  /// kubectl's wording: `node/X cordoned`.
  static func line(_ change: Change) -> String { "node/\(change.node) \(result(change))" }
}

/// `cordon` and `uncordon`: the same request with the opposite value.
enum NodeScheduling {
  static func execute<Peers, Formats>(
    cordon: Bool, selection: NodeSelection, confirmation: ConfirmationOptions, globals: GlobalOptions<Peers>,
    output: OutputOptions<Formats>, context: CommandContext
  ) async throws -> Int32 {
    let client = try context.services(globals).openShiftClient()
    let renderer = context.renderer(output)
    let names = try await selection.resolve(client)
    if names.isEmpty {
      context.console.message("No nodes match \(selection.selector ?? "").")
      return ExitStatus.success
    }
    let verb = cordon ? "cordon" : "uncordon"
    let decision = try await DestructiveActionGuard(confirmation, console: context.console).decide(
      "\(verb) \(names.map { "node/\($0)" }.joinedText(separator: ", "))", policy: .askUnlessConfirmed)
    let outcome = try await NodeSchedulingUpdate(client: client, cordon: cordon).apply(
      to: names, dryRun: decision == .dryRun
    ) { progress in
      switch progress {
      case .changed(let change):
        renderer.itemDone(NodeSchedulingReport.line(change))
      case .failed(_, let error): context.console.error(error.description, kind: error.failureKind)
      }
    }
    try renderer.renderItems(outcome.report)
    return outcome.failure.map(ExitStatus.code(for:)) ?? ExitStatus.success
  }
}

struct NodeCordonCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "cordon",
    abstract: "Mark nodes unschedulable: running builds go on, no new build pods land there.",
    discussion: discussion(
      """
      Prints node/X cordoned, or node/X already cordoned when it was. Undo with `node uncordon`. On a \
      terminal it asks first; otherwise pass --confirm (or --dry-run to have the server only validate it).
      """,
      examples: [
        HelpExample(
          "Take a node out of scheduling (asks on a terminal)",
          "osbsctl node cordon build-node-03.example.com"),
        HelpExample(
          "Every node with a label, without asking",
          "osbsctl node cordon -l region=build --confirm"),
        HelpExample(
          "Show what would change",
          "osbsctl node cordon build-node-03.example.com --dry-run"),
      ]))

  @OptionGroup var selection: NodeSelection
  @OptionGroup var confirmation: ConfirmationOptions

  @OptionGroup var output: OutputOptions<NoWideFormats>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func execute(_ context: CommandContext) async throws -> Int32 {
    try await NodeScheduling.execute(
      cordon: true, selection: selection, confirmation: confirmation, globals: globals, output: output,
      context: context)
  }
}

struct NodeUncordonCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "uncordon",
    abstract: "Mark nodes schedulable again, so new build pods can land there.",
    discussion: discussion(
      """
      Prints node/X uncordoned, or node/X already uncordoned when it was schedulable. On a terminal it \
      asks first; otherwise pass --confirm (or --dry-run to have the server only validate it).
      """,
      examples: [
        HelpExample(
          "Put a node back into scheduling (asks on a terminal)",
          "osbsctl node uncordon build-node-03.example.com"),
        HelpExample(
          "Every node with a label, without asking",
          "osbsctl node uncordon -l region=build --confirm"),
      ]))

  @OptionGroup var selection: NodeSelection
  @OptionGroup var confirmation: ConfirmationOptions

  @OptionGroup var output: OutputOptions<NoWideFormats>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  func execute(_ context: CommandContext) async throws -> Int32 {
    try await NodeScheduling.execute(
      cordon: false, selection: selection, confirmation: confirmation, globals: globals, output: output,
      context: context)
  }
}

// A cordon is what an admin runs in a hurry and what scripts run in loops: read without the parser, its
// start is as short as a local command's, and libcurl's loading (begun before) is all it waits for.
extension NodeCordonCommand: NodeSchedulingOptions {}
extension NodeUncordonCommand: NodeSchedulingOptions {}

/// The options `node cordon` and `node uncordon` both have, and so their reading without the parser.
protocol NodeSchedulingOptions: DirectlyReadArguments {
  var selection: NodeSelection { get set }
  var confirmation: ConfirmationOptions { get set }
  var output: OutputOptions<NoWideFormats> { get set }
  var globals: GlobalOptions<UsesCluster> { get set }
}

extension NodeSchedulingOptions {
  static var directOptions: [DirectOption] {
    NodeSelection.directOptions + ConfirmationOptions.directOptions
      + OutputOptions<NoWideFormats>.directOptions + GlobalOptions<UsesCluster>.directOptions
  }
  static var takesPositionalWords: Bool { true }

  init(direct words: DirectWords) throws(DirectReadRefusal) {
    self.init()
    selection = try words.group()
    confirmation = try words.group()
    output = try words.group()
    globals = try words.group()
  }
}

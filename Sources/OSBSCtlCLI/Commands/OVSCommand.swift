import ArgumentParser
import Foundation
import OSBSKit

struct OVSCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ovs",
    abstract: "Read br0's Open vSwitch flows; find and remove per-pod flows that no live pod owns.",
    discussion: """
      openshift-sdn installs a few flows per pod on br0 and deletes them when the pod goes. When that \
      teardown fails, the flows stay and black-hole whatever later gets the address. `ovs check` compares \
      the per-pod flows (tables 2/6/7 of Origin 1.3, tables 20/25/40/70 of OpenShift 3.x) with the pods \
      the API says run on the node; `ovs fix` deletes exactly the stale ones.
      """,
    subcommands: [OVSFlowsCommand.self, OVSCheckCommand.self, OVSFixCommand.self])
}

/// Where `ovs-ofctl` is and which bridge and OpenFlow version it talks; flags override the config's `ovs:`.
struct OVSBridgeOptions: ParsableArguments {
  @Option(help: "The OVS bridge (default from config ovs.bridge: br0).")
  var bridge: String?

  @Option(name: .customLong("ofctl"), help: "The ovs-ofctl program (default from config ovs.ofctl).")
  var ofctl: String?

  @Option(
    name: .customLong("openflow-version"),
    help: "OpenFlow version passed as -O (default from config ovs.openflowVersion: OpenFlow13).")
  var openflowVersion: String?

  func source<Peers>(_ context: CommandContext, _ globals: GlobalOptions<Peers>) throws -> OVSFlowSource {
    let settings = try context.services(globals).settings()
    return OVSFlowSource(
      settings: settings.ovs, ofctl: ofctl, bridge: bridge, openflowVersion: openflowVersion,
      runner: context.programRunner)
  }
}

/// `--from FILE|-`: a saved `dump-flows` instead of the live bridge.
struct FlowDumpOptions: ParsableArguments {
  @Option(
    name: .customLong("from"),
    help: "Read flows from this saved `ovs-ofctl -O OpenFlow13 dump-flows br0` output ('-' for stdin).",
    completion: .file())
  var from: String?

  func flows<Peers>(bridge: OVSBridgeOptions, _ context: CommandContext, _ globals: GlobalOptions<Peers>)
    throws
    -> StaleFlowDiagnosis.Flows
  {
    guard let from else { return .bridge(try bridge.source(context, globals)) }
    if from == "-" { return .dump(text: StandardInput.readAll(), origin: "stdin") }
    return try .dumpFile(from)
  }
}

/// Which pods count as live: from the API for a node, or from a saved PodList.
struct LivePodOptions: ParsableArguments {
  @Option(
    help: "The node whose pods own flows on this bridge (default: this host's name).",
    completion: DynamicCompletion.nodeNames)
  var node: String?

  @Option(
    name: .customLong("pods-from"),
    help: "Read pods from this `kubectl get pods -o json` output ('-' for stdin) instead of the API.",
    completion: .file())
  var podsFrom: String?

  // How `osbsctl fleet ovs-check` hands the node's pods to its pod, which has no API credentials.
  @Option(
    name: .customLong("pods-json"),
    help: ArgumentHelp(
      "The pods as PodList JSON text on the command line instead of the API.", valueName: "json"))
  var podsJSON: String?

  /// Whether the pods are a saved PodList (a file, stdin or `--pods-json`) rather than the API's.
  var fromSavedList: Bool { podsFrom != nil || podsJSON != nil }

  /// Whether pods come from the API on a run with these words: neither saved form names them.
  static func fromTheAPI(_ arguments: [String]) -> Bool {
    !arguments.contains { word in
      ["--pods-from", "--pods-json"].contains { word == $0 || word.hasPrefix($0 + "=") }
    }
  }

  func diagnosis<Peers>(
    flows: StaleFlowDiagnosis.Flows, _ context: CommandContext, _ globals: GlobalOptions<Peers>
  ) throws -> StaleFlowDiagnosis {
    if let podsJSON {
      return StaleFlowDiagnosis(
        node: node, flows: flows, pods: .podList(Data(podsJSON.utf8), origin: "--pods-json"))
    }
    if let podsFrom {
      let pods: StaleFlowDiagnosis.Pods =
        podsFrom == "-"
        ? .podList(Data(StandardInput.readAll().utf8), origin: "stdin") : try .podListFile(podsFrom)
      // With a pod list, no --node means every pod in the file.
      return StaleFlowDiagnosis(node: node, flows: flows, pods: pods)
    }
    guard let name = node ?? LocalHost.name() else {
      throw ValidationError("cannot tell this host's name; give --node NAME")
    }
    let client = try context.services(globals).openShiftClient()
    return StaleFlowDiagnosis(node: name, flows: flows, pods: .api(client))
  }

  func validate(flowsFrom: String?) throws {
    if podsJSON != nil && podsFrom != nil {
      throw ValidationError("give --pods-from or --pods-json, not both")
    }
    if flowsFrom == "-" && podsFrom == "-" {
      throw ValidationError("--from - and --pods-from - cannot both read stdin")
    }
  }
}

extension OVSBridgeOptions: DirectlyReadArguments {
  static var directOptions: [DirectOption] {
    [.value("--bridge"), .value("--ofctl"), .value("--openflow-version")]
  }

  init(direct words: DirectWords) throws(DirectReadRefusal) {
    self.init()
    bridge = words.value("--bridge")
    ofctl = words.value("--ofctl")
    openflowVersion = words.value("--openflow-version")
  }
}

extension FlowDumpOptions: DirectlyReadArguments {
  static var directOptions: [DirectOption] { [.value("--from")] }

  init(direct words: DirectWords) throws(DirectReadRefusal) {
    self.init()
    from = words.value("--from")
  }
}

extension LivePodOptions: DirectlyReadArguments {
  static var directOptions: [DirectOption] {
    [.value("--node"), .value("--pods-from"), .value("--pods-json")]
  }

  init(direct words: DirectWords) throws(DirectReadRefusal) {
    self.init()
    node = words.value("--node")
    podsFrom = words.value("--pods-from")
    podsJSON = words.value("--pods-json")
  }
}

enum StandardInput {
  static func readAll() -> String {
    String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
  }
}

// MARK: ovs flows

extension OVSFlowDump: HumanPresentation {
  var emptyMessage: String? { flows.isEmpty ? "No flows." : nil }
}

extension OVSFlowDump: TablePresentable {
  static func columns(wide: Bool) -> [String] {
    wide
      ? ["table", "priority", "cookie", "packets", "bytes", "duration", "match", "actions"]
      : ["table", "priority", "cookie", "packets", "match", "actions"]
  }

  func rows(wide: Bool) -> [[String]] {
    flows.map { flow in
      let packets = flow.nPackets.map(String.init) ?? "-"
      let match = flow.matchText.isEmpty ? "*" : flow.matchText
      guard wide else {
        return ["\(flow.table)", "\(flow.priority)", flow.cookie, packets, match, flow.actionsText]
      }
      return [
        "\(flow.table)", "\(flow.priority)", flow.cookie, packets, flow.nBytes.map(String.init) ?? "-",
        flow.duration.map { String(format: "%.3fs", $0) } ?? "-", match, flow.actionsText,
      ]
    }
  }

  /// The strict match of each flow: ready for `ovs-ofctl --strict del-flows br0 …`.
  var resourceNames: [String] { flows.map(\.strictMatch) }
}

struct OVSFlowsCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "flows",
    abstract: "List the bridge's flows (ovs-ofctl dump-flows), parsed; -o json for scripts.",
    discussion:
      discussion(
        "-o name prints each flow's strict match (table, priority, match), as del-flows --strict takes it.",
        examples: [
          HelpExample(
            "br0's flows, parsed",
            "osbsctl ovs flows"),
          HelpExample(
            "One table only",
            "osbsctl ovs flows --table 20"),
          HelpExample(
            "From a saved dump",
            "osbsctl ovs flows --from flows.txt"),
        ]))

  @OptionGroup var bridge: OVSBridgeOptions
  @OptionGroup var dump: FlowDumpOptions

  @Option(help: "Only this table (0-255).")
  var table: Int?

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesNeitherServer>

  func validate() throws {
    if let table, !(0...255).contains(table) { throw ValidationError("--table must be 0…255") }
  }

  var onlyReadsLocalFiles: Bool { dump.from != nil }

  nonisolated(nonsending) func execute(_ context: CommandContext) async throws -> Int32 {
    var result: OVSFlowDump
    switch try dump.flows(bridge: bridge, context, globals) {
    case .bridge(let source): result = try await source.dumpFlows(table: table)
    case .dump(let text, _):
      result = try OVSFlowDump.parse(text)
      if let table = table { result.flows.removeAll { $0.table != table } }
    }
    try context.renderer(output).render(result)
    return ExitStatus.success
  }
}

extension OVSFlowsCommand: DirectlyReadArguments {
  static var directOptions: [DirectOption] {
    OVSBridgeOptions.directOptions + FlowDumpOptions.directOptions + [.value("--table")]
      + OutputOptions<EveryFormat>.directOptions + GlobalOptions<UsesNeitherServer>.directOptions
  }

  init(direct words: DirectWords) throws(DirectReadRefusal) {
    self.init()
    bridge = try words.group()
    dump = try words.group()
    table = try words.value("--table", as: Int.self)
    output = try words.group()
    globals = try words.group()
  }
}

// MARK: ovs check

extension StaleFlowReport: TablePresentable {
  static func columns(wide: Bool) -> [String] {
    wide
      ? ["finding", "ip", "table", "port", "detail", "reason"] : ["finding", "ip", "table", "port", "detail"]
  }

  func rows(wide: Bool) -> [[String]] {
    let staleRows = stale.map { finding in
      ["stale", finding.ip, "\(finding.flow.table)", finding.port ?? "-", finding.flow.match, finding.reason]
    }
    let missingRows = missing.map { finding in
      [
        "missing", finding.ip, finding.tables.map(String.init).joined(separator: ","), "-", finding.pod,
        finding.reason,
      ]
    }
    let conflictRows = conflicts.map { conflict in
      [
        "conflict", conflict.ip,
        Array(Set(conflict.flows.map(\.table))).sorted().map(String.init)
          .joined(separator: ","), conflict.ports.joined(separator: ","), conflict.kind.rawValue,
        conflict.reason,
      ]
    }
    let all = staleRows + missingRows + conflictRows
    return wide ? all : all.map { Array($0.dropLast()) }
  }

  var resourceNames: [String] { stale.map(\.flow.strictMatch) }

  /// One line for people: what was compared and what was found.
  var summary: String {
    let node = node.map { " on node \($0)" } ?? ""
    return "\(counted(counts.flows, "flow")) (\(counts.podFlows) per-pod, layout \(layout.rawValue)), "
      + "\(counted(counts.livePods, "live pod"))\(node): \(counts.stale) stale, \(counts.missing) missing, "
      + counted(counts.conflicts, "conflict")
  }
}

struct OVSCheckCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Compare the per-pod flows with the pods on the node: stale, missing and conflicting flows.",
    discussion: discussion(
      """
      Stale: a per-pod flow for an address no live pod on the node has. Missing: a live pod without its \
      ARP/IP flows to and from its port. Conflict: an address whose flows name several ports, or a port \
      sending from several addresses. Live pods are the node's non-host-network pods in Pending or \
      Running with an IP, from the API, or from --pods-from (a PodList as `kubectl get pods -o json` \
      prints it). With --from and --pods-from it needs neither the API nor Open vSwitch.

      Exits 0 when clean, 1 when anything was found.
      """,
      examples: [
        HelpExample(
          "On a node: its flows against its live pods",
          "osbsctl ovs check --node build-node-03.example.com"),
        HelpExample(
          "Offline, from saved flows and pods",
          "osbsctl ovs check --from flows.txt --pods-from pods.json"),
      ]))

  @OptionGroup var pods: LivePodOptions
  @OptionGroup var dump: FlowDumpOptions
  @OptionGroup var bridge: OVSBridgeOptions

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  /// The cluster is asked only for pods, so a run with saved pods (as `ovs check --from F --pods-from P`
  /// offline) never loads libcurl.
  static func transfers(_ arguments: [String]) -> Bool { LivePodOptions.fromTheAPI(arguments) }

  func validate() throws { try pods.validate(flowsFrom: dump.from) }

  var onlyReadsLocalFiles: Bool { dump.from != nil && pods.fromSavedList }

  nonisolated(nonsending) func execute(_ context: CommandContext) async throws -> Int32 {
    let flows = try dump.flows(bridge: bridge, context, globals)
    let report = try await pods.diagnosis(flows: flows, context, globals).check()
    for warning in report.warnings { context.console.warning(warning) }
    try context.renderer(output).render(report)
    return report.clean ? ExitStatus.success : ExitStatus.code(for: .operationFailed)
  }
}

// MARK: ovs fix

extension StaleFlowFixReport: TablePresentable {
  static func columns(wide: Bool) -> [String] {
    wide
      ? ["action", "ip", "table", "port", "strict-match", "reason"]
      : ["action", "ip", "table", "strict-match"]
  }

  func rows(wide: Bool) -> [[String]] {
    let done = Set(deleted.map(\.flow.strictMatch))
    let failures = Dictionary(
      failed.map { ($0.strictMatch, $0.error) }, uniquingKeysWith: { first, _ in first })
    return planned.map { finding in
      let match = finding.flow.strictMatch
      let action =
        dryRun
        ? "would delete" : done.contains(match) ? "deleted" : failures[match] != nil ? "failed" : "kept"
      let reason = failures[match] ?? finding.reason
      return wide
        ? [action, finding.ip, "\(finding.flow.table)", finding.port ?? "-", match, reason]
        : [action, finding.ip, "\(finding.flow.table)", match]
    }
  }

  var resourceNames: [String] { (dryRun ? planned : deleted).map(\.flow.strictMatch) }
}

struct OVSFixCommand: OSBSCtlOutputCommand {
  static let configuration = CommandConfiguration(
    commandName: "fix",
    abstract: "Delete the stale per-pod flows `ovs check` finds, each by its exact match; check again.",
    discussion: discussion(
      """
      Without --confirm nothing changes: the flows that would be deleted are listed. With --confirm each \
      stale flow is deleted with `ovs-ofctl --strict del-flows <bridge> table=T,priority=P,<match>`, so no \
      other flow goes, even one for the same address (never by IP: a reused address would take a live \
      pod's flows with it). Then the check runs again and the report shows before and after. Conflicts \
      and missing flows are reported, not changed. A saved dump (--from) can only be planned against.

      Exits 0 when no stale flow is left (or on a dry run), 1 when some could not be deleted.
      """,
      examples: [
        HelpExample(
          "The stale flows that would be deleted",
          "osbsctl ovs fix --node build-node-03.example.com"),
        HelpExample(
          "Delete them, then check again",
          "osbsctl ovs fix --node build-node-03.example.com --confirm"),
      ]))

  @OptionGroup var pods: LivePodOptions
  @OptionGroup var dump: FlowDumpOptions
  @OptionGroup var bridge: OVSBridgeOptions
  @OptionGroup var confirmation: ConfirmationOptions

  @OptionGroup var output: OutputOptions<EveryFormat>
  @OptionGroup var globals: GlobalOptions<UsesCluster>

  /// As for `ovs check`: only the pods come from the cluster.
  static func transfers(_ arguments: [String]) -> Bool { LivePodOptions.fromTheAPI(arguments) }

  func validate() throws {
    try pods.validate(flowsFrom: dump.from)
    if confirmation.confirm, let from = dump.from {
      throw ValidationError(
        "--confirm cannot apply to a saved dump (--from \(from)): flows are deleted on the live bridge; "
          + "run `osbsctl ovs fix --confirm` on the node without --from")
    }
  }

  func execute(_ context: CommandContext) async throws -> Int32 {
    let guardrail = DestructiveActionGuard(confirmation, console: context.console)
    let decision = try await guardrail.decide("delete stale OVS flows", policy: .previewUnlessConfirmed)
    let flows = try dump.flows(bridge: bridge, context, globals)
    let diagnosis = try pods.diagnosis(flows: flows, context, globals)
    let report = try await diagnosis.fix(confirm: decision == .proceed)
    for warning in report.before.warnings { context.console.warning(warning) }
    let hint = guardrail.previewHint(
      "delete \(report.planned.count == 1 ? "this flow" : "these \(report.planned.count) flows")")
    try context.renderer(output).render(
      StaleFlowFixPresentation(report: report, savedDump: dump.from, hint: hint))
    let leftover = report.after?.stale.isEmpty == false || !report.failed.isEmpty
    return report.dryRun || !leftover ? ExitStatus.success : ExitStatus.code(for: .operationFailed)
  }
}

/// `ovs fix`'s report (its JSON and YAML are the report's) with what a person is told after it: before and
/// after, notes, and how to go on from a dry run.
struct StaleFlowFixPresentation: Encodable, TablePresentable, HumanPresentation {
  let report: StaleFlowFixReport
  /// `--from`: the flows came from a saved dump, so only a plan can be made.
  let savedDump: String?
  /// What a dry run tells a person to run next.
  let hint: String

  func encode(to encoder: any Encoder) throws { try report.encode(to: encoder) }
  static func columns(wide: Bool) -> [String] { StaleFlowFixReport.columns(wide: wide) }
  func rows(wide: Bool) -> [[String]] { report.rows(wide: wide) }
  var resourceNames: [String] { report.resourceNames }
  var showsEmptyTable: Bool { false }

  var humanNotes: [String] {
    var lines = ["before: " + report.before.summary]
    if let after = report.after { lines.append("after:  " + after.summary) }
    lines += report.notes.map { "note: " + $0 }
    guard report.dryRun && !report.planned.isEmpty else { return lines }
    if let from = savedDump {
      lines.append(
        "plan only: the flows came from \(from == "-" ? "stdin" : from); deleting them needs the live "
          + "bridge: run `osbsctl ovs fix --confirm` on the node")
    } else {
      lines.append(hint)
    }
    return lines
  }
}

extension StaleFlowReport: HumanPresentation {
  var showsEmptyTable: Bool { false }

  var humanNotes: [String] {
    guard !stale.isEmpty else { return [summary] }
    let node = node.map { " --node \($0)" } ?? ""
    return [summary, "remove the stale flows with: osbsctl ovs fix\(node) --confirm"]
  }
}

extension OVSCheckCommand: DirectlyReadArguments {
  static var directOptions: [DirectOption] {
    LivePodOptions.directOptions + FlowDumpOptions.directOptions + OVSBridgeOptions.directOptions
      + OutputOptions<EveryFormat>.directOptions + GlobalOptions<UsesCluster>.directOptions
  }

  init(direct words: DirectWords) throws(DirectReadRefusal) {
    self.init()
    pods = try words.group()
    dump = try words.group()
    bridge = try words.group()
    output = try words.group()
    globals = try words.group()
  }
}

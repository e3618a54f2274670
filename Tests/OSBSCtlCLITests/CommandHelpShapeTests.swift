import ArgumentParser
import Foundation
import OSBSKit
import Testing

@testable import OSBSCtlCLI

/// What every leaf command's help says it takes: its own options first, only the global options of the
/// servers it talks to, and for `-o` exactly the formats it prints, checked against what it accepts.
@Suite("leaf help: own options first, the servers' options it uses, its own -o formats")
struct CommandHelpShapeTests {
  static let kojiOptions: Set = ["-c", "--koji-config", "--koji-profile"]
  static let clusterOptions: Set = ["--kubeconfig", "--context", "-n", "--namespace"]
  static let commonOptions: Set = [
    "--config", "-p", "--profile", "--request-timeout", "--debug", "--color", "-q", "--quiet",
  ]
  /// What the argument parser adds to every command.
  static let parserOptions: Set = ["--version", "-h", "--help"]

  /// The leaves that talk to the Koji hub, and those that talk to the cluster, from what their bodies call
  /// (a Koji session or client; an OpenShift client). `config view` shows both configurations.
  static let kojiUsers: Set = [
    "container-build", "task info", "task watch", "task logs", "task cancel", "koji whoami",
    "build for-task", "doctor", "config view",
  ]
  static let clusterUsers: Set = [
    "build list", "build get", "build logs", "build watch", "build cancel", "build node", "build for-task",
    "node list", "node pods", "node cordon", "node uncordon", "node drain", "node probe", "prune all",
    "prune builds", "ovs check", "ovs fix", "fleet prune", "fleet disk", "fleet ovs-check", "fleet probe",
    "fleet cleanup", "doctor", "config view",
  ]
  /// The leaves that talk to neither: the Docker Engine, ovs-ofctl, or nothing.
  static let localOnly: Set = [
    "prune containers", "prune images", "prune node", "disk usage", "ovs flows", "version", "debug fetch",
  ]

  /// Arguments each leaf parses with (whatever it requires), so that a run reaches the `-o` check.
  static let sampleArguments: [String: [String]] = [
    "task info": ["1"], "task watch": ["1"], "task logs": ["1"], "task cancel": ["1"],
    "build get": ["b-1"], "build logs": ["b-1"], "build watch": ["b-1"], "build cancel": ["b-1"],
    "build node": ["b-1"], "build for-task": ["1"], "node pods": ["n1"], "node cordon": ["n1"],
    "node uncordon": ["n1"], "node drain": ["n1"], "node probe": ["n1"], "doctor": ["1"],
    "debug fetch": ["https://example.invalid/"],
  ]

  struct Leaf: CustomStringConvertible, Sendable {
    var path: [String]
    var type: any ParsableCommand.Type
    var name: String { path.joined(separator: " ") }
    var description: String { name }
    var sample: [String] { path + (CommandHelpShapeTests.sampleArguments[name] ?? []) }
  }

  /// Every leaf of osbsctl's command tree, the hidden ones included.
  static func leaves(of command: any ParsableCommand.Type = OSBSCtl.self, path: [String] = []) -> [Leaf] {
    let children = command.configuration.subcommands
    guard !children.isEmpty else { return [Leaf(path: path, type: command)] }
    return children.flatMap { child in
      leaves(of: child, path: path + [GlobalOptionPlacement.names(of: child)[0]])
    }
  }

  /// The OPTIONS entries of a leaf's help, each as its spellings (`["-o", "--output"]`) and its text.
  static func optionEntries(_ leaf: Leaf) -> [(names: [String], text: String)] {
    let help = OSBSCtl.helpMessage(for: leaf.type, columns: 10_000)
    let lines = help.components(separatedBy: "\n")
    guard let start = lines.firstIndex(of: "OPTIONS:") else { return [] }
    return lines[(start + 1)...].prefix { !$0.isEmpty }.filter { $0.hasPrefix("  -") }.map { line in
      let parts = line.dropFirst(2).components(separatedBy: "  ")
      let synopsis = parts[0]
      let names = synopsis.split(separator: " ").map { $0.trimmingCharacters(in: [","]) }.filter {
        $0.hasPrefix("-")
      }
      return (names, parts.dropFirst().joined(separator: "  ").trimmingCharacters(in: .whitespaces))
    }
  }

  static let outputFormats = OutputFormat.allCases.map(\.rawValue)

  @Test func everyLeafIsClassifiedByTheServersItUses() {
    for leaf in Self.leaves() {
      let classes = [Self.kojiUsers, Self.clusterUsers, Self.localOnly].filter { $0.contains(leaf.name) }
      #expect(!classes.isEmpty, "\(leaf) is in no list of CommandHelpShapeTests: which servers does it use?")
    }
    let names = Set(Self.leaves().map(\.name))
    #expect(Self.kojiUsers.union(Self.clusterUsers).union(Self.localOnly).subtracting(names).isEmpty)
  }

  @Test(arguments: leaves())
  func ownOptionsComeBeforeTheGlobalOnes(leaf: Leaf) throws {
    let entries = Self.optionEntries(leaf)
    let global = Self.kojiOptions.union(Self.clusterOptions).union(Self.commonOptions).union(
      Self.parserOptions)
    let first = try #require(entries.first, "\(leaf) --help has no OPTIONS")
    #expect(global.isDisjoint(with: first.names), "\(leaf): the first option is a global one: \(first.names)")
    // Once the global options start, none of the command's own follows.
    let firstGlobal = entries.firstIndex { !global.isDisjoint(with: $0.names) } ?? entries.endIndex
    let ownAfter = entries[firstGlobal...].filter { global.isDisjoint(with: $0.names) }
    #expect(ownAfter.isEmpty, "\(leaf): own options after the global ones: \(ownAfter.map(\.names))")
  }

  @Test(arguments: leaves())
  func helpShowsTheOptionsOfTheServersTheCommandUses(leaf: Leaf) {
    let shown = Set(Self.optionEntries(leaf).flatMap(\.names))
    #expect(shown.isSuperset(of: Self.commonOptions), "\(leaf) hides common options")
    if Self.kojiUsers.contains(leaf.name) {
      #expect(
        shown.isSuperset(of: Self.kojiOptions), "\(leaf) talks to Koji: its help lacks the Koji options")
    } else {
      #expect(shown.isDisjoint(with: Self.kojiOptions), "\(leaf) does not use Koji but shows Koji options")
    }
    if Self.clusterUsers.contains(leaf.name) {
      #expect(
        shown.isSuperset(of: Self.clusterOptions), "\(leaf) uses the cluster: its help lacks its options")
    } else {
      #expect(
        shown.isDisjoint(with: Self.clusterOptions), "\(leaf) does not use the cluster but shows its options")
    }
  }

  /// Options a help does not show are still taken, before the subcommand or after the leaf: scripts pass
  /// them all to every command.
  @Test(arguments: leaves())
  func everyGlobalOptionIsAcceptedByEveryLeaf(leaf: Leaf) throws {
    let options = [
      "--config", "c.yaml", "-p", "p", "-c", "k.conf", "--koji-profile", "kp", "--kubeconfig", "kc",
      "--context", "ctx", "-n", "ns", "--request-timeout", "5s", "--debug", "--color", "never", "-q",
    ]
    // The settings read up front are those of the servers the command talks to, as its help shows.
    var scope: SettingsScope = []
    if Self.kojiUsers.contains(leaf.name) { scope.insert(.koji) }
    if Self.clusterUsers.contains(leaf.name) { scope.insert(.openShift) }
    let expected = ConfigInputs(
      configFile: "c.yaml", profile: "p", kojiConfigFile: "k.conf", kojiProfile: "kp", kubeconfig: "kc",
      context: "ctx", namespace: "ns", requestTimeout: "5s", scope: scope)
    for arguments in [leaf.sample + options, Array(options.prefix(14)) + leaf.sample + options.suffix(6)] {
      guard case .arguments(let arranged, _) = GlobalOptionPlacement.arrange(arguments, root: OSBSCtl.self)
      else {
        Issue.record("\(leaf): \(arguments) not arranged")
        continue
      }
      let command = try OSBSCtl.parseAsRoot(arranged)
      let parsed = try #require(command as? any OSBSCtlCommand, "\(leaf)")
      #expect(parsed.configInputsForTest == expected, "\(leaf): \(arguments)")
    }
  }

  /// The `-o` line of the help lists exactly the formats the command takes: each listed one runs (it is
  /// not refused), each other one is refused with exit 64 before any request.
  @Test(arguments: leaves().filter { $0.type is any OSBSCtlOutputCommand.Type })
  func outputHelpListsExactlyTheFormatsTheCommandTakes(leaf: Leaf) async throws {
    let entry = try #require(Self.optionEntries(leaf).first { $0.names.contains("--output") }, "\(leaf)")
    let values = try #require(
      entry.text.components(separatedBy: "(values: ").dropFirst().first?.components(separatedBy: ";").first,
      "\(leaf): \(entry.text)")
    let listed = values.components(separatedBy: ", ")
    #expect(Set(listed).isSubset(of: Self.outputFormats), "\(leaf): \(listed)")
    let sentence =
      listed.count > 1
      ? listed.dropLast().joined(separator: ", ") + " or " + listed[listed.count - 1] : listed.joined()
    #expect(entry.text.hasPrefix("Output format: \(sentence)."), "\(leaf): \(entry.text)")

    let cli = try InProcessCLI()
    defer { cli.removeHome() }
    for format in Self.outputFormats {
      // A profile that does not exist: a run the `-o` check lets through stops before any request.
      let run = await cli.run(leaf.sample + ["-o", format, "-p", "no-such-profile"])
      #expect(run.requests.isEmpty, "\(leaf) -o \(format)\n\(run)")
      let refusal = "this command has no -o \(format) output; use one of: \(listed.joined(separator: ", "))"
      if listed.contains(format) {
        #expect(!run.stderr.contains("has no -o"), "\(leaf) -o \(format) is listed but refused\n\(run)")
        #expect(
          run.stderr.contains("no-such-profile") || run.status == 0 || leaf.name == "task cancel",
          "\(leaf) -o \(format) did not get as far as the profile\n\(run)")
      } else {
        #expect(run.status == 64, "\(leaf) -o \(format)\n\(run)")
        #expect(run.stderr.contains(refusal), "\(leaf) -o \(format)\n\(run)")
      }
    }
  }

  /// The completion scripts offer for `-o` the formats the help lists.
  @Test(arguments: leaves().filter { $0.type is any OSBSCtlOutputCommand.Type })
  func bashCompletesTheFormatsTheHelpLists(leaf: Leaf) throws {
    let script = CompletionTree<OSBSCtl>.completionScript(for: .bash)
    let function = "_osbsctl_" + leaf.path.joined(separator: "_") + "() {"
    let body = try #require(
      script.components(separatedBy: function).dropFirst().first?.components(separatedBy: "\n}\n").first,
      "\(leaf): no \(function) in the bash script")
    let outputCase = try #require(
      body.components(separatedBy: "'-o'|'--output')").dropFirst().first?.components(separatedBy: ";;").first,
      "\(leaf)")
    let offered = outputCase.components(separatedBy: "-W ").dropFirst().first.map { words in
      words.components(separatedBy: "\n")[0].components(separatedBy: "'$'\\n''").map {
        $0.trimmingCharacters(in: ["'"])
      }
    }
    let help = try #require(Self.optionEntries(leaf).first { $0.names.contains("--output") })
    let listed = help.text.components(separatedBy: "(values: ")[1].components(separatedBy: ";")[0]
      .components(separatedBy: ", ")
    #expect(offered == listed, "\(leaf): bash offers \(offered ?? []), help lists \(listed)")
  }
}

extension OSBSCtlCommand {
  /// The configuration inputs the global options gave, read through the command's own option groups.
  var configInputsForTest: ConfigInputs { globals.configInputs }
}

/// The JSON Lines objects the stream commands' help describes are the objects they print: the help named
/// `build` and `task` for what is `buildName` and `taskId` on the wire.
@Suite("stream help names the printed keys")
struct StreamHelpKeysTests {
  private static func keys<T: Encodable>(_ value: T) throws -> Set<String> {
    let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value)) as? [String: Any]
    return Set(object?.keys ?? [:].keys)
  }

  /// Every `{"a", "b"}` in a help text, as a set of names.
  private static func describedObjects(_ help: String) -> [Set<String>] {
    help.components(separatedBy: "{\"").dropFirst().map { part in
      Set(
        String(part.prefix { $0 != "}" }).split(separator: ",").map {
          $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        })
    }
  }

  @Test func logHelpDescribesTheLinesPrinted() throws {
    let printed: [(any ParsableCommand.Type, [Set<String>])] = [
      (
        BuildLogsCommand.self,
        [
          try Self.keys(BuildLogLine(build: "b-1", line: "x")),
          try Self.keys(PipelineRunLogLine(build: "r-1", pipelineTask: "t", step: "s", line: "x")),
        ]
      ),
      (
        TaskLogsCommand.self,
        [
          try Self.keys(KojiLogLine(task: 1, log: "x86_64.log", line: "x")),
          try Self.keys(KojiWatchEnded(taskIds: [1], error: "x", resumeCommand: "x")),
        ]
      ),
    ]
    for (command, objects) in printed {
      let described = Self.describedObjects(OSBSCtl.helpMessage(for: command, columns: 10_000))
      #expect(described == objects, "\(command)")
    }
  }
}

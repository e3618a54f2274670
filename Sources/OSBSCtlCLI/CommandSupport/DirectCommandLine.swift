import ArgumentParser

/// Reads the command lines of a few leaves (`config view`, `ovs check`, `ovs flows`, `node cordon`,
/// `node uncordon`) without swift-argument-parser.
///
/// The parser learns a command's options by reflecting over its types, and the first cast of each
/// (type, protocol) pair it makes has the Swift runtime scan every conformance record of the binary: about
/// 25 M instructions, most of these commands' run (bench/README.md, "round seven"). A directly read leaf
/// lists its options once more (`DirectlyReadArguments`) and sets each property itself. It takes only the
/// plainest spellings: `--name value`, `--name=value`, `-n value` and flags, each at most once, values
/// not starting with `-` (a lone `-` means stdin), and for a leaf that takes them, positional words not
/// starting with `-`, anywhere among the options. Anything else (help, a repeated or unknown option, a
/// value the option does not take, a failed `validate()`) gives nil and the parser reads the line, so
/// the parser stays the only judge of errors. `DirectCommandLineTests` compares both readings.
enum DirectCommandLine {
  /// The leaf `arguments` (arranged: the command path first, then every option) name, built without the
  /// parser; nil when the parser must read them.
  static func command(_ arguments: [String], root: any ParsableCommand.Type) -> (any OSBSCtlCommand)? {
    var command = root
    var index = arguments.startIndex
    while !command.configuration.subcommands.isEmpty {
      let children = command.configuration.subcommands
      guard index < arguments.endIndex,
        let child = children.first(where: { GlobalOptionPlacement.names(of: $0).contains(arguments[index]) })
      else { return nil }
      command = child
      index += 1
    }
    return leaf(command)?.readDirectly(arguments[index...])
  }

  /// The leaves read directly. A leaf is looked up here by identity: asking a type whether it is an
  /// `OSBSCtlCommand` (`as?`) makes the runtime scan every conformance record of the binary the first
  /// time (0.3 M instructions, a twentieth of a `config view`).
  static let leaves: [any (OSBSCtlCommand & DirectlyReadArguments).Type] = [
    ConfigViewCommand.self, OVSCheckCommand.self, OVSFlowsCommand.self, NodeCordonCommand.self,
    NodeUncordonCommand.self,
  ]

  /// `type` as a directly read leaf, or nil.
  static func leaf(_ type: any ParsableCommand.Type) -> (any OSBSCtlCommand.Type)? {
    leaves.first { ObjectIdentifier($0) == ObjectIdentifier(type) }
  }
}

/// Why a directly read command line goes to the parser instead: it is the parser's to accept or refuse.
struct DirectReadRefusal: Error {}

/// One option of a directly read group: its spellings, the first naming it, and whether it takes a value.
struct DirectOption: Sendable {
  let spellings: [String]
  let takesValue: Bool

  static func value(_ spellings: String...) -> DirectOption {
    DirectOption(spellings: spellings, takesValue: true)
  }
  static func flag(_ spellings: String...) -> DirectOption {
    DirectOption(spellings: spellings, takesValue: false)
  }
}

/// An option group (or leaf) whose properties can be set from `DirectWords`.
protocol DirectlyReadArguments: ParsableArguments {
  /// Every option of the group with every spelling, as its `@Option`s and `@Flag`s declare them.
  static var directOptions: [DirectOption] { get }

  /// The group with every property set, an absent option to its declared default: a property left unset
  /// would stop the program when read.
  init(direct words: DirectWords) throws(DirectReadRefusal)

  /// Whether the leaf has an `@Argument` (its words are `DirectWords.positionals`); false unless it says so.
  static var takesPositionalWords: Bool { get }
}

extension DirectlyReadArguments {
  static var takesPositionalWords: Bool { false }
}

/// The options of one command line by the first spelling of each, for the groups to take their values from.
struct DirectWords {
  private var values: [String: String] = [:]
  private var flags: Set<String> = []
  /// The words that are not options or their values, in order.
  private(set) var positionals: [String] = []

  /// Nil for any word that is not one of `options` written the plainest way, for a repeat, and for a
  /// positional word unless `positionals` says the leaf takes them.
  init?(_ words: ArraySlice<String>, options: [DirectOption], positionals takesPositionals: Bool = false) {
    var bySpelling: [String: DirectOption] = [:]
    for option in options {
      for spelling in option.spellings { bySpelling[spelling] = option }
    }
    var rest = words
    while let word = rest.popFirst() {
      if takesPositionals, !word.isEmpty, !word.hasPrefix("-") {
        positionals.append(word)
        continue
      }
      var name = word
      var attached: String?
      if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
        name = String(word[..<equals])
        attached = String(word[word.index(after: equals)...])
      }
      guard let option = bySpelling[name], let key = option.spellings.first,
        values[key] == nil, !flags.contains(key)
      else { return nil }
      if option.takesValue {
        guard let value = attached ?? rest.popFirst(), !value.isEmpty, value == "-" || !value.hasPrefix("-")
        else { return nil }
        values[key] = value
      } else {
        guard attached == nil else { return nil }
        flags.insert(key)
      }
    }
  }

  /// The value of the option first spelled `name`, if given.
  func value(_ name: String) -> String? { values[name] }

  /// The value as the option's type reads it; a value it does not take is the parser's to refuse.
  func value<Value: ExpressibleByArgument>(_ name: String, as type: Value.Type) throws(DirectReadRefusal)
    -> Value?
  {
    guard let text = values[name] else { return nil }
    guard let value = Value(argument: text) else { throw DirectReadRefusal() }
    return value
  }

  func flag(_ name: String) -> Bool { flags.contains(name) }

  /// A group built from these words and validated, as the parser validates each group it decodes.
  func group<Group: DirectlyReadArguments>(_ type: Group.Type = Group.self) throws(DirectReadRefusal) -> Group
  {
    var group = try Group(direct: self)
    do {
      try group.validate()
    } catch {
      throw DirectReadRefusal()
    }
    return group
  }
}

extension OSBSCtlCommand {
  /// A leaf that is not directly read leaves every command line to the parser.
  static func readDirectly(_ words: ArraySlice<String>) -> Self? { nil }
}

extension OSBSCtlCommand where Self: DirectlyReadArguments {
  /// The leaf from the words after its name, or nil for the parser to read them.
  static func readDirectly(_ words: ArraySlice<String>) -> Self? {
    guard let words = DirectWords(words, options: directOptions, positionals: takesPositionalWords) else {
      return nil
    }
    return try? words.group(Self.self)
  }
}

// MARK: The groups of directly read leaves
//
// These groups' `init(direct:)` are here, not in the files that declare them, on purpose: in that file
// the compiler takes an assignment to a wrapped property that has an initial value (`@Flag var confirm =
// false`), even after `self.init()`, as a new wrapper made from the value, which is a definition the
// parser has not read, and reading it stops the program. From another file it is the setter (as it is
// through a protocol's requirement, `NodeSchedulingOptions`).

extension CommonOptions: DirectlyReadArguments {
  static var directOptions: [DirectOption] {
    [
      .value("--config"), .value("--profile", "-p"), .value("--request-timeout"), .flag("--debug"),
      .value("--color"), .flag("--quiet", "-q"),
    ]
  }

  init(direct words: DirectWords) throws(DirectReadRefusal) {
    self.init()
    config = words.value("--config")
    profile = words.value("--profile")
    requestTimeout = words.value("--request-timeout")
    debug = words.flag("--debug")
    color = try words.value("--color", as: ColorMode.self) ?? .auto
    quiet = words.flag("--quiet")
  }
}

extension KojiOptions: DirectlyReadArguments {
  static var directOptions: [DirectOption] { [.value("--koji-config", "-c"), .value("--koji-profile")] }

  init(direct words: DirectWords) throws(DirectReadRefusal) {
    self.init()
    kojiConfig = words.value("--koji-config")
    kojiProfile = words.value("--koji-profile")
  }
}

extension ClusterOptions: DirectlyReadArguments {
  static var directOptions: [DirectOption] {
    [.value("--kubeconfig"), .value("--context"), .value("--namespace", "-n")]
  }

  init(direct words: DirectWords) throws(DirectReadRefusal) {
    self.init()
    kubeconfig = words.value("--kubeconfig")
    context = words.value("--context")
    namespace = words.value("--namespace")
  }
}

extension GlobalOptions: DirectlyReadArguments {
  static var directOptions: [DirectOption] {
    CommonOptions.directOptions + KojiOptions.directOptions + ClusterOptions.directOptions
  }

  init(direct words: DirectWords) throws(DirectReadRefusal) {
    self.init()
    common = try words.group()
    koji = try words.group()
    cluster = try words.group()
  }
}

extension OutputOptions: DirectlyReadArguments {
  static var directOptions: [DirectOption] { [.value("--output", "-o")] }

  init(direct words: DirectWords) throws(DirectReadRefusal) {
    self.init()
    output = try words.value("--output", as: OutputFormatArgument<Formats>.self) ?? .init(.table)
  }
}

extension ConfirmationOptions: DirectlyReadArguments {
  static var directOptions: [DirectOption] { [.flag("--confirm", "--yes", "-y"), .flag("--dry-run")] }

  init(direct words: DirectWords) throws(DirectReadRefusal) {
    self.init()
    confirm = words.flag("--confirm")
    dryRun = words.flag("--dry-run")
  }
}

extension NodeSelection: DirectlyReadArguments {
  static var directOptions: [DirectOption] { [.value("--selector", "-l")] }
  static var takesPositionalWords: Bool { true }

  init(direct words: DirectWords) throws(DirectReadRefusal) {
    self.init()
    names = words.positionals
    selector = words.value("--selector")
  }
}

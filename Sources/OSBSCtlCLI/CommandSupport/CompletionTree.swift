import ArgumentParser

/// osbsctl's command tree as the completion scripts see it.
///
/// osbsctl takes its global options anywhere on the line (`osbsctl -p staging node cordon`, see
/// `GlobalOptionPlacement`), but the argument parser writes into a script only the options each command
/// declares, and only the leaves declare them. In this tree every command that has subcommands declares
/// them as well, from the same `GlobalOptions` and `OutputOptions`, so the scripts step over them and
/// their values on the way to the leaf, offer them at every level and complete their values there. The
/// leaves are osbsctl's own.
///
/// The scripts and the answers to the requests they make (`osbsctl ---completion node -- --profile …`)
/// both come from this tree: a request for an option of a group finds it only here.
struct CompletionTree<Group: ParsableCommand>: AsyncParsableCommand {
  static var configuration: CommandConfiguration {
    var configuration = Group.configuration
    configuration.commandName = Group._commandName
    configuration.subcommands = configuration.subcommands.map(CompletionTreeNode.of)
    configuration.defaultSubcommand = configuration.defaultSubcommand.map(CompletionTreeNode.of)
    return configuration
  }

  @OptionGroup var global: EveryGlobalOption
  @OptionGroup var output: EveryOutputFormat
}

enum CompletionTreeNode {
  /// A leaf as it is; a command with subcommands in a `CompletionTree`.
  static func of(_ command: any ParsableCommand.Type) -> any ParsableCommand.Type {
    command.configuration.subcommands.isEmpty ? command : grouping(command)
  }

  private static func grouping<Command: ParsableCommand>(_ command: Command.Type) -> any ParsableCommand.Type
  {
    CompletionTree<Command>.self
  }
}

/// The two things the completion scripts ask of osbsctl: the script itself, and the candidates of one
/// argument (`---completion`, the argument parser's private request).
enum CompletionRequest {
  case script(CompletionShell)
  case candidates

  init?(_ arguments: [String]) {
    if arguments.first == "---completion" {
      self = .candidates
      return
    }
    let shellName: String
    switch arguments.count {
    case 1 where arguments[0].hasPrefix("--generate-completion-script="):
      shellName = String(arguments[0].dropFirst("--generate-completion-script=".count))
    case 2 where arguments[0] == "--generate-completion-script":
      shellName = arguments[1]
    default:
      return nil
    }
    guard let shell = CompletionShell(rawValue: shellName) else { return nil }
    self = .script(shell)
  }

  func answer<Root: ParsableCommand>(for root: Root.Type, _ arguments: [String]) async {
    switch self {
    case .script(let shell):
      let script = CompletionTree<Root>.completionScript(for: shell)
      switch shell {
      case .bash:
        print(BashCompletionScript.adjusted(script))
      case .zsh:
        let options = OptionNames.longOptionsTakingValues(in: CompletionTree<Root>.self)
        print(ZshCompletionScript.adjusted(script, optionsTakingValues: options))
      default:
        print(script)
      }
    case .candidates:
      await CompletionTree<Root>.main(arguments)
    }
  }
}

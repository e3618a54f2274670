/// The zsh completion script as the argument parser writes it, with one fix: its `_arguments` specs
/// (`'--kubeconfig[…]:kubeconfig:_files'`) take an option's value only as the next word, so
/// `--kubeconfig=k.yaml` is no option to zsh, the walk to the subcommand stops there and nothing after it
/// completes. osbsctl takes `--option=value` for every long option with a value; here each such spec says
/// so (`--kubeconfig=`: the value is the next word or follows an `=`).
enum ZshCompletionScript {
  /// `optionsTakingValues`: the long options of the tree that take a value, and are nowhere a flag.
  static func adjusted(_ script: String, optionsTakingValues: Set<String>) -> String {
    var script = script
    for option in optionsTakingValues.sorted() {
      // A spec names the option alone ('--name[…' or '*--name[…', repeating; ':' without a description)
      // or, with its other names, in braces ({-n,--name}).
      for (generated, fixed) in [
        ("'\(option)[", "'\(option)=["), ("'*\(option)[", "'*\(option)=["),
        ("'\(option):", "'\(option)=:"), ("'*\(option):", "'*\(option)=:"),
        (",\(option)}", ",\(option)=}"), ("{\(option),", "{\(option)=,"),
      ] {
        script = script.replacingOccurrences(of: generated, with: fixed)
      }
    }
    return script
  }
}

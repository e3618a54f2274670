import Foundation

/// The bash completion script as the argument parser writes it, with one fix: it registers the whole
/// function with `complete -o filenames`, so bash treats every candidate as a file name and turns a
/// subcommand into a directory (`bui<TAB>` gives `build/` where a folder `build` exists). Here only the
/// completions that are paths (`--config`, `--kubeconfig`, `-C`, `--from` …) ask for file-name handling.
enum BashCompletionScript {
  static let wholeFunctionAsFiles = "complete -o filenames -F _osbsctl osbsctl"
  static let plainFunction = "complete -F _osbsctl osbsctl"

  static func adjusted(_ script: String) -> String {
    script
      .replacingOccurrences(of: wholeFunctionAsFiles, with: plainFunction)
      .replacingOccurrences(
        of: "__osbsctl_add_completions -f",
        with: "compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f"
      )
      .replacingOccurrences(
        of: "__osbsctl_add_completions -d",
        with: "compopt -o filenames 2>/dev/null; __osbsctl_add_completions -d")
  }
}

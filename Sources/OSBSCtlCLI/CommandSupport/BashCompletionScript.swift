/// The bash completion script as the argument parser writes it, with these fixes:
///
/// - It registers the whole function with `complete -o filenames`, so bash treats every candidate as a
///   file name and turns a subcommand into a directory (`bui<TAB>` gives `build/` where a folder `build`
///   exists). Here only the completions that are paths (`--config`, `--kubeconfig`, `-C`, `--from` …) ask
///   for file-name handling.
/// - bash hands `--kubeconfig=k.yaml` over as three words, `--kubeconfig`, `=` and `k.yaml` (`=` is in
///   `COMP_WORDBREAKS`). The script took the `=` for the value and `k.yaml` for a subcommand or an
///   argument; here the word after an `=` is the value. When the value is being typed after an `=`, the
///   option is the word before the `=`, so its values are offered.
///
/// Each fix replaces text the argument parser writes; text that is no longer there stops the script's
/// generation (scripts/generate-docs) rather than leaving a fix silently undone.
enum BashCompletionScript {
  struct Fix {
    var generated: String
    var fixed: String
  }

  static let fixes = [
    Fix(
      generated: "complete -o filenames -F _osbsctl osbsctl",
      fixed: "complete -F _osbsctl osbsctl"),
    Fix(
      generated: "__osbsctl_add_completions -f",
      fixed: "compopt -o filenames 2>/dev/null; __osbsctl_add_completions -f"),
    Fix(
      generated: "__osbsctl_add_completions -d",
      fixed: "compopt -o filenames 2>/dev/null; __osbsctl_add_completions -d"),
    Fix(
      generated: """
        [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] \
        && is_parsing_option_value=false
        """,
      fixed: """
        [[ "${unparsed_words[${word_index}]}" != '=' \
        && "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] \
        && is_parsing_option_value=false
        """),
    Fix(
      generated: #"""
            local -r prev="${3}"

        """#,
      fixed: #"""
            local prev="${3}"
            [[ "${prev}" = '=' && "${COMP_CWORD}" -ge 2 ]] && prev="${COMP_WORDS[COMP_CWORD - 2]}"
            local -r prev

        """#),
  ]

  static func adjusted(_ script: String) -> String {
    fixes.reduce(script) { script, fix in
      precondition(
        script.contains(fix.generated), "the argument parser no longer writes this bash:\n\(fix.generated)")
      return script.replacingOccurrences(of: fix.generated, with: fix.fixed)
    }
  }
}

/// One invocation shown under EXAMPLES in a command's help and man page.
struct HelpExample {
  /// What it does, in a few words.
  var purpose: String
  /// The command line, starting with `osbsctl`.
  var command: String

  init(_ purpose: String, _ command: String) {
    self.purpose = purpose
    self.command = command
  }
}

/// A command's discussion followed by its EXAMPLES block: `EXAMPLES`, then for each example an indented
/// `# purpose` line and the command line. scripts/finish-man-pages turns the block into the man page's
/// EXAMPLES section, so keep this shape.
func discussion(_ text: String = "", examples: [HelpExample]) -> String {
  let block = examples.map { "  # \($0.purpose)\n  \($0.command)" }.joined(separator: "\n\n")
  return (text.isEmpty ? "" : text + "\n\n") + "EXAMPLES\n" + block
}

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
  // Every command on the way to the one run builds its configuration, so this runs a few times on every
  // start: a loop, not the generic `joined(separator:)` (~0.13 M instructions a call unspecialised).
  var discussion = text.isEmpty ? "EXAMPLES\n" : text + "\n\nEXAMPLES\n"
  for (index, example) in examples.enumerated() {
    discussion += (index == 0 ? "  # " : "\n\n  # ") + example.purpose + "\n  " + example.command
  }
  return discussion
}

extension StringProtocol {
  /// The text's lines, LF and CR LF each ending one (a lone CR, a progress bar's, stays inside its line).
  /// Not `split(separator: "\n")`: that splits Characters, and CR LF is one Character, so text written
  /// with CR LF came out as a single line.
  public func lines(omittingEmpty: Bool) -> [SubSequence] {
    split(omittingEmptySubsequences: omittingEmpty, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
  }
}

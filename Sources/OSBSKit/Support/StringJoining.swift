extension [String] {
  /// `joined(separator:)`, written out for arrays of strings. The standard library's is generic and not
  /// specialised for its callers, and its first call in a process resolves its witnesses at run time:
  /// ~0.35 M instructions, a tenth of what a local command such as `config view` does of its own.
  public func joinedText(separator: String) -> String {
    var text = ""
    for (index, element) in enumerated() {
      if index > 0 { text += separator }
      text += element
    }
    return text
  }
}

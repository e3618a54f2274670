import Foundation

/// One option as Python's `configparser` keeps it, plus where it was written.
struct INIValue: Sendable, Equatable {
  var value: String
  var path: String
  var line: Int

  var source: String { SettingSource.file(path, line: line) }
}

/// The state of a Python `ConfigParser` after `read([file, …])`, as koji uses it.
///
/// Mirrors the defaults koji gets: `=` and `:` delimiters, whole-line `#`/`;` comments (no inline comments),
/// indented continuation lines, blank lines kept inside multi-line values, lower-cased option names,
/// case-sensitive section names, a `[DEFAULT]` section that feeds every section, `%(name)s` interpolation
/// applied when values are read, and strict mode: a section or option repeated inside ONE file is an error,
/// while a later file overrides an earlier one option by option.
struct INIDocument: Sendable {
  static let defaultSectionName = "DEFAULT"
  private static let maxInterpolationDepth = 10

  private(set) var sectionNames: [String] = []
  private(set) var sections: [String: [String: INIValue]] = [:]
  private(set) var defaults: [String: INIValue] = [:]
  private(set) var filesRead: [String] = []

  func hasSection(_ name: String) -> Bool { sections[name] != nil }

  /// `str.strip()`, as configparser trims lines, names and values and Python's `int()` its argument.
  /// (Foundation's `trimmingCharacters(in:)` goes through `NSString`: 1 M instructions on its first call
  /// and ~60 k on each later one, half of a `config view`'s reading of the Koji files.)
  static func strip(_ text: Substring) -> String {
    guard let first = text.firstIndex(where: { !$0.isWhitespace }),
      let last = text.lastIndex(where: { !$0.isWhitespace })
    else { return "" }
    return String(text[first...last])
  }

  /// The lines of a file as Python's text mode reads them: `\n`, `\r\n` and a lone `\r` each end one
  /// (universal newlines). Split by bytes: `split(separator: "\n")` splits Characters, and `\r\n` is one
  /// Character, so a file written with CR LF was one line.
  static func lines(_ text: String) -> [Substring] {
    let bytes = text.utf8
    var lines: [Substring] = []
    var start = bytes.startIndex
    var index = start
    while index != bytes.endIndex {
      let byte = bytes[index]
      guard byte == 0x0A || byte == 0x0D else {
        index = bytes.index(after: index)
        continue
      }
      lines.append(Substring(bytes[start..<index]))
      index = bytes.index(after: index)
      if byte == 0x0D, index != bytes.endIndex, bytes[index] == 0x0A { index = bytes.index(after: index) }
      start = index
    }
    if start != bytes.endIndex { lines.append(Substring(bytes[start...])) }
    return lines
  }

  mutating func read(path: String) throws(ConfigError) {
    try read(text: try ConfigFiles.text(path), path: path)
  }

  mutating func read(text: String, path: String) throws(ConfigError) {
    struct PendingOption {
      var section: String
      var key: String
      var lines: [String]
      var line: Int
    }
    var options: [PendingOption] = []
    var currentSection: String?
    var currentOption: Int?
    var indentLevel = 0
    var sectionsSeen: Set<String> = []
    var headerOrder: [String] = []
    var optionsSeen: Set<String> = []

    for (index, line) in Self.lines(text).enumerated() {
      let lineNumber = index + 1
      let stripped = Self.strip(line)
      let isComment = stripped.hasPrefix("#") || stripped.hasPrefix(";")
      if stripped.isEmpty || isComment {
        // configparser keeps blank lines inside a value (trimmed at the end) but drops comment lines.
        if !isComment, let currentOption { options[currentOption].lines.append("") }
        continue
      }
      let indent = line.prefix { $0 == " " || $0 == "\t" }.count
      if let currentOption, indent > indentLevel {
        options[currentOption].lines.append(stripped)
        continue
      }
      indentLevel = indent
      if stripped.hasPrefix("["), let close = stripped.lastIndex(of: "]"),
        stripped.distance(from: stripped.startIndex, to: close) > 1
      {
        let name = String(stripped[stripped.index(after: stripped.startIndex)..<close])
        if name != Self.defaultSectionName {
          if sectionsSeen.contains(name) {
            throw .malformedFile(
              path: path, line: lineNumber, reason: "section [\(name)] appears twice in this file")
          }
          sectionsSeen.insert(name)
          headerOrder.append(name)
        }
        currentSection = name
        currentOption = nil
        continue
      }
      guard let section = currentSection else {
        throw .malformedFile(
          path: path, line: lineNumber, reason: "option outside any [section] header")
      }
      guard let delimiter = stripped.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
        throw .malformedFile(
          path: path, line: lineNumber,
          reason: "expected a [section] header, 'key = value' or 'key: value'")
      }
      let key = Self.strip(stripped[..<delimiter]).lowercased()
      guard !key.isEmpty else {
        throw .malformedFile(path: path, line: lineNumber, reason: "option with an empty name")
      }
      let seenKey = section + "\u{0}" + key
      if optionsSeen.contains(seenKey) {
        throw .malformedFile(
          path: path, line: lineNumber, reason: "option '\(key)' appears twice in section [\(section)]")
      }
      optionsSeen.insert(seenKey)
      let value = Self.strip(stripped[stripped.index(after: delimiter)...])
      options.append(PendingOption(section: section, key: key, lines: [value], line: lineNumber))
      currentOption = options.count - 1
    }

    for name in headerOrder where sections[name] == nil {
      sections[name] = [:]
      sectionNames.append(name)
    }
    for option in options {
      var joined = option.lines.count == 1 ? option.lines[0] : option.lines.joined(separator: "\n")
      while joined.last?.isWhitespace == true { joined.removeLast() }
      let value = INIValue(value: joined, path: path, line: option.line)
      if option.section == Self.defaultSectionName {
        defaults[option.key] = value
      } else {
        sections[option.section, default: [:]][option.key] = value
      }
    }
    filesRead.append(path)
  }

  /// `config.items(section)`: the section's options over `[DEFAULT]`, each interpolated.
  func items(_ section: String) throws(ConfigError) -> [String: INIValue] {
    guard let own = sections[section] else { return [:] }
    let raw = defaults.merging(own) { _, sectionValue in sectionValue }
    var result: [String: INIValue] = [:]
    for (key, entry) in raw {
      var interpolated = entry
      interpolated.value = try Self.interpolate(entry.value, key: key, section: section, in: raw, at: entry)
      result[key] = interpolated
    }
    return result
  }

  private static func interpolate(
    _ text: String, key: String, section: String, in map: [String: INIValue], at entry: INIValue,
    depth: Int = 1
  ) throws(ConfigError) -> String {
    if depth > maxInterpolationDepth {
      throw .malformedFile(
        path: entry.path, line: entry.line,
        reason: "option '\(key)' in section [\(section)]: interpolation nested too deeply")
    }
    var output = ""
    var rest = Substring(text)
    // `append(contentsOf:)` with a Substring, not `+=`: that one is the generic `Sequence` overload, whose
    // witnesses are resolved at run time on every call (~0.35 M instructions for a Koji profile).
    while let percent = rest.firstIndex(of: "%") {
      output.append(contentsOf: rest[..<percent])
      rest = rest[percent...]
      let next = rest.dropFirst().first
      if next == "%" {
        output += "%"
        rest = rest.dropFirst(2)
      } else if next == "(", let close = rest.firstIndex(of: ")"),
        rest.index(after: close) < rest.endIndex, rest[rest.index(after: close)] == "s",
        rest.distance(from: rest.startIndex, to: close) > 2
      {
        let name = rest[rest.index(rest.startIndex, offsetBy: 2)..<close].lowercased()
        rest = rest[rest.index(close, offsetBy: 2)...]
        guard let referenced = map[name] else {
          throw .malformedFile(
            path: entry.path, line: entry.line,
            reason: "option '\(key)' in section [\(section)] refers to %(\(name))s, which is not defined")
        }
        output += try interpolate(
          referenced.value, key: key, section: section, in: map, at: entry, depth: depth + 1)
      } else {
        throw .malformedFile(
          path: entry.path, line: entry.line,
          reason: "option '\(key)' in section [\(section)]: '%' must be followed by '%' or '(name)s'"
            + " (write %% for a literal percent sign)")
      }
    }
    output.append(contentsOf: rest)
    return output
  }
}

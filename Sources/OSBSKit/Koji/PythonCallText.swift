import Foundation

/// The call as Python would write it (`buildContainer('src', 'target', {...}, priority=5)`), for --dry-run.
enum PythonCallText {
  static func render(_ call: XMLRPCCall) -> String {
    let (positional, keywords) = call.positionalAndKeywords
    let arguments = positional.map(value) + keywords.keys.sorted().map { "\($0)=\(value(keywords[$0]!))" }
    return "\(call.method)(\(arguments.joined(separator: ", ")))"
  }

  static func value(_ value: XMLRPCValue) -> String {
    switch value {
    case .string(let text), .dateTime(let text): "'" + text.replacingOccurrences(of: "'", with: "\\'") + "'"
    case .int(let number): String(number)
    case .bool(let flag): flag ? "True" : "False"
    case .double(let number): String(number)
    case .null: "None"
    case .base64(let data): "<\(data.count) bytes>"
    case .array(let values): "[" + values.map(Self.value).joined(separator: ", ") + "]"
    case .structure(let members):
      "{" + members.map { "'\($0.name)': \(Self.value($0.value))" }.joined(separator: ", ") + "}"
    }
  }
}

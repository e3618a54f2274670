import Foundation
import OSBSKit

/// A hub method's Python signature: parameter names in order, with defaults for the optional ones.
/// Binding follows Python's rules, and mismatches become ParameterError 1019 with Python's TypeError
/// text (koji's `call_with_argcheck`), which clients match ("got an unexpected keyword argument").
struct KojiSignature: Sendable {
  struct Parameter: Sendable {
    var name: String
    /// Nil: required.
    var defaultValue: XMLRPCValue?
  }

  var qualifiedName: String
  var parameters: [Parameter]
  /// `*args`: extra positional arguments are accepted (and ignored).
  var acceptsExtraPositional = false
  /// `**kwargs`: unknown keywords are accepted.
  var acceptsExtraKeywords = false
  /// Methods of the hub's RootExports class count `self` in Python's messages.
  var countsSelf = true

  /// `"getTaskInfo(task_id, request=False, strict=False)"` style: names with `=` have a default.
  init(_ name: String, _ parameters: [(String, XMLRPCValue?)], owner: String? = "RootExports") {
    qualifiedName = owner.map { "\($0).\(name)" } ?? name
    countsSelf = owner != nil
    self.parameters = parameters.map { Parameter(name: $0.0, defaultValue: $0.1) }
  }

  func bind(_ call: XMLRPCCall) throws(KojiFault) -> KojiArguments {
    let (positional, keywords) = call.positionalAndKeywords
    let extra = countsSelf ? 1 : 0
    if positional.count > parameters.count && !acceptsExtraPositional {
      let required = parameters.filter { $0.defaultValue == nil }.count
      let takes =
        required == parameters.count
        ? "takes \(parameters.count + extra) positional argument\(parameters.count + extra == 1 ? "" : "s")"
        : "takes from \(required + extra) to \(parameters.count + extra) positional arguments"
      throw Self.parameterError(
        "\(qualifiedName)() \(takes) but \(positional.count + extra) \(positional.count + extra == 1 ? "was" : "were") given"
      )
    }
    var values: [String: XMLRPCValue] = [:]
    for (index, value) in positional.enumerated() where index < parameters.count {
      values[parameters[index].name] = value
    }
    for name in keywords.keys.sorted() {
      guard let value = keywords[name] else { continue }
      if let index = parameters.firstIndex(where: { $0.name == name }) {
        if index < positional.count {
          throw Self.parameterError("\(qualifiedName)() got multiple values for argument '\(name)'")
        }
        values[name] = value
      } else if acceptsExtraKeywords {
        values[name] = value
      } else {
        throw Self.parameterError("\(qualifiedName)() got an unexpected keyword argument '\(name)'")
      }
    }
    let missing = parameters.filter { $0.defaultValue == nil && values[$0.name] == nil }.map {
      "'\($0.name)'"
    }
    if !missing.isEmpty {
      let list =
        missing.count == 1
        ? missing[0] : missing.dropLast().joined(separator: ", ") + " and " + missing[missing.count - 1]
      throw Self.parameterError(
        "\(qualifiedName)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)"
      )
    }
    for parameter in parameters where values[parameter.name] == nil {
      values[parameter.name] = parameter.defaultValue
    }
    return KojiArguments(method: qualifiedName, values: values)
  }

  static func parameterError(_ message: String) -> KojiFault {
    KojiFault(code: 1019, message: message)
  }
}

/// Bound arguments, with conversions that fail the way the hub does for a wrong type.
struct KojiArguments: Sendable {
  var method: String
  var values: [String: XMLRPCValue]

  subscript(name: String) -> XMLRPCValue { values[name] ?? .null }

  func isPresent(_ name: String) -> Bool { !(values[name] ?? .null).isNull }

  func int(_ name: String) throws(KojiFault) -> Int {
    switch self[name] {
    case .int(let value): return Int(value)
    case .string(let text):
      if let value = Int(text.trimmingCharacters(in: .whitespaces)) { return value }
    case .bool(let flag): return flag ? 1 : 0
    default: break
    }
    throw Self.typeError(name, self[name], expected: "int")
  }

  func optionalInt(_ name: String) throws(KojiFault) -> Int? {
    isPresent(name) ? try int(name) : nil
  }

  func string(_ name: String) throws(KojiFault) -> String {
    guard case .string(let text) = self[name] else { throw Self.typeError(name, self[name], expected: "str") }
    return text
  }

  func optionalString(_ name: String) throws(KojiFault) -> String? {
    isPresent(name) ? try string(name) : nil
  }

  /// Python truthiness.
  func flag(_ name: String) -> Bool {
    switch self[name] {
    case .null: false
    case .bool(let value): value
    case .int(let value): value != 0
    case .double(let value): value != 0
    case .string(let text): !text.isEmpty
    case .array(let values): !values.isEmpty
    case .structure(let members): !members.isEmpty
    case .base64(let data): !data.isEmpty
    case .dateTime: true
    }
  }

  static func typeError(_ name: String, _ value: XMLRPCValue, expected: String) -> KojiFault {
    KojiFault(
      code: 1019, message: "invalid type for \(name): \(pythonTypeName(value)) (expected \(expected))")
  }

  static func pythonTypeName(_ value: XMLRPCValue) -> String {
    switch value {
    case .int: "int"
    case .bool: "bool"
    case .string: "str"
    case .double: "float"
    case .dateTime: "DateTime"
    case .base64: "Binary"
    case .array: "list"
    case .structure: "dict"
    case .null: "NoneType"
    }
  }
}

import Foundation
import OSBSKit

/// A parsed label selector (`a=b`, `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x,y)`).
struct LabelSelector: Sendable {
  enum Requirement: Sendable {
    case equals(String, String)
    case notEquals(String, String)
    case exists(String)
    case notExists(String)
    case inSet(String, Set<String>)
    case notInSet(String, Set<String>)
  }

  var requirements: [Requirement] = []

  /// nil for a malformed selector.
  init?(_ text: String?) {
    guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return }
    for part in Self.splitTopLevel(text) {
      let term = part.trimmingCharacters(in: .whitespaces)
      if term.isEmpty { return nil }
      if let range = term.range(of: " notin ") {
        let key = term[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        guard let values = Self.set(term[range.upperBound...]) else { return nil }
        requirements.append(.notInSet(key, values))
      } else if let range = term.range(of: " in ") {
        let key = term[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        guard let values = Self.set(term[range.upperBound...]) else { return nil }
        requirements.append(.inSet(key, values))
      } else if let range = term.range(of: "!=") {
        requirements.append(
          .notEquals(
            term[..<range.lowerBound].trimmingCharacters(in: .whitespaces),
            term[range.upperBound...].trimmingCharacters(in: .whitespaces)))
      } else if let range = term.range(of: "==") ?? term.range(of: "=") {
        requirements.append(
          .equals(
            term[..<range.lowerBound].trimmingCharacters(in: .whitespaces),
            term[range.upperBound...].trimmingCharacters(in: .whitespaces)))
      } else if term.hasPrefix("!") {
        requirements.append(.notExists(String(term.dropFirst()).trimmingCharacters(in: .whitespaces)))
      } else {
        requirements.append(.exists(term))
      }
    }
  }

  func matches(_ labels: [String: String]?) -> Bool {
    let labels = labels ?? [:]
    return requirements.allSatisfy { requirement in
      switch requirement {
      case .equals(let key, let value): labels[key] == value
      case .notEquals(let key, let value): labels[key] != value
      case .exists(let key): labels[key] != nil
      case .notExists(let key): labels[key] == nil
      case .inSet(let key, let values): labels[key].map(values.contains) ?? false
      case .notInSet(let key, let values): !(labels[key].map(values.contains) ?? false)
      }
    }
  }

  private static func set(_ text: Substring) -> Set<String>? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard trimmed.hasPrefix("("), trimmed.hasSuffix(")") else { return nil }
    return Set(
      trimmed.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
  }

  /// Splits at commas outside parentheses.
  static func splitTopLevel(_ text: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var depth = 0
    for character in text {
      switch character {
      case "(": depth += 1
      case ")": depth -= 1
      case "," where depth == 0:
        parts.append(current)
        current = ""
        continue
      default: break
      }
      current.append(character)
    }
    parts.append(current)
    return parts
  }
}

/// A parsed field selector (`f=v`, `f==v`, `f!=v`), checked against the fields a resource supports.
struct FieldSelector: Sendable {
  struct Term: Sendable {
    var field: String
    var value: String
    var negated: Bool
  }

  var terms: [Term] = []

  /// Throws the unsupported field's name.
  init(_ text: String?, supported: Set<String>) throws(UnsupportedField) {
    guard let text, !text.isEmpty else { return }
    for part in text.split(separator: ",") {
      let term = String(part)
      let negated: Bool
      let range: Range<String.Index>
      if let found = term.range(of: "!=") {
        negated = true
        range = found
      } else if let found = term.range(of: "==") ?? term.range(of: "=") {
        negated = false
        range = found
      } else {
        throw UnsupportedField(field: term, invalidSyntax: true)
      }
      let field = String(term[..<range.lowerBound])
      guard supported.contains(field) else { throw UnsupportedField(field: field, invalidSyntax: false) }
      terms.append(Term(field: field, value: String(term[range.upperBound...]), negated: negated))
    }
  }

  struct UnsupportedField: Error {
    var field: String
    var invalidSyntax: Bool
  }

  func matches(_ value: (String) -> String) -> Bool {
    terms.allSatisfy { term in (value(term.field) == term.value) != term.negated }
  }
}

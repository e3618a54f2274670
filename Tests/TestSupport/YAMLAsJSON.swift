import Foundation
import Yams

/// A YAML document as the JSON an API server sends for the same object: each scalar becomes the JSON
/// type its YAML tag resolves to (int, float, bool, null), everything else a string. Timestamps stay
/// strings, as Kubernetes' JSON has them.
public enum YAMLAsJSON {
  public enum Failure: Error, CustomStringConvertible {
    case empty
    case unsupported(String)

    public var description: String {
      switch self {
      case .empty: "the YAML text holds no document"
      case .unsupported(let what): "cannot express \(what) as JSON"
      }
    }
  }

  public static func data(fromYAML text: String) throws -> Data {
    guard let node = try Yams.compose(yaml: text) else { throw Failure.empty }
    return try JSONSerialization.data(withJSONObject: value(of: node), options: [.sortedKeys])
  }

  static func value(of node: Node) throws -> Any {
    switch node {
    case .scalar(let scalar):
      switch Tag.Name(rawValue: node.tag.rawValue) {
      case .int: return Int(scalar.string) ?? scalar.string
      case .float: return Double(scalar.string) ?? scalar.string
      case .bool: return Bool.construct(from: scalar) ?? scalar.string
      case .null: return NSNull()
      default: return scalar.string
      }
    case .sequence(let sequence):
      return try sequence.map { try value(of: $0) }
    case .mapping(let mapping):
      var members: [String: Any] = [:]
      for (key, member) in mapping {
        guard let name = key.string else { throw Failure.unsupported("a non-scalar key") }
        members[name] = try value(of: member)
      }
      return members
    case .alias:
      throw Failure.unsupported("an alias")
    }
  }
}

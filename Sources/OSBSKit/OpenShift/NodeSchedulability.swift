import Foundation

/// What a cordon reads of a Node and changes: its name and `spec.unschedulable`.
///
/// Read from the Node's JSON tree rather than decoded as a whole `Node`: `node cordon` sends one GET,
/// and the first `JSONDecoder` decode of the Node's nested types (the runtime resolving each one's
/// `Decodable` conformance and generic containers) cost more than any other part of its own work
/// (bench/README.md, Profiles, round twelve).
public struct NodeSchedulability: Sendable, Equatable {
  public var name: String
  /// `spec.unschedulable` as the server has it: absent and `null` are both nil, schedulable.
  public var unschedulable: Bool?

  public var isSchedulable: Bool { unschedulable != true }

  public init(name: String, unschedulable: Bool?) {
    self.name = name
    self.unschedulable = unschedulable
  }

  public init(_ node: Node) {
    self.init(name: node.metadata.name, unschedulable: node.spec.unschedulable)
  }

  /// Reads the two fields from a Node object; throws what is missing or of the wrong type among them. The
  /// rest of the object is not looked at, so a reply a whole-`Node` decode would refuse for another field
  /// still serves a cordon.
  public init(json data: Data) throws(NodeSchedulabilityError) {
    let tree: JSONTree
    do {
      tree = try JSONTree(json: data)
    } catch {
      throw NodeSchedulabilityError(description: error.description)
    }
    guard case .object(let node) = tree else {
      throw NodeSchedulabilityError(description: "not a JSON object")
    }
    guard case .object(let metadata)? = node["metadata"] else {
      throw NodeSchedulabilityError(description: "no object at metadata")
    }
    guard case .string(let name)? = metadata["name"] else {
      throw NodeSchedulabilityError(description: "no string at metadata.name")
    }
    switch node["spec"] {
    case nil, .null?:
      self.init(name: name, unschedulable: nil)
    case .object(let spec)?:
      switch spec["unschedulable"] {
      case nil, .null?: self.init(name: name, unschedulable: nil)
      case .bool(let flag)?: self.init(name: name, unschedulable: flag)
      default: throw NodeSchedulabilityError(description: "spec.unschedulable is not a boolean")
      }
    default:
      throw NodeSchedulabilityError(description: "spec is not an object")
    }
  }
}

/// Why a reply is not a Node a cordon can read.
public struct NodeSchedulabilityError: Error, Equatable, CustomStringConvertible {
  public let description: String
}

extension JSONTree {
  /// An XML-RPC value in its natural JSON form (structs as objects, base64 as text).
  public init(_ value: XMLRPCValue) {
    switch value {
    case .null: self = .null
    case .bool(let flag): self = .bool(flag)
    case .int(let number): self = .int(number)
    case .double(let number): self = .double(number)
    case .string(let text), .dateTime(let text): self = .string(text)
    case .base64(let data): self = .string(data.base64EncodedString())
    case .array(let values): self = .array(values.map(JSONTree.init))
    case .structure(let members):
      var object: [String: JSONTree] = [:]
      for member in members { object[member.name] = JSONTree(member.value) }
      self = .object(object)
    }
  }
}

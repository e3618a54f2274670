import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// One XML-RPC call to the simulated hub. Only the method name is decoded here; handlers decode
/// `body` with the full XML-RPC codec when they need the parameters.
public struct KojiCall: Sendable {
  public var methodName: String
  /// The whole `<methodCall>` document.
  public var body: Data
  /// The HTTP request, for session headers (`Koji-Session-Id`, …) and the `/kojihub/ssllogin` path.
  public var request: SandboxRequest

  public init(methodName: String, body: Data, request: SandboxRequest) {
    self.methodName = methodName
    self.body = body
    self.request = request
  }

  /// The session id from the `Koji-Session-Id` header, or from the `session-id` query item that
  /// clients use against hubs without header auth.
  public var sessionID: Int? {
    (request.header("Koji-Session-Id") ?? request.queryValue("session-id")).flatMap { Int($0) }
  }

  /// The `<methodName>` of an XML-RPC `<methodCall>`, or nil if `body` is not one.
  public static func methodName(in body: Data) -> String? {
    guard !body.isEmpty else { return nil }
    let reader = MethodNameReader()
    let parser = XMLParser(data: body)
    parser.delegate = reader
    guard parser.parse(), reader.sawMethodCall else { return nil }
    let name = reader.methodName.trimmingCharacters(in: .whitespacesAndNewlines)
    return name.isEmpty ? nil : name
  }
}

private final class MethodNameReader: NSObject, XMLParserDelegate {
  var methodName = ""
  var sawMethodCall = false
  private var inMethodName = false

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    if elementName == "methodCall" { sawMethodCall = true }
    inMethodName = elementName == "methodName"
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inMethodName { methodName += string }
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    if elementName == "methodName" { inMethodName = false }
  }
}

/// A hub fault a Koji handler throws or returns (`faultCode`, `faultString`).
public struct KojiFault: Error, Sendable, Equatable {
  public var code: Int
  public var message: String

  public init(code: Int, message: String) {
    self.code = code
    self.message = message
  }

  /// GenericError, the hub's answer to a method it does not know.
  public static func invalidMethod(_ name: String) -> Self {
    KojiFault(code: 1000, message: "Invalid method: \(name)")
  }

  /// AuthExpired: the client logs in again (renew) and retries once.
  public static func sessionExpired(sessionID: Int) -> Self {
    KojiFault(code: 1007, message: "session \"\(sessionID)\" has expired")
  }
}

/// A Koji handler's answer: one XML-RPC `<value>` element or a fault.
public enum KojiReply: Sendable, Equatable {
  /// The complete `<value>…</value>` element, already encoded.
  case value(xml: String)
  case fault(KojiFault)

  public static func string(_ text: String) -> Self {
    .value(xml: "<value><string>\(KojiWire.escaped(text))</string></value>")
  }

  public static func int(_ number: Int) -> Self {
    // The hub switches to <i8> outside the 32-bit range.
    let tag = Int(Int32.min)...Int(Int32.max) ~= number ? "int" : "i8"
    return .value(xml: "<value><\(tag)>\(number)</\(tag)></value>")
  }

  public static func bool(_ flag: Bool) -> Self {
    .value(xml: "<value><boolean>\(flag ? 1 : 0)</boolean></value>")
  }

  /// Python `None`.
  public static let none = KojiReply.value(xml: "<value><nil/></value>")
}

/// Renders method responses the way the hub's marshaller lays them out (one element per line, single
/// quotes in the XML declaration), so byte counts match the captured wire traffic.
public enum KojiWire {
  public static func document(for reply: KojiReply) -> String {
    switch reply {
    case .value(let xml):
      // Python's marshaller writes a top-level nil without the newline every other value gets.
      let separator = xml.hasSuffix("<nil/></value>") ? "" : "\n"
      return
        "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n\(xml)\(separator)</param>\n</params>\n"
        + "</methodResponse>\n"
    case .fault(let fault):
      return "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n"
        + "<name>faultCode</name>\n<value><int>\(fault.code)</int></value>\n</member>\n<member>\n"
        + "<name>faultString</name>\n<value><string>\(escaped(fault.message))</string></value>\n"
        + "</member>\n</struct></value>\n</fault>\n</methodResponse>\n"
    }
  }

  /// Escapes like Python's xmlrpc marshaller: only `&`, `<` and `>`.
  public static func escaped(_ text: String) -> String {
    // Most replies (base64 log chunks above all) have nothing to escape: skip the per-character walk.
    let special: Set<UInt8> = [UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">")]
    if !text.utf8.contains(where: special.contains) { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      default: out.append(character)
      }
    }
    return out
  }
}

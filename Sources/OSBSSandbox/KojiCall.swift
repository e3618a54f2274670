import Foundation
import OSBSKit

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

/// A Koji handler's answer: one XML-RPC value or a fault.
public enum KojiReply: Sendable, Equatable {
  case value(XMLRPCValue)
  case fault(KojiFault)
  /// A whole `<methodResponse>` already written (large replies made without building the value first).
  case document(Data)

  public static func string(_ text: String) -> Self { .value(.string(text)) }

  /// Written as `<i8>` outside the 32-bit range, as the hub's marshaller does.
  public static func int(_ number: Int) -> Self { .value(.int(Int64(number))) }

  public static func bool(_ flag: Bool) -> Self { .value(.bool(flag)) }

  /// Python `None`.
  public static let none = KojiReply.value(.null)
}

/// Method responses laid out the way the hub's marshaller writes them (OSBSKit's encoder writes Python's
/// exact bytes), so byte counts match the captured wire traffic.
public enum KojiWire {
  public static func document(for reply: KojiReply) -> Data {
    switch reply {
    case .value(let value): XMLRPCEncoder.encode(.success(value))
    case .fault(let fault):
      XMLRPCEncoder.encode(.fault(XMLRPCFault(code: fault.code, message: fault.message)))
    case .document(let document): document
    }
  }

  /// The document `document(for: .string(base64 of bytes))` writes, in one pass into one buffer: no base64
  /// string, no escaping scan (base64 has nothing to escape), no copy from a string into `Data`.
  public static func base64StringDocument(_ bytes: [UInt8]) -> Data {
    let prefix = Array("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><string>".utf8)
    let suffix = Array("</string></value>\n</param>\n</params>\n</methodResponse>\n".utf8)
    let encodedCount = (bytes.count + 2) / 3 * 4
    var document = Data(count: prefix.count + encodedCount + suffix.count)
    document.withUnsafeMutableBytes { raw in
      let out = raw.bindMemory(to: UInt8.self)
      var position = 0
      for byte in prefix {
        out[position] = byte
        position += 1
      }
      bytes.withUnsafeBufferPointer { position = Base64Writer.write($0, to: out, at: position) }
      for byte in suffix {
        out[position] = byte
        position += 1
      }
    }
    return document
  }
}

/// Standard base64 with padding and no line breaks (what `Data.base64EncodedString()` writes).
enum Base64Writer {
  private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  /// Writes the encoding of `input` at `start` of `out`, which must have room; returns the end.
  static func write(
    _ input: UnsafeBufferPointer<UInt8>, to out: UnsafeMutableBufferPointer<UInt8>, at start: Int
  )
    -> Int
  {
    alphabet.withUnsafeBufferPointer { table in
      var position = start
      var index = 0
      let whole = input.count - input.count % 3
      while index < whole {
        let group = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
        out[position] = table[Int(group >> 18)]
        out[position + 1] = table[Int(group >> 12 & 63)]
        out[position + 2] = table[Int(group >> 6 & 63)]
        out[position + 3] = table[Int(group & 63)]
        position += 4
        index += 3
      }
      let rest = input.count - whole
      if rest > 0 {
        let second = rest == 2 ? UInt32(input[index + 1]) : 0
        let group = UInt32(input[index]) << 16 | second << 8
        out[position] = table[Int(group >> 18)]
        out[position + 1] = table[Int(group >> 12 & 63)]
        out[position + 2] = rest == 2 ? table[Int(group >> 6 & 63)] : UInt8(ascii: "=")
        out[position + 3] = UInt8(ascii: "=")
        position += 4
      }
      return position
    }
  }
}

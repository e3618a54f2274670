import Foundation

/// Writes XML-RPC the way Python's `xmlrpc.client` marshaller (and so koji, client and hub) does, byte for
/// byte, so requests look like the koji CLI's and the sandbox's replies look like a real hub's.
public enum XMLRPCEncoder {
  public static func encode(_ call: XMLRPCCall) -> Data {
    var out = "<?xml version='1.0'?>\n<methodCall>\n<methodName>"
    appendEscaped(call.method, to: &out)
    out += "</methodName>\n<params>\n"
    for param in call.params {
      out += "<param>\n"
      append(param, to: &out)
      out += "</param>\n"
    }
    out += "</params>\n</methodCall>\n"
    return Data(out.utf8)
  }

  public static func encode(_ response: XMLRPCResponse) -> Data {
    var out = "<?xml version='1.0'?>\n<methodResponse>\n"
    switch response {
    case .success(let value):
      out += "<params>\n<param>\n"
      append(value, to: &out)
      out += "</param>\n</params>\n"
    case .fault(let fault):
      out += "<fault>\n"
      append(
        .object(["faultCode": .int(Int64(fault.code)), "faultString": .string(fault.message)]), to: &out)
      out += "</fault>\n"
    }
    out += "</methodResponse>\n"
    return Data(out.utf8)
  }

  static func append(_ value: XMLRPCValue, to out: inout String) {
    switch value {
    case .int(let number):
      let tag = (Int64(Int32.min)...Int64(Int32.max)).contains(number) ? "int" : "i8"
      out += "<value><\(tag)>\(number)</\(tag)></value>\n"
    case .bool(let flag):
      out += "<value><boolean>\(flag ? 1 : 0)</boolean></value>\n"
    case .string(let text):
      out += "<value><string>"
      appendEscaped(text, to: &out)
      out += "</string></value>\n"
    case .double(let number):
      out += "<value><double>\(pythonRepr(number))</double></value>\n"
    case .dateTime(let text):
      out += "<value><dateTime.iso8601>\(text)</dateTime.iso8601></value>\n"
    case .base64(let data):
      out += "<value><base64>\n"
      out += data.base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
      out += "\n</base64></value>\n"
    case .array(let values):
      out += "<value><array><data>\n"
      for element in values { append(element, to: &out) }
      out += "</data></array></value>\n"
    case .structure(let members):
      out += "<value><struct>\n"
      for member in members {
        out += "<member>\n<name>"
        appendEscaped(member.name, to: &out)
        out += "</name>\n"
        append(member.value, to: &out)
        out += "</member>\n"
      }
      out += "</struct></value>\n"
    case .null:
      // Python writes nil without the trailing newline every other value gets.
      out += "<value><nil/></value>"
    }
  }

  private static func appendEscaped(_ text: String, to out: inout String) {
    guard
      text.utf8.contains(where: {
        $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
      })
    else {
      out += text
      return
    }
    for character in text.unicodeScalars {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      default: out.unicodeScalars.append(character)
      }
    }
  }

  /// Python's float repr: shortest round-trip digits, always with a fractional part or exponent.
  private static func pythonRepr(_ number: Double) -> String {
    if number.isNaN { return "nan" }
    if number.isInfinite { return number < 0 ? "-inf" : "inf" }
    var text = "\(number)"
    if !text.contains(".") && !text.contains("e") { text += ".0" }
    return text
  }
}

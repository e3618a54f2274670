import Foundation
import OSBSSandbox
import Testing

/// The hub's answers compared with wire captures of a real Koji 1.35.3 hub.
@Suite struct KojiHubTests {
  @Test func getAPIVersionMatchesTheCapturedHub() async throws {
    try await withSandbox { _, endpoints in
      let result = try await postKoji(endpoints, "getAPIVersion")
      #expect(result.status == 200)
      #expect(result.header("Content-Type") == "text/xml")
      #expect(result.header("Koji-Version") == "1.35.3")
      #expect(result.header("Content-Length") == "121")
      let parsed = try parseXMLRPCResponse(result.body)
      #expect(parsed == XMLRPCResponse(valueType: "int", valueText: "1"))
      #expect(
        result.text
          == "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><int>1</int></value>\n</param>\n</params>\n</methodResponse>\n"
      )
    }
  }

  @Test func helloAndGetKojiVersionReturnTheHubsStrings() async throws {
    try await withSandbox { _, endpoints in
      let hello = try await postKoji(endpoints, "hello")
      #expect(hello.header("Content-Length") == "137")
      #expect(
        try parseXMLRPCResponse(hello.body) == XMLRPCResponse(valueType: "string", valueText: "Hello World"))

      let version = try await postKoji(endpoints, "getKojiVersion")
      #expect(version.header("Content-Length") == "132")
      #expect(
        try parseXMLRPCResponse(version.body) == XMLRPCResponse(valueType: "string", valueText: "1.35.3"))
    }
  }

  @Test func unknownMethodIsTheHubsInvalidMethodFault() async throws {
    try await withSandbox { _, endpoints in
      let body = kojiCall("noSuchMethod", params: ["<value><int>1</int></value>"])
      let result = try await send(
        "POST", endpoints.kojiHub, body: body, headers: ["Content-Type": "text/xml"])
      #expect(result.status == 200)
      #expect(result.header("Content-Length") == "286")
      let parsed = try parseXMLRPCResponse(result.body)
      #expect(parsed.faultCode == 1000)
      #expect(parsed.faultString == "Invalid method: noSuchMethod")
      #expect(
        result.text == """
          <?xml version='1.0'?>
          <methodResponse>
          <fault>
          <value><struct>
          <member>
          <name>faultCode</name>
          <value><int>1000</int></value>
          </member>
          <member>
          <name>faultString</name>
          <value><string>Invalid method: noSuchMethod</string></value>
          </member>
          </struct></value>
          </fault>
          </methodResponse>

          """)
    }
  }

  @Test func getIsRejectedLikeTheHubDoes() async throws {
    try await withSandbox { _, endpoints in
      let result = try await send("GET", endpoints.kojiHub, headers: ["Content-Type": "text/xml"])
      #expect(result.status == 405)
      #expect(result.header("Allow") == "POST")
      #expect(result.header("Content-Type") == "text/plain")
      #expect(
        result.text == "Method Not Allowed\nThis is an XML-RPC server. Only POST requests are accepted.\n")
    }
  }

  @Test func aBodyThatIsNotAMethodCallIsABadRequest() async throws {
    try await withSandbox { _, endpoints in
      let result = try await send("POST", endpoints.kojiHub, body: Data("not xml".utf8))
      #expect(result.status == 400)
    }
  }

  @Test func registeredMethodsAnswerAndCanFault() async throws {
    var router = SandboxRouter()
    router.addKojiMethod("getLoggedInUser") { call in
      guard call.sessionID == 7 else {
        throw KojiFault(code: 1002, message: "Invalid session or bad credentials")
      }
      return .none
    }
    router.addKojiMethod("hello") { _ in .string("a < b & c") }
    try await withSandbox(router: router) { server, endpoints in
      let anonymous = try parseXMLRPCResponse(try await postKoji(endpoints, "getLoggedInUser").body)
      #expect(anonymous.faultCode == 1002)
      #expect(anonymous.faultString == "Invalid session or bad credentials")

      let withSession = try await postKoji(endpoints, "getLoggedInUser", headers: ["Koji-Session-Id": "7"])
      #expect(withSession.text.contains("<value><nil/></value>"))

      // A user method replaces the built-in one, and strings are escaped like the hub's marshaller.
      let hello = try await postKoji(endpoints, "hello")
      #expect(hello.text.contains("<value><string>a &lt; b &amp; c</string></value>"))
      #expect(try parseXMLRPCResponse(hello.body).valueText == "a < b & c")

      #expect(await server.journal.count(xmlrpcMethod: "getLoggedInUser") == 2)
    }
  }

  @Test func methodNameIsReadFromTheCall() {
    #expect(
      KojiCall.methodName(in: kojiCall("getTaskInfo", params: ["<value><int>3</int></value>"]))
        == "getTaskInfo")
    #expect(KojiCall.methodName(in: Data("<methodResponse/>".utf8)) == nil)
    #expect(KojiCall.methodName(in: Data()) == nil)
    #expect(KojiCall.methodName(in: Data("<methodCall><methodName>x".utf8)) == nil)
  }

  /// The one-pass writer of `downloadTaskOutput` replies must write exactly what the generic encoder writes
  /// for the base64 string, at every length modulo 3 and for every byte value.
  @Test(arguments: [0, 1, 2, 3, 4, 5, 256, 1000, 65_537])
  func base64StringDocumentsMatchTheGenericEncoder(count: Int) {
    let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 / 256) }
    let generic = KojiWire.document(for: .string(Data(bytes).base64EncodedString()))
    #expect(KojiWire.base64StringDocument(bytes) == generic)
  }

  @Test func largeIntegersUseI8() {
    #expect(
      String(decoding: KojiWire.document(for: .int(5)), as: UTF8.self).contains("<value><int>5</int></value>")
    )
    #expect(
      String(decoding: KojiWire.document(for: .int(1 << 40)), as: UTF8.self).contains(
        "<value><i8>1099511627776</i8></value>"))
  }
}

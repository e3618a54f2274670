import Foundation
import Testing

@testable import OSBSKit

/// Issue 11, defect 4: the exactly-once recovery asks exactly capture 71's bounded question. The hub
/// ignores options it does not know, so a misspelt name would make the query unbounded again.
@Suite("Bounded recovery query against capture 71")
struct BoundedRecoveryQueryTests {
  @Test func recoveryQueryIsTheCapturedCall() throws {
    let capture = try #require(try KojiWireCapture.load("71-listTasks-createdAfter-limit.txt"))
    let captured = try XMLRPCDecoder.decodeCall(capture.requestBody)
    let query = ContainerBuildSubmitter.recoveryQuery(
      owner: 2, createdAfter: Date(timeIntervalSince1970: 1_796_400_999.282))
    #expect(query.method == captured.method)
    // Same names, in the same order, with the same value types (createdAfter a double).
    #expect(query.params.count == 2)
    #expect(query.params[0].members?.map(\.name) == captured.params[0].members?.map(\.name))
    #expect(query.params[0]["createdAfter"] == captured.params[0]["createdAfter"])
    #expect(query.params[1].members?.map(\.name) == captured.params[1].members?.map(\.name))
    #expect(query.params[1]["order"] == "-id")
    let limit = try #require(query.params[1]["limit"]?.intValue)
    #expect(limit > 0 && limit <= 20)
  }

  @Test func hubDateHeaderParses() throws {
    let capture = try #require(try KojiWireCapture.load("71-listTasks-createdAfter-limit.txt"))
    let header = try #require(capture.responseHeaders["Date"])
    let date = try #require(KojiSession.httpDate(header))
    #expect(date.timeIntervalSince1970 == 1_796_401_014)
  }
}

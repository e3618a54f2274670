import Foundation
import OSBSKit
import OSBSSandbox
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Resuming a followed log when one second of it is longer than a cut: every resume from that second
/// (`sinceTime` has whole-second granularity on real servers) is cut at the same byte.
struct BuildLogResumeTests {
  /// Three thousand lines stamped a microsecond apart: all within one second, about 200 kB.
  static func denseLog() -> String {
    (1...3_000).map { "dense line \($0) " + String(repeating: "y", count: $0 % 61) + "\n" }.joined()
  }

  static let options = OpenShiftClientOptions(
    maxAttempts: 4, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(50), maxReconnectFailures: 10)

  @Test func cutsLandingOnTheSameByteOfADenseSecondLoseNothing() async throws {
    try await ClusterFixture.run(
      OpenShiftCluster.Configuration(seed: .init(nodes: 1, buildsPerPhase: 0)), options: Self.options
    ) { fixture in
      let cluster = fixture.cluster
      let name = cluster.createBuild(.init(buildConfig: "dense", phase: .running)).metadata.name
      let text = Self.denseLog()
      cluster.appendLog(
        build: name, text, startingAt: 1_767_225_600_000_000_000, intervalNanoseconds: 1_000)
      try cluster.setBuildPhase(.complete, build: name)
      // The first stream gets 10 kB of lines; every resume re-reads the same second and is cut at the
      // same byte, bringing nothing new, until the cuts run out.
      cluster.cutLogStreams(afterBytes: 10_000, times: 8)

      var received = Data()
      var stream = fixture.client.buildLog(named: name, follow: true).makeAsyncIterator()
      while let chunk = try await stream.next() { received.append(chunk) }
      #expect(received.count == text.utf8.count)
      #expect(received == Data(text.utf8))
      #expect(stream.requests > 8, "the cuts should have forced resumes")
    }
  }

  @Test func cutsThatNeverStopFailAsUnavailableInsteadOfEndingQuietly() async throws {
    try await ClusterFixture.run(
      OpenShiftCluster.Configuration(seed: .init(nodes: 1, buildsPerPhase: 0)),
      options: OpenShiftClientOptions(
        maxAttempts: 4, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(50),
        maxReconnectFailures: 3)
    ) { fixture in
      let cluster = fixture.cluster
      let name = cluster.createBuild(.init(buildConfig: "dense", phase: .running)).metadata.name
      cluster.appendLog(
        build: name, Self.denseLog(), startingAt: 1_767_225_600_000_000_000, intervalNanoseconds: 1_000)
      try cluster.setBuildPhase(.complete, build: name)
      cluster.cutLogStreams(afterBytes: 10_000, times: 1_000)

      var received = Data()
      var stream = fixture.client.buildLog(named: name, follow: true).makeAsyncIterator()
      let error = await #expect(throws: OpenShiftError.self) {
        while let chunk = try await stream.next() { received.append(chunk) }
      }
      #expect(error?.failureKind == .unavailable)
      // What did arrive is a whole-line prefix of the log, nothing repeated.
      #expect(!received.isEmpty)
      #expect(received.last == UInt8(ascii: "\n"))
      #expect(Data(Self.denseLog().utf8).starts(with: received))
    }
  }

  @Test func theTailOfTheLogIsServedByTailLines() async throws {
    try await ClusterFixture.run(OpenShiftCluster.Configuration(seed: .init(nodes: 1, buildsPerPhase: 0))) {
      fixture in
      let cluster = fixture.cluster
      let name = cluster.createBuild(.init(buildConfig: "tail", phase: .complete)).metadata.name
      cluster.appendLog(build: name, "one\ntwo\nthree\n")
      let url = try #require(
        URL(
          string: fixture.client.baseURL
            + "/apis/build.openshift.io/v1/namespaces/osbs/builds/\(name)/log?tailLines=2"))
      var request = URLRequest(url: url)
      request.setValue("Bearer sandbox-admin-token", forHTTPHeaderField: "Authorization")
      let (body, _) = try await URLSession.shared.data(for: request)
      #expect(String(decoding: body, as: UTF8.self) == "two\nthree\n")
    }
  }
}

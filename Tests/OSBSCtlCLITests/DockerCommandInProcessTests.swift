import Foundation
import OSBSKit
import Testing

/// The Docker Engine commands (`prune containers|images|node`, `disk usage`) in process against a strict
/// fake engine answering with podman 4.3.1's recorded replies (Fixtures/docker, one session: containers
/// c-ok, c-fail and c-running exited, c-running2 running, c-created created, one dangling image).
@Suite("Docker Engine commands in process against strict fakes")
struct DockerCommandInProcessTests {
  static let version = "/version"
  static let exitedOrDead = #"{"status":["exited","dead"]}"#
  static let exited = #"{"status":["exited"]}"#
  static let dangling = #"{"dangling":["true"]}"#
  static let danglingImage = "sha256:7cf6330bd76916abef4b56e3b18913d4133509e3a7b63acd4aa540202de1a4d5"
  static let cOK = "640c70ce5b55279f25d4d19471d88fa4566e8cc322248f3892c91852ca010319"
  static let cFail = "f3c7872c6793282e231f482cc6d75461e3ab9ba2fbca8eea5da42c369486ddc7"
  static let cRunning = "601df32ff9b1162aa410a7abf3f570e82ea42cefcb43524f2822824d8472d200"

  static func recorded(_ file: String) throws -> Data { try Recordings.data("docker/" + file) }

  /// `GET /version`: the engine's name and versions.
  static func engineVersion() throws -> ExpectedRequest {
    .rest("GET", version, reply: try recorded("podman-4.3.1-version.json"))
  }

  /// `GET /_ping`: its `Api-Version` header says 1.41, so every later path starts `/v1.41`.
  static func enginePing() throws -> ExpectedRequest {
    .recordedHTTP("GET", "/_ping", response: try recorded("podman-4.3.1-ping.http"))
  }

  /// What `prune containers` lists: podman refuses the "dead" state (500), so the client asks again
  /// for exited ones only.
  static func stoppedContainers() throws -> [ExpectedRequest] {
    [
      .rest(
        "GET", "/v1.41/containers/json", query: ["all": "1", "size": "1", "filters": exitedOrDead],
        status: 500, reply: try recorded("podman-4.3.1-error-dead-filter.json")),
      .rest(
        "GET", "/v1.41/containers/json", query: ["all": "1", "size": "1", "filters": exited],
        reply: try recorded("podman-4.3.1-containers-exited-size.json")),
    ]
  }

  /// What `prune images` plans from: dangling images, /system/df for their sizes, every container for
  /// the images in use.
  static func danglingImagePlan() throws -> [ExpectedRequest] {
    [
      .rest(
        "GET", "/v1.41/images/json", query: ["all": "0", "filters": dangling],
        reply: try recorded("podman-4.3.1-images-dangling.json")),
      .rest("GET", "/v1.41/system/df", reply: try recorded("podman-4.3.1-system-df.json")),
      .rest(
        "GET", "/v1.41/containers/json", query: ["all": "1"],
        reply: try recorded("podman-4.3.1-containers-all.json")),
    ]
  }

  /// A container DELETE; podman answers 204 with no body.
  static func removal(_ id: String, status: Int = 204, reply: Data = Data()) -> ExpectedRequest {
    .rest("DELETE", "/v1.41/containers/" + id, query: ["v": "0", "force": "0"], status: status, reply: reply)
  }

  static func run(_ arguments: [String], docker: [ExpectedRequest]) async throws -> CommandRun {
    let cli = try InProcessCLI()
    defer { cli.removeHome() }
    return await cli.run(arguments, docker: docker)
  }

  @Test func pruneContainersPlansTheExitedOnesAndDeletesNothing() async throws {
    let run = try await Self.run(
      ["prune", "containers"], docker: [try Self.enginePing()] + (try Self.stoppedContainers()))
    #expect(run.status == 0, "\(run)")
    for name in ["c-ok", "c-fail", "c-running"] { #expect(run.stdout.contains(name), "\(run)") }
    #expect(!run.stdout.contains("c-running2"), "\(run)")
    #expect(!run.requests.contains { $0.contains("DELETE") }, "\(run)")
  }

  @Test func pruneContainersJSONPlanListsEachContainerWithItsSize() async throws {
    let run = try await Self.run(
      ["prune", "containers", "-o", "json", "--filter", "label=app=probe"],
      docker: [try Self.enginePing()] + (try Self.stoppedContainers()))
    #expect(run.status == 0, "\(run)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
    #expect(report["dryRun"] as? Bool == true)
    let planned = try #require(report["planned"] as? [[String: Any]])
    // Only c-fail carries app=probe.
    #expect(planned.map { $0["name"] as? String } == ["c-fail"], "\(run)")
    #expect(planned.first?["kind"] as? String == "container")
    #expect(planned.first?["sizeBytes"] as? Int == 12)
  }

  /// With --confirm each planned container is deleted; one that is gone by then (podman's 404, recorded
  /// for the missing container "nope" and answered here for c-running) is skipped, not failed.
  @Test func pruneContainersConfirmDeletesAndSkipsTheGoneOne() async throws {
    let run = try await Self.run(
      ["prune", "containers", "--confirm", "-o", "json"],
      docker: [try Self.enginePing()] + (try Self.stoppedContainers()) + [
        Self.removal(Self.cOK), Self.removal(Self.cFail),
        Self.removal(
          Self.cRunning, status: 404, reply: try Self.recorded("podman-4.3.1-error-container-missing.json")),
      ])
    #expect(run.status == 0, "\(run)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
    let deleted = (report["deleted"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    #expect(Set(deleted) == ["c-ok", "c-fail"], "\(run)")
    let skipped = report["skipped"] as? [[String: Any]] ?? []
    #expect(skipped.count == 1, "\(run)")
    #expect(String(describing: skipped).contains("already gone"), "\(run)")
    #expect(report["dryRun"] as? Bool == false)
  }

  @Test func pruneImagesPlansTheDanglingImageNoContainerUses() async throws {
    let run = try await Self.run(
      ["prune", "images", "-o", "json"], docker: [try Self.enginePing()] + (try Self.danglingImagePlan()))
    #expect(run.status == 0, "\(run)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
    let planned = try #require(report["planned"] as? [[String: Any]])
    #expect(planned.map { $0["id"] as? String } == [Self.danglingImage], "\(run)")
    #expect((planned.first?["reason"] as? String)?.hasPrefix("dangling") == true, "\(run)")
  }

  @Test func pruneImagesConfirmDeletesIt() async throws {
    let run = try await Self.run(
      ["prune", "images", "--confirm"],
      docker: [try Self.enginePing()] + (try Self.danglingImagePlan()) + [
        .rest(
          "DELETE", "/v1.41/images/" + Self.danglingImage, query: ["force": "0", "noprune": "0"],
          reply: try Self.recorded("podman-4.3.1-image-delete.json"))
      ])
    #expect(run.status == 0, "\(run)")
    #expect(run.stdout.contains("7cf6330bd769") || run.stdout.contains(Self.danglingImage), "\(run)")
  }

  /// An image that came into use after planning: the engine's 409 (recorded for localhost/busybox:latest,
  /// answered here for the dangling image) makes it skipped, and the run still succeeds.
  @Test func pruneImagesSkipsAnImageTheEngineSaysIsInUse() async throws {
    let run = try await Self.run(
      ["prune", "images", "--confirm", "-o", "json"],
      docker: [try Self.enginePing()] + (try Self.danglingImagePlan()) + [
        .rest(
          "DELETE", "/v1.41/images/" + Self.danglingImage, query: ["force": "0", "noprune": "0"],
          status: 409, reply: try Self.recorded("podman-4.3.1-error-image-in-use.json"))
      ])
    #expect(run.status == 0, "\(run)")
    #expect(run.stdout.contains(#""skipped" : ["#), "\(run)")
    #expect(run.stdout.contains("in use"), "\(run)")
  }

  @Test func pruneNodePlansContainersThenImagesInOneReport() async throws {
    let run = try await Self.run(
      ["prune", "node", "-o", "json"],
      docker: [try Self.enginePing()] + (try Self.stoppedContainers()) + (try Self.danglingImagePlan()))
    #expect(run.status == 0, "\(run)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
    let kinds = (report["planned"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
    #expect(kinds.filter { $0 == "container" }.count == 3, "\(run)")
    #expect(kinds.filter { $0 == "image" }.count == 1, "\(run)")
  }

  @Test func diskUsageSummarisesSystemDF() async throws {
    let run = try await Self.run(
      ["disk", "usage", "-o", "json"],
      docker: [
        // /version for the engine's name, /_ping to pin the API version.
        try Self.engineVersion(), try Self.enginePing(),
        .rest("GET", "/v1.41/system/df", reply: try Self.recorded("podman-4.3.1-system-df.json")),
      ])
    #expect(run.status == 0, "\(run)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
    #expect(report["apiVersion"] as? String == "1.41")
    #expect(report["host"] as? String == "unix:///var/run/docker.sock")
    #expect((report["engine"] as? String)?.contains("4.3.1") == true, "\(run)")
    let types = (report["categories"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
    #expect(types == ["images", "containers", "volumes", "buildCache"], "\(run)")
  }

  /// A URL's password never reaches the report (`host`) or an error.
  @Test func diskUsageLeavesTheEngineURLsPasswordOut() async throws {
    let run = try await Self.run(
      ["disk", "usage", "--host", "http://admin:s3cret@docker.example.org:2375", "-o", "json"],
      docker: [
        try Self.engineVersion(), try Self.enginePing(),
        .rest("GET", "/v1.41/system/df", reply: try Self.recorded("podman-4.3.1-system-df.json")),
      ])
    #expect(run.status == 0, "\(run)")
    #expect(!run.stdout.contains("s3cret") && !run.stderr.contains("s3cret"), "\(run)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
    #expect(report["host"] as? String == "http://admin:[REDACTED]@docker.example.org:2375", "\(run)")
  }

  /// Docker 1.12 (API 1.24) sends no `Api-Version` on its ping and has no `/system/df` (API 1.25): the
  /// client asks `/version`, and `prune images` plans from the listing alone (the strict fake engine fails
  /// the test on a request for `/system/df`).
  @Test func pruneImagesOnAPI124PlansWithoutSystemDF() async throws {
    let ping = ExpectedRequest(
      method: "GET", path: "/_ping", query: nil, body: .any,
      reply: HTTPResponse(
        status: 200, headers: HTTPHeaders([("Content-Type", "text/plain")]), body: Data("OK".utf8)))
    let run = try await Self.run(
      ["prune", "images", "-o", "json"],
      docker: [
        ping,
        .rest(
          "GET", Self.version, reply: Data(#"{"Version":"1.12.6","ApiVersion":"1.24","Os":"linux"}"#.utf8)),
        .rest(
          "GET", "/v1.24/images/json", query: ["all": "0", "filters": Self.dangling],
          reply: try Self.recorded("podman-4.3.1-images-dangling.json")),
        .rest(
          "GET", "/v1.24/containers/json", query: ["all": "1"],
          reply: try Self.recorded("podman-4.3.1-containers-all.json")),
      ])
    #expect(run.status == 0, "\(run)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
    let planned = report["planned"] as? [[String: Any]] ?? []
    #expect(planned.map { $0["id"] as? String } == [Self.danglingImage], "\(run)")
    #expect(planned.first?["sizeBytes"] as? Int == 2_004_272, "\(run)")
  }

  @Test func diskUsageTableMarksEstimatedImageBytes() async throws {
    let run = try await Self.run(
      ["disk", "usage"],
      docker: [
        // /version for the engine's name, /_ping to pin the API version.
        try Self.engineVersion(), try Self.enginePing(),
        .rest("GET", "/v1.41/system/df", reply: try Self.recorded("podman-4.3.1-system-df.json")),
      ])
    #expect(run.status == 0, "\(run)")
    #expect(run.stdout.contains("Images"), "\(run)")
    #expect(run.stdout.contains("~"), "\(run)")
  }

  /// An engine that refuses: podman's recorded 500 (for the "dead" filter) answered here for /system/df.
  /// The command fails with the engine's own message and prints no report.
  @Test func diskUsageReportsTheEnginesRefusal() async throws {
    let run = try await Self.run(
      ["disk", "usage"],
      docker: [
        try Self.engineVersion(), try Self.enginePing(),
        .rest(
          "GET", "/v1.41/system/df", status: 500,
          reply: try Self.recorded("podman-4.3.1-error-dead-filter.json")),
      ])
    #expect(run.status != 0, "\(run)")
    #expect(run.stdout.isEmpty, "\(run)")
    #expect(run.stderr.contains("unknown container state"), "\(run)")
  }

  // MARK: node probe --local

  static let probeContainer = "98350831266d4a7a0732a975b104fed6251bf747aaf8180a290e2a22719b1966"

  /// The create of a probe container: its name is made up per run (`osbsctl-probe-` and 8 characters), its
  /// label is what `--cleanup` finds.
  static func probeCreate(status: Int, reply: Data) -> ExpectedRequest {
    var create = ExpectedRequest.rest(
      "POST", "/v1.41/containers/create", query: ["name": "osbsctl-probe-"],
      body: .jsonMember(["Labels"], #"{"osbsctl.io/probe":"true"}"#), status: status, reply: reply)
    create.prefixQueryItems = ["name"]
    return create
  }

  /// One probe container's life as podman answered it (Fixtures/docker: a busybox container whose
  /// command printed a line on each stream and exited 7); the create's body here names osbsctl's probe
  /// image and command, which the engine's replies do not depend on. The recorded container did not run
  /// the probe's script, so its log holds no result line: the verdict is probe-error, with the log as
  /// evidence, and the container is removed all the same.
  @Test func localProbeRunsOneContainerReadsItsLogAndRemovesIt() async throws {
    let id = Self.probeContainer
    let run = try await Self.run(
      ["node", "probe", "--local", "build-node-01", "-o", "json"],
      docker: [
        try Self.enginePing(),
        Self.probeCreate(status: 201, reply: try Self.recorded("podman-4.3.1-container-create.json")),
        .rest("POST", "/v1.41/containers/\(id)/start", status: 204, reply: Data()),
        .rest(
          "POST", "/v1.41/containers/\(id)/wait", query: ["condition": "not-running"],
          reply: try Self.recorded("podman-4.3.1-container-wait-exit-7.json")),
        .rest(
          "GET", "/v1.41/containers/\(id)/logs", query: ["stdout": "1", "stderr": "1", "tail": "20"],
          reply: try Self.recorded("podman-4.3.1-container-logs-exit-7.bin")),
        .rest(
          "DELETE", "/v1.41/containers/" + id, query: ["v": "1", "force": "1"], status: 204, reply: Data()),
      ])
    #expect(run.status == 1, "\(run)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run)")
    #expect(report["mode"] as? String == "local", "\(run)")
    #expect(report["healthy"] as? Bool == false, "\(run)")
    let result = try #require((report["results"] as? [[String: Any]])?.first, "\(run)")
    #expect(result["nodeName"] as? String == "build-node-01", "\(run)")
    #expect(result["verdict"] as? String == "probe-error", "\(run)")
    let evidence = result["evidence"] as? [String: Any] ?? [:]
    #expect(evidence["exitCode"] as? Int == 7, "\(run)")
    #expect(evidence["cleanup"] as? String == "removed", "\(run)")
    // Both streams, demultiplexed, in the engine's order.
    #expect(
      evidence["logTail"] as? [String] == ["connecting to http://probe.example.org/", "connection refused"],
      "\(run)")
  }

  /// The probe image is not on the node: podman's 404 for create; nothing was created, so nothing is
  /// removed, and the run fails.
  @Test func localProbeWithAMissingImageCreatesNothing() async throws {
    let run = try await Self.run(
      ["node", "probe", "--local", "build-node-01", "-o", "json"],
      docker: [
        try Self.enginePing(),
        Self.probeCreate(
          status: 404, reply: try Self.recorded("podman-4.3.1-error-create-image-missing.json")),
      ])
    #expect(run.status == 1, "\(run)")
    #expect(run.stdout.contains("no such image"), "\(run)")
    #expect(run.stdout.contains("nothing was created"), "\(run)")
  }
}

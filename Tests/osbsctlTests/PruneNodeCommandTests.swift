import Foundation
import OSBSKit
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `osbsctl prune containers|images|node` and `disk usage` against a real podman API service: real exited,
/// running and created-from-dangling containers, dangling and in-use images. What is gone afterwards is
/// checked by listing through the engine, not by trusting the report.
@Suite(.serialized) struct PruneNodeCommandTests {
  static func report(_ result: CLIResult) throws -> PruneReport {
    do {
      return try JSONDecoder().decode(PruneReport.self, from: Data(result.stdout.utf8))
    } catch {
      throw FixtureError(
        "not a prune report (exit \(String(describing: result.exitCode))): \(result.stdout)\n\(result.stderr)"
      )
    }
  }

  static func engine(_ service: PodmanService) throws -> DockerEngineClient {
    try DockerEngineClient(
      connection: DockerConnection(baseURL: "http://localhost", unixSocketPath: service.socketPath))
  }

  @Test func dryRunChangesNothingAndConfirmRemovesExactlyThePlan() async throws {
    let service = try await PodmanService.start()
    defer { service.stop() }
    let ok = try await service.exitedContainer(name: "c-ok")
    let failed = try await service.exitedContainer(name: "c-fail", exitCode: 3, labels: ["app": "probe"])
    let running = try await service.runningContainer(name: "c-running")
    let dangling = try await service.danglingImage(tag: "localhost/app:1")
    // A dangling image still used by an exited container: free only once that container is gone.
    let danglingInUse = try await service.danglingImage(tag: "localhost/app:2")
    let onDangling = try await service.exitedContainer(
      name: "c-on-dangling", image: String(danglingInUse.dropFirst("sha256:".count)))
    let inUse = try await service.commitImage(tag: "localhost/in-use:1")
    let user = try await service.runningContainer(name: "c-user", image: "localhost/in-use:1")
    let cli = try CLI()
    let host = ["--host", service.host]
    let containersBefore = try await service.containerIDs()
    let imagesBefore = try await service.imageIDs()

    let imagesOnly = try Self.report(try await cli.osbsctl(["prune", "images", "-o", "json"] + host))
    #expect(imagesOnly.dryRun)
    #expect(imagesOnly.planned.map(\.id) == [dangling])

    let plan = try await cli.osbsctl(
      ["prune", "node", "-o", "json"], environment: ["DOCKER_HOST": service.host])
    #expect(plan.exitCode == 0)
    let planned = try Self.report(plan)
    #expect(planned.dryRun && planned.scope == "node")
    #expect(Set(planned.planned.filter { $0.kind == .container }.map(\.id)) == [ok, failed, onDangling])
    #expect(Set(planned.planned.filter { $0.kind == .image }.map(\.id)) == [dangling, danglingInUse])
    #expect(planned.deleted.isEmpty && planned.totals.planned == 5)
    #expect(plan.stderr.contains("dry run"))
    #expect(try await service.containerIDs() == containersBefore)
    #expect(try await service.imageIDs() == imagesBefore)

    // disk usage before pruning: the engine's own /system/df, summed here independently.
    // Running containers' writable layers can still change size; compare a run the engine agrees with on
    // both sides.
    var usage = try await cli.osbsctl(["disk", "usage", "-o", "json"] + host)
    var df = try await engineSystemDF(service)
    for _ in 0..<5 {
      let before = try await engineSystemDF(service)
      usage = try await cli.osbsctl(["disk", "usage", "-o", "json"] + host)
      df = try await engineSystemDF(service)
      if NSDictionary(dictionary: before).isEqual(to: df) { break }
    }
    #expect(usage.exitCode == 0)
    let categories = try #require(try usage.json()["categories"] as? [[String: Any]])
    let byType = Dictionary(uniqueKeysWithValues: categories.map { ($0["type"] as? String ?? "", $0) })
    let dfContainers = try #require(df["Containers"] as? [[String: Any]])
    let dfImages = try #require(df["Images"] as? [[String: Any]])
    func number(_ object: [String: Any]?, _ key: String) -> Int64 {
      (object?[key] as? NSNumber)?.int64Value ?? 0
    }
    #expect(number(byType["containers"], "total") == Int64(dfContainers.count))
    #expect(
      number(byType["containers"], "active")
        == Int64(dfContainers.filter { $0["State"] as? String == "running" }.count))
    #expect(number(byType["containers"], "sizeBytes") == dfContainers.reduce(0) { $0 + number($1, "SizeRw") })
    #expect(number(byType["images"], "total") == Int64(dfImages.count))
    #expect(
      number(byType["images"], "active") == Int64(dfImages.filter { number($0, "Containers") > 0 }.count))
    let unique = dfImages.reduce(Int64(0)) { $0 + max(0, number($1, "Size") - number($1, "SharedSize")) }
    let shared = dfImages.map { number($0, "SharedSize") }.max() ?? 0
    #expect(number(byType["images"], "sizeBytes") == unique + shared)

    let confirmed = try await cli.osbsctl(["prune", "node", "--confirm", "-o", "json"] + host)
    #expect(confirmed.exitCode == 0, "\(confirmed.stderr)")
    let done = try Self.report(confirmed)
    #expect(!done.dryRun)
    #expect(Set(done.deleted.map(\.id)) == Set(planned.planned.map(\.id)))
    #expect(done.skipped.isEmpty && done.failed.isEmpty && done.totals.notAttempted == 0)
    #expect(done.totals.reclaimedBytes == done.deleted.reduce(0) { $0 + ($1.sizeBytes ?? 0) })

    // Listed through the engine: exactly the planned objects are gone.
    let engine = try Self.engine(service)
    let containersAfter = Set(try await engine.containers(all: true).map(\.id))
    #expect(containersAfter == containersBefore.subtracting([ok, failed, onDangling]))
    #expect(containersAfter.isSuperset(of: [running, user]))
    let imagesAfter = Set(try await engine.images(all: true).map(\.id))
    #expect(imagesAfter == imagesBefore.subtracting([dangling, danglingInUse]))
    #expect(imagesAfter.contains(inUse))

    // Nothing left to do: a second run plans nothing.
    let again = try Self.report(try await cli.osbsctl(["prune", "node", "--confirm", "-o", "json"] + host))
    #expect(again.planned.isEmpty)
  }

  @Test func labelFiltersAndUntilSelectContainers() async throws {
    let service = try await PodmanService.start()
    defer { service.stop() }
    let web = try await service.exitedContainer(name: "web", labels: ["app": "web"])
    let database = try await service.exitedContainer(name: "db", labels: ["app": "db"])
    let bare = try await service.exitedContainer(name: "bare")
    let cli = try CLI()
    let host = ["--host", service.host, "-o", "json"]

    let labelled = try Self.report(
      try await cli.osbsctl(
        ["prune", "containers", "--filter", "label=app", "--filter", "label!=app=db"] + host))
    #expect(labelled.planned.map(\.id) == [web])
    let unlabelled = try Self.report(
      try await cli.osbsctl(["prune", "containers", "--filter", "label!=app"] + host))
    #expect(unlabelled.planned.map(\.id) == [bare])
    let recent = try Self.report(try await cli.osbsctl(["prune", "containers", "--until", "1h"] + host))
    #expect(recent.planned.isEmpty)
    let future = String(Int(Date().timeIntervalSince1970) + 3600)
    let all = try Self.report(try await cli.osbsctl(["prune", "containers", "--until", future] + host))
    #expect(Set(all.planned.map(\.id)) == [web, database, bare])

    let bad = try await cli.osbsctl(["prune", "containers", "--filter", "app=web"] + host)
    #expect(bad.exitCode == 64)
    #expect(bad.stderr.contains("label=KEY"))
    let confirmed = try Self.report(
      try await cli.osbsctl(["prune", "containers", "--confirm", "--filter", "label=app=db"] + host))
    #expect(confirmed.deleted.map(\.id) == [database])
    #expect(try await service.containerIDs() == [web, bare])
  }

  @Test func engineGoingAwayMidPruneGivesExit5AndAnAccuratePartialReport() async throws {
    let service = try await PodmanService.start()
    defer { service.stop() }
    // Enough containers that the engine is still removing them when the poll below (a `podman ps`,
    // which waits on the same storage lock) sees the first two go: with 60 a quiet machine finished
    // them all before the poll came back.
    let ids = try await service.exitedContainers(count: 240, prefix: "gone")
    let cli = try CLI()
    let out = cli.home.appendingPathComponent("partial.json").path
    let err = cli.home.appendingPathComponent("partial.err").path
    var environment = cli.environment
    environment["DOCKER_HOST"] = service.host
    let child = try ChildProcess(
      executable: BuiltProducts.executable("osbsctl"),
      arguments: ["prune", "containers", "--confirm", "--parallel", "1", "-o", "json"],
      environment: environment, stdoutPath: out, stderrPath: err)
    // Kill the engine once deletions are under way.
    let deadline = ContinuousClock.now.advanced(by: .seconds(60))
    while ContinuousClock.now < deadline {
      if try await service.containerIDs().count <= ids.count - 2 { break }
      try await Task.sleep(for: .milliseconds(20))
    }
    service.killEngine()
    let termination = await child.waitForExit()
    let result = CLIResult(
      exitCode: termination.exitCode, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    #expect(result.exitCode == 5, "\(result.stderr)")
    let report = try Self.report(result)
    #expect(report.abortError?.contains("Docker engine") == true)
    #expect(result.stderr.contains("stopped early"))
    #expect(Set(report.planned.map(\.id)) == Set(ids))
    #expect(report.deleted.count >= 2)
    #expect(report.totals.notAttempted > 0)

    // The report matches what the engine's storage lost (podman's CLI reads it without the service).
    let remaining = try await service.containerIDs()
    let deleted = Set(report.deleted.map(\.id))
    let uncertain = Set(report.failed.map(\.item.id))
    #expect(remaining.isDisjoint(with: deleted))
    #expect(Set(ids).subtracting(deleted).subtracting(uncertain).isSubset(of: remaining))
  }

  /// One pipe for both streams, as a pod's log is: the report (larger than stdout's 8 KiB buffer) is
  /// whole and comes before the summary; with `--quiet` the merged output is the report alone.
  @Test func mergedStreamsKeepTheReportWholeAndQuietLeavesOnlyTheReport() async throws {
    let service = try await PodmanService.start()
    defer { service.stop() }
    let cli = try CLI()
    var environment = cli.environment
    environment["DOCKER_HOST"] = service.host
    for quiet in [false, true] {
      let ids = try await service.exitedContainers(count: 40, prefix: quiet ? "quiet" : "loud")
      let merged = cli.home.appendingPathComponent("merged-\(quiet).out").path
      let child = try ChildProcess(
        executable: BuiltProducts.executable("osbsctl"),
        arguments: ["prune", "containers", "--confirm", "-o", "json"] + (quiet ? ["--quiet"] : []),
        environment: environment, stdoutPath: merged, stderrPath: merged)
      let termination = await child.waitForExit()
      #expect(termination.exitCode == 0)
      let text = try String(contentsOfFile: merged, encoding: .utf8)
      let end = try #require(text.range(of: "\n}\n", options: .backwards))
      let document = String(text[..<end.upperBound])
      #expect(document.utf8.count > 8192)
      let report = try JSONDecoder().decode(PruneReport.self, from: Data(document.utf8))
      #expect(Set(report.deleted.map(\.id)) == Set(ids))
      let after = String(text[end.upperBound...])
      if quiet {
        #expect(after == "")
      } else {
        #expect(after.hasPrefix("deleted 40 ") && after.hasSuffix(", failed 0\n"), "\(after)")
      }
    }
  }

  @Test func missingEngineSocketIsExit5WithTheSocketNamed() async throws {
    let cli = try CLI()
    let socket = "/tmp/osbs-no-engine-\(UUID().uuidString.prefix(8)).sock"
    let result = try await cli.osbsctl(["prune", "node", "--host", "unix://" + socket])
    #expect(result.exitCode == 5)
    #expect(result.stderr.contains(socket))
    let usage = try await cli.osbsctl(["disk", "usage"], environment: ["DOCKER_HOST": "unix://" + socket])
    #expect(usage.exitCode == 5)
    #expect(usage.stderr.contains(socket))
  }

  /// Issue 11, defect 12: `disk usage` and `prune images` count an image's bytes the same way, and count a
  /// layer shared with other images nowhere (removing one image does not free its base).
  @Test func diskUsageAndPruneImagesAgreeAboutSharedLayers() async throws {
    let service = try await PodmanService.start()
    defer { service.stop() }
    // Keeps the base image in use, as on a build node; the dangling images share its layer.
    try await service.runningContainer(name: "keeps-base")
    let first = try await service.danglingImage(tag: "localhost/shared:1")
    let second = try await service.danglingImage(tag: "localhost/shared:2")
    let cli = try CLI()
    let host = ["--host", service.host, "-o", "json"]

    let plan = try Self.report(try await cli.osbsctl(["prune", "images"] + host))
    #expect(Set(plan.planned.map(\.id)) == [first, second])
    let usage = try await cli.osbsctl(["disk", "usage"] + host)
    #expect(usage.exitCode == 0, "\(usage.summary)")
    let categories = try #require(try usage.json()["categories"] as? [[String: Any]])
    let images = try #require(categories.first { $0["type"] as? String == "images" })

    // The engine's own figures: what is unique to each image is Size - SharedSize.
    let df = try await engineSystemDF(service)
    let dfImages = try #require(df["Images"] as? [[String: Any]])
    func number(_ object: [String: Any]?, _ key: String) -> Int64 {
      (object?[key] as? NSNumber)?.int64Value ?? 0
    }
    func engineImage(_ id: String) -> [String: Any]? {
      dfImages.first { ($0["Id"] as? String).map { "sha256:" + $0 == id || $0 == id } ?? false }
    }
    let shared = number(engineImage(first), "SharedSize")
    #expect(shared > 0, "the dangling images share the base layer: \(dfImages)")
    let unique = [first, second].reduce(Int64(0)) {
      $0 + number(engineImage($1), "Size") - number(engineImage($1), "SharedSize")
    }
    #expect(plan.totals.plannedBytes == unique)
    for item in plan.planned {
      #expect(
        item.sizeBytes == number(engineImage(item.id), "Size") - number(engineImage(item.id), "SharedSize"))
    }
    let future = String(Int(Date().timeIntervalSince1970) + 3600)
    // Every image no container uses (the dangling ones and the tags that replaced them): `disk usage`
    // says it reclaims what `prune images --unused` plans, counted the same way.
    let unused = try Self.report(
      try await cli.osbsctl(["prune", "images", "--unused", "--older-than", future] + host))
    #expect(unused.planned.count == 4)
    let uniqueUnused = unused.planned.reduce(Int64(0)) {
      $0 + number(engineImage($1.id), "Size") - number(engineImage($1.id), "SharedSize")
    }
    #expect(unused.totals.plannedBytes == uniqueUnused)
    #expect(number(images, "reclaimableBytes") == unused.totals.plannedBytes, "\(images)")
  }

  /// An unused image under two names (as after a push to a second registry): podman refuses to remove it
  /// by ID ("by ID with more than one tag … please force removal", 500), so it goes tag by tag and the last
  /// tag takes the image. A tagged image some container uses keeps every tag.
  @Test func anUnusedImageWithTwoTagsIsRemovedTagByTag() async throws {
    let service = try await PodmanService.start()
    defer { service.stop() }
    let twice = try await service.commitImage(tag: "localhost/app:1")
    try await service.podman(["tag", "localhost/app:1", "registry.example.org/ns/app:1"])
    let used = try await service.commitImage(tag: "localhost/kept:1")
    try await service.podman(["tag", "localhost/kept:1", "localhost/kept:2"])
    try await service.runningContainer(name: "keeps-it", image: "localhost/kept:1")
    let cli = try CLI()
    let future = String(Int(Date().timeIntervalSince1970) + 3600)
    let arguments = [
      "prune", "images", "--unused", "--older-than", future, "--host", service.host, "-o", "json",
    ]

    let plan = try Self.report(try await cli.osbsctl(arguments))
    #expect(plan.planned.map(\.id).contains(twice), "\(plan)")
    #expect(!plan.planned.map(\.id).contains(used), "\(plan)")
    let result = try await cli.osbsctl(arguments + ["--confirm"])
    #expect(result.exitCode == 0, "\(result.summary)")
    let report = try Self.report(result)
    #expect(report.deleted.map(\.id).contains(twice), "\(result.stdout)")
    #expect(report.failed.isEmpty, "\(result.stdout)")
    let left = try await service.podman(["images", "--format", "{{.Repository}}:{{.Tag}}"])
    #expect(!left.contains("app:1"), "\(left)")
    #expect(left.contains("localhost/kept:1") && left.contains("localhost/kept:2"), "\(left)")
  }

  /// `GET /v1.41/system/df` as raw JSON, read with the plain HTTP client.
  func engineSystemDF(_ service: PodmanService) async throws -> [String: Any] {
    let http = try HTTPClient(configuration: HTTPClientConfiguration(unixSocketPath: service.socketPath))
    let response = try await http.send(HTTPRequest(url: "http://localhost/v1.41/system/df"))
    guard let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
      throw FixtureError("system/df is not an object")
    }
    return object
  }
}

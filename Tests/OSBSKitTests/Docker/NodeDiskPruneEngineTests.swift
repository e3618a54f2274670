import Foundation
import OSBSKit
import TestSupport
import Testing

/// `NodeDiskPruner` against a real engine (podman's Docker-compatible API service), with objects that
/// change between planning and deletion.
@Suite(.serialized) struct NodeDiskPruneEngineTests {
  static func client(_ service: PodmanService) throws -> DockerEngineClient {
    try DockerEngineClient(
      connection: DockerConnection(baseURL: "http://localhost", unixSocketPath: service.socketPath))
  }

  /// The engine answers a container's wait only when the container exits; the idle limit of ordinary
  /// requests does not apply to it (here 1 s against a 3 s container).
  @Test func aWaitLongerThanTheIdleLimitEndsWithTheExitCode() async throws {
    let service = try await PodmanService.start()
    defer { service.stop() }
    let engine = try DockerEngineClient(
      connection: DockerConnection(baseURL: "http://localhost", unixSocketPath: service.socketPath),
      timeouts: HTTPTimeouts(connect: .seconds(10), total: .seconds(60), idle: .seconds(1)))
    let id = try await service.podman([
      "run", "-d", PodmanService.busyboxImage, "sh", "-c", "sleep 3; exit 4",
    ])
    #expect(try await engine.waitContainer(id: id) == 4)
  }

  @Test func changesBetweenPlanAndDeleteAreSkippedNotFailed() async throws {
    let service = try await PodmanService.start()
    defer { service.stop() }
    let plain = try await service.exitedContainer(name: "plain", exitCode: 2)
    let restarted = try await service.stoppedContainer(name: "restarted")
    let vanished = try await service.exitedContainer(name: "vanished")
    let dangling = try await service.danglingImage(tag: "localhost/moved:1")
    let engine = try Self.client(service)
    let pruner = NodeDiskPruner(engine: engine)

    let containerPlan = try await pruner.planContainers(ContainerPruneSelection())
    #expect(Set(containerPlan.map(\.id)) == [plain, restarted, vanished])
    #expect(containerPlan.first { $0.id == plain }?.reason.hasPrefix("Exited (2)") == true)
    #expect(containerPlan.allSatisfy { $0.sizeBytes != nil })
    let imagePlan = try await pruner.planImages(ImagePruneSelection())
    #expect(imagePlan.items.map(\.id) == [dangling])
    #expect(try await engine.apiVersion() == DockerAPIVersion(1, 41))

    // Between plan and delete: one container starts again, one is removed, the image comes into use.
    try await service.podman(["start", "restarted"])
    try await service.podman(["rm", "vanished"])
    let user = try await service.runningContainer(
      name: "user", image: String(dangling.dropFirst("sha256:".count)))

    let executor = PruneExecutor(parallelism: 4)
    let containers = await executor.run(scope: "containers", items: containerPlan) {
      try await pruner.deleteContainer($0)
    }
    #expect(containers.deleted.map(\.id) == [plain])
    #expect(containers.failed.isEmpty)
    let skipped = Dictionary(uniqueKeysWithValues: containers.skipped.map { ($0.item.id, $0.reason) })
    #expect(skipped[vanished] == "already gone")
    #expect(skipped[restarted]?.hasPrefix("in use since planning") == true)
    #expect(containers.failureKind == nil)

    let images = await executor.run(scope: "images", items: imagePlan.items, after: imagePlan.after) {
      try await pruner.deleteImage($0)
    }
    #expect(images.deleted.isEmpty)
    #expect(images.skipped.map(\.item.id) == [dangling])
    #expect(images.skipped.first?.reason.hasPrefix("in use") == true)

    // What the engine lists afterwards.
    let remaining = try await engine.containers(all: true)
    #expect(Set(remaining.map(\.id)) == [restarted, user])
    #expect(remaining.first { $0.id == restarted }?.state == "running")
    #expect(try await engine.images(all: true).contains { $0.id == dangling })
  }

  /// The base, an image built on it under two tags and two images built on that: every one is planned,
  /// each after the images built on it, and eight lanes remove them all. podman fails a child's
  /// inspection while it removes the child's parent, and Docker refuses a parent before its children.
  @Test func imagesBuiltOnEachOtherAreRemovedChildrenFirst() async throws {
    let service = try await PodmanService.start()
    defer { service.stop() }
    let middle = try await service.commitImage(tag: "localhost/middle:1")
    try await service.podman(["tag", "localhost/middle:1", "registry.example.org/ns/middle:1"])
    let first = try await service.commitImage(tag: "localhost/first:1", from: "localhost/middle:1")
    let second = try await service.commitImage(tag: "localhost/second:1", from: "localhost/middle:1")
    try await service.podman(["tag", "localhost/second:1", "localhost/second:2"])
    let engine = try Self.client(service)
    let base = try #require(try await engine.inspectImage(id: PodmanService.busyboxImage)).id
    let pruner = NodeDiskPruner(engine: engine)

    let plan = try await pruner.planImages(ImagePruneSelection(unused: true))
    let ids = plan.items.map(\.id)
    #expect(Set(ids) == [base, middle, first, second])
    let position = { (id: String) in ids.firstIndex(of: id) ?? -1 }
    #expect(plan.after[position(middle)] == [position(first), position(second)].sorted(), "\(plan)")
    #expect(plan.after[position(base)] == [position(middle)], "\(plan)")

    let report = await PruneExecutor(parallelism: 8).run(
      scope: "images", items: plan.items, after: plan.after
    ) {
      try await pruner.deleteImage($0)
    }
    #expect(report.failed.isEmpty, "\(report.failed)")
    #expect(report.skipped.isEmpty, "\(report.skipped)")
    #expect(Set(report.deleted.map(\.id)) == Set(ids))
    #expect(try await engine.images(all: true).isEmpty)
  }

  /// An image under two tags that a running container's image is built on: podman removes it with its
  /// last tag although the child stays (its reply says only "Untagged"), and the inspection afterwards
  /// tells that it went.
  @Test func aTaggedParentOfAnImageInUseGoesTagByTag() async throws {
    let service = try await PodmanService.start()
    defer { service.stop() }
    let parent = try await service.commitImage(tag: "localhost/parent:1")
    try await service.podman(["tag", "localhost/parent:1", "localhost/parent:2"])
    let child = try await service.commitImage(tag: "localhost/child:1", from: "localhost/parent:1")
    try await service.runningContainer(name: "user", image: "localhost/child:1")
    let engine = try Self.client(service)
    let pruner = NodeDiskPruner(engine: engine)
    let plan = try await pruner.planImages(ImagePruneSelection(unused: true))
    let item = try #require(plan.items.first { $0.id == parent })
    #expect(!plan.items.contains { $0.id == child })

    let outcome = try await pruner.deleteImage(item)
    guard case .deleted = outcome else {
      Issue.record("expected the parent to be deleted, got \(outcome)")
      return
    }
    #expect(try await engine.inspectImage(id: parent) == nil)
    #expect(try await engine.inspectImage(id: child)?.repoTags == ["localhost/child:1"])
  }

  @Test func missingSocketIsAClearUnavailableError() async throws {
    let path = "/tmp/osbs-no-engine-\(UUID().uuidString.prefix(8)).sock"
    let engine = try DockerEngineClient(
      connection: DockerConnection(baseURL: "http://localhost", unixSocketPath: path))
    await #expect(throws: DockerError.socketMissing(path: path)) { try await engine.containers() }
    do {
      _ = try await engine.systemDataUsage()
      Issue.record("expected an error")
    } catch let error as DockerError {
      #expect(error.failureKind == .unavailable)
      #expect(error.description.contains(path))
    }
  }
}

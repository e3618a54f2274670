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
    #expect(imagePlan.map(\.id) == [dangling])
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

    let images = await executor.run(scope: "images", items: imagePlan) { try await pruner.deleteImage($0) }
    #expect(images.deleted.isEmpty)
    #expect(images.skipped.map(\.item.id) == [dangling])
    #expect(images.skipped.first?.reason.hasPrefix("in use") == true)

    // What the engine lists afterwards.
    let remaining = try await engine.containers(all: true)
    #expect(Set(remaining.map(\.id)) == [restarted, user])
    #expect(remaining.first { $0.id == restarted }?.state == "running")
    #expect(try await engine.images(all: true).contains { $0.id == dangling })
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

import Foundation

/// One line of `disk usage`: how many objects of a type, how many in use, their bytes and what a prune
/// could free.
public struct DiskUsageCategory: Codable, Sendable, Equatable {
  /// `images`, `containers`, `volumes` or `buildCache`.
  public var type: String
  public var total: Int
  public var active: Int
  public var sizeBytes: Int64
  public var reclaimableBytes: Int64
  /// The engine did not give the figure directly; osbsctl derived it from per-object sizes.
  public var estimated: Bool

  public init(
    type: String, total: Int, active: Int, sizeBytes: Int64, reclaimableBytes: Int64, estimated: Bool = false
  ) {
    self.type = type
    self.total = total
    self.active = active
    self.sizeBytes = sizeBytes
    self.reclaimableBytes = reclaimableBytes
    self.estimated = estimated
  }
}

/// `osbsctl disk usage`: the engine's `/system/df`, summarised as `docker system df` does, with podman's
/// gaps filled in and said so in `notes`.
public struct DiskUsageReport: Codable, Sendable, Equatable {
  /// `unix:///var/run/docker.sock` or the TCP address.
  public var host: String
  /// The pinned API version (`1.41`).
  public var apiVersion: String
  /// `Podman Engine 4.3.1`, `Docker Engine - Community 28.2.2`.
  public var engine: String?
  public var categories: [DiskUsageCategory]
  public var notes: [String]

  public init(
    host: String, apiVersion: String, engine: String?, categories: [DiskUsageCategory], notes: [String] = []
  ) {
    self.host = host
    self.apiVersion = apiVersion
    self.engine = engine
    self.categories = categories
    self.notes = notes
  }

  /// Reads `/system/df` and the version through `engine`.
  public static func collect(from engine: DockerEngineClient) async throws -> DiskUsageReport {
    let version = try await engine.version()
    let api = try await engine.apiVersion()
    let usage = try await engine.systemDataUsage()
    let name = [version.engineName, version.version].compactMap { $0 }.joined(separator: " ")
    return summarize(
      usage, host: engine.hostDescription, apiVersion: api.description, engine: name.isEmpty ? nil : name)
  }

  /// The per-type lines. The engine's own summaries win when it sends them (newer API); otherwise they are
  /// computed from the object lists as the docker CLI computes them.
  public static func summarize(
    _ usage: DockerSystemDataUsage, host: String, apiVersion: String, engine: String?
  ) -> DiskUsageReport {
    var notes: [String] = []
    let images = imageCategory(usage, notes: &notes)
    let containers = containerCategory(usage)
    let volumes = volumeCategory(usage)
    let buildCache = buildCacheCategory(usage)
    return DiskUsageReport(
      host: host, apiVersion: apiVersion, engine: engine,
      categories: [images, containers, volumes, buildCache], notes: notes)
  }

  private static func imageCategory(_ usage: DockerSystemDataUsage, notes: inout [String])
    -> DiskUsageCategory
  {
    let inUse = usage.images.filter { ($0.containers ?? 0) > 0 }
    // What removing every image no container uses frees, counted as `prune images` counts it.
    let unused = ImageSpace.reclaimable(usage.images.filter { ($0.containers ?? 0) <= 0 })
    if let summary = usage.imageSummary {
      // The per-type shape may list only some images; only a complete list can be counted here.
      let complete = !usage.images.isEmpty && usage.images.count == summary.totalCount
      return DiskUsageCategory(
        type: "images", total: summary.totalCount ?? usage.images.count,
        active: summary.activeCount ?? inUse.count, sizeBytes: summary.totalSize ?? 0,
        reclaimableBytes: complete ? unused.bytes : summary.reclaimable ?? 0,
        estimated: complete && unused.estimated)
    }
    var size = usage.layersSize ?? 0
    var estimated = false
    if size <= 0, !usage.images.isEmpty {
      // podman reports LayersSize 0. Count each image's own bytes once and the largest shared part once.
      let unique = ImageSpace.reclaimable(usage.images).bytes
      let shared = usage.images.map { max(0, $0.sharedSize ?? 0) }.max() ?? 0
      size = unique + shared
      estimated = true
      notes.append(
        "the engine reported LayersSize 0 (podman); image bytes are estimated from per-image sizes, "
          + "counting shared layers once")
    }
    return DiskUsageCategory(
      type: "images", total: usage.images.count, active: inUse.count, sizeBytes: size,
      reclaimableBytes: unused.bytes, estimated: estimated || unused.estimated)
  }

  private static func containerCategory(_ usage: DockerSystemDataUsage) -> DiskUsageCategory {
    let active = usage.containers.filter(\.isActive)
    let size = usage.containers.reduce(Int64(0)) { $0 + max(0, $1.sizeRw ?? 0) }
    let kept = active.reduce(Int64(0)) { $0 + max(0, $1.sizeRw ?? 0) }
    if let summary = usage.containerSummary {
      return DiskUsageCategory(
        type: "containers", total: summary.totalCount ?? usage.containers.count,
        active: summary.activeCount ?? active.count, sizeBytes: summary.totalSize ?? size,
        reclaimableBytes: summary.reclaimable ?? size - kept)
    }
    return DiskUsageCategory(
      type: "containers", total: usage.containers.count, active: active.count, sizeBytes: size,
      reclaimableBytes: size - kept)
  }

  private static func volumeCategory(_ usage: DockerSystemDataUsage) -> DiskUsageCategory {
    let active = usage.volumes.filter { ($0.refCount ?? 0) > 0 }
    let size = usage.volumes.reduce(Int64(0)) { $0 + max(0, $1.size ?? 0) }
    let kept = active.reduce(Int64(0)) { $0 + max(0, $1.size ?? 0) }
    if let summary = usage.volumeSummary {
      return DiskUsageCategory(
        type: "volumes", total: summary.totalCount ?? usage.volumes.count,
        active: summary.activeCount ?? active.count, sizeBytes: summary.totalSize ?? size,
        reclaimableBytes: summary.reclaimable ?? size - kept)
    }
    return DiskUsageCategory(
      type: "volumes", total: usage.volumes.count, active: active.count, sizeBytes: size,
      reclaimableBytes: size - kept)
  }

  private static func buildCacheCategory(_ usage: DockerSystemDataUsage) -> DiskUsageCategory {
    let records = usage.buildCache
    let active = records.filter(\.inUse)
    let size = records.filter { !$0.shared }.reduce(Int64(0)) { $0 + max(0, $1.size ?? 0) }
    let reclaimable = records.filter { !$0.shared && !$0.inUse }.reduce(Int64(0)) {
      $0 + max(0, $1.size ?? 0)
    }
    if let summary = usage.buildCacheSummary {
      return DiskUsageCategory(
        type: "buildCache", total: summary.totalCount ?? records.count,
        active: summary.activeCount ?? active.count, sizeBytes: summary.totalSize ?? size,
        reclaimableBytes: summary.reclaimable ?? reclaimable)
    }
    return DiskUsageCategory(
      type: "buildCache", total: records.count, active: active.count, sizeBytes: size,
      reclaimableBytes: reclaimable)
  }
}

import Foundation

/// `GET /version`: which engine answers and which API versions it speaks.
public struct DockerVersion: Codable, Sendable, Equatable {
  public var version: String?
  public var apiVersion: String?
  /// Absent from engines older than API 1.25 (they accept only their own version and older).
  public var minAPIVersion: String?
  public var os: String?
  public var arch: String?
  /// "Docker Engine - Community", "Podman Engine": the first component's name when there is one.
  public var engineName: String?

  public init(
    version: String? = nil, apiVersion: String? = nil, minAPIVersion: String? = nil, os: String? = nil,
    arch: String? = nil, engineName: String? = nil
  ) {
    self.version = version
    self.apiVersion = apiVersion
    self.minAPIVersion = minAPIVersion
    self.os = os
    self.arch = arch
    self.engineName = engineName
  }

  enum WireKeys: String, CodingKey {
    case version = "Version", apiVersion = "ApiVersion", minAPIVersion = "MinAPIVersion", os = "Os"
    case arch = "Arch", components = "Components"
  }

  struct Component: Decodable {
    var name: String?
    enum CodingKeys: String, CodingKey { case name = "Name" }
  }

  /// Reads the engine's wire form (`ApiVersion`, `Components[].Name`).
  static func decodeWire(from decoder: any Decoder) throws -> DockerVersion {
    let c = try decoder.container(keyedBy: WireKeys.self)
    let components = (try? c.decodeIfPresent([Component].self, forKey: .components)) ?? nil
    return DockerVersion(
      version: c.lenientString(.version), apiVersion: c.lenientString(.apiVersion),
      minAPIVersion: c.lenientString(.minAPIVersion), os: c.lenientString(.os),
      arch: c.lenientString(.arch), engineName: components?.first?.name)
  }
}

/// An API version such as 1.41, ordered numerically (1.9 < 1.24).
public struct DockerAPIVersion: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
  public var major: Int
  public var minor: Int

  public init(_ major: Int, _ minor: Int) {
    self.major = major
    self.minor = minor
  }

  /// `1.41` → 1.41; nil for anything else (podman's libpod versions such as `4.3.1` are not Docker API
  /// versions).
  public init?(_ text: String) {
    let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ".")
    guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]), major >= 1 else {
      return nil
    }
    self.init(major, minor)
  }

  public var description: String { "\(major).\(minor)" }

  public static func < (lhs: DockerAPIVersion, rhs: DockerAPIVersion) -> Bool {
    (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let value = DockerAPIVersion(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "not an API version: \(text)"))
    }
    self = value
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

/// One entry of `GET /containers/json` (and of `/system/df`'s `Containers`).
///
/// Only `Id` is required: engines differ in what they send and podman sends `null` for empty lists.
public struct DockerContainer: Codable, Sendable, Equatable {
  public var id: String
  /// Without the leading slash Docker puts there (`/c-ok` → `c-ok`).
  public var names: [String]
  public var image: String?
  public var imageID: String?
  public var command: String?
  /// Seconds since the epoch.
  public var created: Int64?
  /// created, restarting, running, removing, paused, exited, dead.
  public var state: String?
  /// The human status: `Exited (3) 2 hours ago`, `Up 5 minutes`.
  public var status: String?
  public var labels: [String: String]
  /// The writable layer's size; only with `size=true`.
  public var sizeRw: Int64?
  public var sizeRootFs: Int64?

  public init(
    id: String, names: [String] = [], image: String? = nil, imageID: String? = nil, command: String? = nil,
    created: Int64? = nil, state: String? = nil, status: String? = nil, labels: [String: String] = [:],
    sizeRw: Int64? = nil, sizeRootFs: Int64? = nil
  ) {
    self.id = id
    self.names = names
    self.image = image
    self.imageID = imageID
    self.command = command
    self.created = created
    self.state = state
    self.status = status
    self.labels = labels
    self.sizeRw = sizeRw
    self.sizeRootFs = sizeRootFs
  }

  /// The first name, or the short ID when it has none.
  public var displayName: String { names.first ?? DockerID.short(id) }

  /// Running, paused or restarting: in use, never pruned.
  public var isActive: Bool {
    ["running", "paused", "restarting", "removing"].contains(state?.lowercased() ?? "")
  }

  enum WireKeys: String, CodingKey {
    case id = "Id", names = "Names", image = "Image", imageID = "ImageID", command = "Command"
    case created = "Created", state = "State", status = "Status", labels = "Labels", sizeRw = "SizeRw"
    case sizeRootFs = "SizeRootFs"
  }

  static func decodeWire(from decoder: any Decoder) throws -> DockerContainer {
    let c = try decoder.container(keyedBy: WireKeys.self)
    let names = c.lenient([String].self, .names) ?? []
    return DockerContainer(
      id: try c.decode(String.self, forKey: .id),
      names: names.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 },
      image: c.lenientString(.image), imageID: c.lenientString(.imageID),
      command: c.lenientString(.command), created: c.lenientInt64(.created), state: c.lenientString(.state),
      status: c.lenientString(.status), labels: c.lenient([String: String].self, .labels) ?? [:],
      sizeRw: c.lenientInt64(.sizeRw), sizeRootFs: c.lenientInt64(.sizeRootFs))
  }
}

/// One entry of `GET /images/json` (and of `/system/df`'s `Images`).
public struct DockerImage: Codable, Sendable, Equatable {
  /// `sha256:…` (`/system/df` on podman leaves the prefix off; `id` always has it).
  public var id: String
  public var parentId: String?
  /// Real tags only: `<none>:<none>` and `null` (podman's dangling images) become an empty list.
  public var repoTags: [String]
  public var repoDigests: [String]
  public var created: Int64?
  public var size: Int64?
  /// -1 when the engine did not compute it.
  public var sharedSize: Int64?
  public var virtualSize: Int64?
  public var labels: [String: String]
  /// Containers using the image; -1 when the engine did not count.
  public var containers: Int?
  /// podman says so explicitly; Docker's dangling images are the untagged ones.
  public var danglingFlag: Bool?

  public init(
    id: String, parentId: String? = nil, repoTags: [String] = [], repoDigests: [String] = [],
    created: Int64? = nil, size: Int64? = nil, sharedSize: Int64? = nil, virtualSize: Int64? = nil,
    labels: [String: String] = [:], containers: Int? = nil, danglingFlag: Bool? = nil
  ) {
    self.id = id
    self.parentId = parentId
    self.repoTags = repoTags
    self.repoDigests = repoDigests
    self.created = created
    self.size = size
    self.sharedSize = sharedSize
    self.virtualSize = virtualSize
    self.labels = labels
    self.containers = containers
    self.danglingFlag = danglingFlag
  }

  public var isDangling: Bool { danglingFlag ?? repoTags.isEmpty }

  /// The first tag, or the short ID of an untagged image.
  public var displayName: String { repoTags.first ?? DockerID.short(id) }

  enum WireKeys: String, CodingKey {
    case id = "Id", parentId = "ParentId", repoTags = "RepoTags", repoDigests = "RepoDigests"
    case created = "Created", size = "Size", sharedSize = "SharedSize", virtualSize = "VirtualSize"
    case labels = "Labels", containers = "Containers", dangling = "Dangling"
  }

  static func decodeWire(from decoder: any Decoder) throws -> DockerImage {
    let c = try decoder.container(keyedBy: WireKeys.self)
    let rawID = try c.decode(String.self, forKey: .id)
    let tags = (c.lenient([String].self, .repoTags) ?? []).filter { !DockerImage.isPlaceholderTag($0) }
    let digests = (c.lenient([String].self, .repoDigests) ?? []).filter { !$0.hasPrefix("<none>") }
    return DockerImage(
      id: DockerID.imageID(rawID), parentId: c.lenientString(.parentId).flatMap { $0.isEmpty ? nil : $0 },
      repoTags: tags, repoDigests: digests, created: c.lenientInt64(.created), size: c.lenientInt64(.size),
      sharedSize: c.lenientInt64(.sharedSize), virtualSize: c.lenientInt64(.virtualSize),
      labels: c.lenient([String: String].self, .labels) ?? [:],
      containers: c.lenientInt64(.containers).map { Int($0) }, danglingFlag: c.lenient(Bool.self, .dangling))
  }

  static func isPlaceholderTag(_ tag: String) -> Bool {
    tag == "<none>:<none>" || tag == "<none>" || tag.isEmpty
  }
}

/// What `GET /images/{name}/json` says that the pruner reads: the image's ID and tags (the rest of the
/// inspection is not used).
public struct DockerImageInspection: Codable, Sendable, Equatable {
  /// `sha256:…`.
  public var id: String
  /// Real tags only, as in `DockerImage`.
  public var repoTags: [String]

  public init(id: String, repoTags: [String] = []) {
    self.id = id
    self.repoTags = repoTags
  }

  enum WireKeys: String, CodingKey {
    case id = "Id", repoTags = "RepoTags"
  }

  static func decodeWire(from decoder: any Decoder) throws -> DockerImageInspection {
    let c = try decoder.container(keyedBy: WireKeys.self)
    return DockerImageInspection(
      id: DockerID.imageID(try c.decode(String.self, forKey: .id)),
      repoTags: (c.lenient([String].self, .repoTags) ?? []).filter { !DockerImage.isPlaceholderTag($0) })
  }
}

/// `{"Untagged": "…"}` or `{"Deleted": "sha256:…"}` from `DELETE /images/{name}`.
public struct DockerImageDeletion: Codable, Sendable, Equatable {
  public var untagged: String?
  public var deleted: String?

  public init(untagged: String? = nil, deleted: String? = nil) {
    self.untagged = untagged
    self.deleted = deleted
  }

  enum WireKeys: String, CodingKey {
    case untagged = "Untagged", deleted = "Deleted"
  }

  static func decodeWire(from decoder: any Decoder) throws -> DockerImageDeletion {
    let c = try decoder.container(keyedBy: WireKeys.self)
    return DockerImageDeletion(untagged: c.lenientString(.untagged), deleted: c.lenientString(.deleted))
  }
}

public struct DockerVolume: Codable, Sendable, Equatable {
  public var name: String
  public var driver: String?
  /// -1 (or absent) when the engine does not know.
  public var size: Int64?
  /// Containers referring to the volume; -1 when unknown.
  public var refCount: Int?

  public init(name: String, driver: String? = nil, size: Int64? = nil, refCount: Int? = nil) {
    self.name = name
    self.driver = driver
    self.size = size
    self.refCount = refCount
  }

  enum WireKeys: String, CodingKey {
    case name = "Name", driver = "Driver", usageData = "UsageData"
  }

  enum UsageKeys: String, CodingKey {
    case size = "Size", refCount = "RefCount"
  }

  static func decodeWire(from decoder: any Decoder) throws -> DockerVolume {
    let c = try decoder.container(keyedBy: WireKeys.self)
    let usage = try? c.nestedContainer(keyedBy: UsageKeys.self, forKey: .usageData)
    return DockerVolume(
      name: c.lenientString(.name) ?? "", driver: c.lenientString(.driver),
      size: usage?.lenientInt64(.size), refCount: usage?.lenientInt64(.refCount).map { Int($0) })
  }
}

public struct DockerBuildCacheRecord: Codable, Sendable, Equatable {
  public var id: String
  public var type: String?
  public var size: Int64?
  public var inUse: Bool
  public var shared: Bool

  public init(id: String, type: String? = nil, size: Int64? = nil, inUse: Bool = false, shared: Bool = false)
  {
    self.id = id
    self.type = type
    self.size = size
    self.inUse = inUse
    self.shared = shared
  }

  enum WireKeys: String, CodingKey {
    case id = "ID", type = "Type", size = "Size", inUse = "InUse", shared = "Shared"
  }

  static func decodeWire(from decoder: any Decoder) throws -> DockerBuildCacheRecord {
    let c = try decoder.container(keyedBy: WireKeys.self)
    return DockerBuildCacheRecord(
      id: c.lenientString(.id) ?? "", type: c.lenientString(.type), size: c.lenientInt64(.size),
      inUse: c.lenient(Bool.self, .inUse) ?? false, shared: c.lenient(Bool.self, .shared) ?? false)
  }
}

/// The per-type summary newer engines put in `/system/df` (`ImagesDiskUsage` and friends).
public struct DockerUsageSummary: Codable, Sendable, Equatable {
  public var activeCount: Int?
  public var totalCount: Int?
  public var totalSize: Int64?
  public var reclaimable: Int64?

  public init(
    activeCount: Int? = nil, totalCount: Int? = nil, totalSize: Int64? = nil, reclaimable: Int64? = nil
  ) {
    self.activeCount = activeCount
    self.totalCount = totalCount
    self.totalSize = totalSize
    self.reclaimable = reclaimable
  }

  enum WireKeys: String, CodingKey {
    case activeCount = "ActiveCount", totalCount = "TotalCount", totalSize = "TotalSize"
    case reclaimable = "Reclaimable", items = "Items"
  }
}

/// `GET /system/df`, in either shape: the legacy lists with `LayersSize`, or the newer per-type summaries
/// (`ImagesDiskUsage`, `ContainersDiskUsage`, `VolumesDiskUsage`, `BuildCacheDiskUsage`, each with `Items`).
public struct DockerSystemDataUsage: Codable, Sendable, Equatable {
  /// Legacy shape only; podman always reports 0.
  public var layersSize: Int64?
  public var images: [DockerImage]
  public var containers: [DockerContainer]
  public var volumes: [DockerVolume]
  public var buildCache: [DockerBuildCacheRecord]
  /// Newer shape only: the engine's own totals.
  public var imageSummary: DockerUsageSummary?
  public var containerSummary: DockerUsageSummary?
  public var volumeSummary: DockerUsageSummary?
  public var buildCacheSummary: DockerUsageSummary?

  public init(
    layersSize: Int64? = nil, images: [DockerImage] = [], containers: [DockerContainer] = [],
    volumes: [DockerVolume] = [], buildCache: [DockerBuildCacheRecord] = [],
    imageSummary: DockerUsageSummary? = nil, containerSummary: DockerUsageSummary? = nil,
    volumeSummary: DockerUsageSummary? = nil, buildCacheSummary: DockerUsageSummary? = nil
  ) {
    self.layersSize = layersSize
    self.images = images
    self.containers = containers
    self.volumes = volumes
    self.buildCache = buildCache
    self.imageSummary = imageSummary
    self.containerSummary = containerSummary
    self.volumeSummary = volumeSummary
    self.buildCacheSummary = buildCacheSummary
  }

  /// True when the engine sent the newer per-type summaries.
  public var hasSummaries: Bool {
    imageSummary != nil || containerSummary != nil || volumeSummary != nil || buildCacheSummary != nil
  }

  enum WireKeys: String, CodingKey {
    case layersSize = "LayersSize", images = "Images", containers = "Containers", volumes = "Volumes"
    case buildCache = "BuildCache", imagesUsage = "ImagesDiskUsage", containersUsage = "ContainersDiskUsage"
    case volumesUsage = "VolumesDiskUsage", buildCacheUsage = "BuildCacheDiskUsage"
  }

  static func decodeWire(from decoder: any Decoder) throws -> DockerSystemDataUsage {
    let c = try decoder.container(keyedBy: WireKeys.self)
    var value = DockerSystemDataUsage(layersSize: c.lenientInt64(.layersSize))
    // podman and older engines list each kind at the top level; newer Docker engines put it, with a
    // summary, under `…DiskUsage`. The top-level list wins when both are there.
    func read<Item: DockerWireDecodable>(_ list: WireKeys, _ usage: WireKeys) -> ([Item], DockerUsageSummary?)
    {
      let items = c.lenient([DockerWire<Item>].self, list)?.map(\.value) ?? []
      guard let summary = c.lenient(Summary<Item>.self, usage) else { return (items, nil) }
      return (items.isEmpty ? summary.items.map(\.value) : items, summary.summary)
    }
    (value.images, value.imageSummary) = read(.images, .imagesUsage)
    (value.containers, value.containerSummary) = read(.containers, .containersUsage)
    (value.volumes, value.volumeSummary) = read(.volumes, .volumesUsage)
    (value.buildCache, value.buildCacheSummary) = read(.buildCache, .buildCacheUsage)
    return value
  }

  private struct Summary<Item: DockerWireDecodable>: Decodable {
    var summary: DockerUsageSummary
    var items: [DockerWire<Item>]

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: DockerUsageSummary.WireKeys.self)
      summary = DockerUsageSummary(
        activeCount: c.lenientInt64(.activeCount).map { Int($0) },
        totalCount: c.lenientInt64(.totalCount).map { Int($0) }, totalSize: c.lenientInt64(.totalSize),
        reclaimable: c.lenientInt64(.reclaimable))
      items = c.lenient([DockerWire<Item>].self, .items) ?? []
    }
  }
}

/// A model with a second, wire form: the engine writes PascalCase (`Names`, `SizeRw`), the public types
/// encode camelCase for osbsctl's JSON, so reading a reply goes through `decodeWire`.
protocol DockerWireDecodable {
  static func decodeWire(from decoder: any Decoder) throws -> Self
}

extension DockerWireDecodable {
  static func decodeWire(_ data: Data) throws -> Self {
    try JSONDecoder().decode(DockerWire<Self>.self, from: data).value
  }
}

/// The one Decodable wrapper for any model's wire form, also inside arrays and nested replies.
struct DockerWire<Value: DockerWireDecodable>: Decodable {
  var value: Value
  init(from decoder: any Decoder) throws { value = try Value.decodeWire(from: decoder) }
}

extension DockerVersion: DockerWireDecodable {}
extension DockerContainer: DockerWireDecodable {}
extension DockerImage: DockerWireDecodable {}
extension DockerImageInspection: DockerWireDecodable {}
extension DockerImageDeletion: DockerWireDecodable {}
extension DockerVolume: DockerWireDecodable {}
extension DockerBuildCacheRecord: DockerWireDecodable {}
extension DockerSystemDataUsage: DockerWireDecodable {}

/// Engine object IDs in the forms people and engines use.
public enum DockerID {
  /// The first 12 hex digits, without `sha256:`, as `docker ps` shows them.
  public static func short(_ id: String) -> String {
    let hex = id.hasPrefix("sha256:") ? id.dropFirst("sha256:".count) : Substring(id)
    return String(hex.prefix(12))
  }

  /// `sha256:<hex>` whether or not the engine sent the prefix (podman's `/system/df` does not).
  public static func imageID(_ id: String) -> String {
    if id.contains(":") { return id }
    let isHex = id.count == 64 && id.allSatisfy { $0.isHexDigit }
    return isHex ? "sha256:" + id : id
  }
}

extension KeyedDecodingContainer {
  /// The value, or nil when the key is missing, `null`, or of another type: engines disagree on all three.
  func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
    (try? decodeIfPresent(type, forKey: key)) ?? nil
  }

  func lenientString(_ key: Key) -> String? { lenient(String.self, key) }

  /// Integers, also when an engine sends them as floating-point numbers.
  func lenientInt64(_ key: Key) -> Int64? {
    if let value = lenient(Int64.self, key) { return value }
    if let value = lenient(Double.self, key), value.isFinite, abs(value) < 9e18 { return Int64(value) }
    return nil
  }
}

/// The engine's JSON replies decoded from bytes already in hand (by the client, from saved replies, by the
/// fuzz targets). Every failure is a `DockerError.malformedResponse` naming the endpoint.
public enum DockerReply {
  public static func version(_ body: Data) throws(DockerError) -> DockerVersion {
    try wrap("/version") { try DockerVersion.decodeWire(body) }
  }

  public static func containers(_ body: Data) throws(DockerError) -> [DockerContainer] {
    try wrap("/containers/json") {
      try JSONDecoder().decode([DockerWire<DockerContainer>].self, from: body).map(\.value)
    }
  }

  public static func images(_ body: Data) throws(DockerError) -> [DockerImage] {
    try wrap("/images/json") {
      try JSONDecoder().decode([DockerWire<DockerImage>].self, from: body).map(\.value)
    }
  }

  public static func imageInspection(_ body: Data, path: String = "/images/{id}/json") throws(DockerError)
    -> DockerImageInspection
  {
    try wrap(path) { try DockerImageInspection.decodeWire(body) }
  }

  public static func imageDeletions(_ body: Data, path: String = "/images/{id}") throws(DockerError)
    -> [DockerImageDeletion]
  {
    if body.isEmpty { return [] }
    return try wrap(path) {
      try JSONDecoder().decode([DockerWire<DockerImageDeletion>].self, from: body).map(\.value)
    }
  }

  public static func systemDataUsage(_ body: Data) throws(DockerError) -> DockerSystemDataUsage {
    try wrap("/system/df") { try DockerSystemDataUsage.decodeWire(body) }
  }

  private static func wrap<T>(_ path: String, _ body: () throws -> T) throws(DockerError) -> T {
    do {
      return try body()
    } catch {
      throw DockerError.malformedResponse(path: path, detail: "\(error)")
    }
  }
}

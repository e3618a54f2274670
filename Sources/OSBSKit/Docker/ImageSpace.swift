import Foundation

/// How osbsctl counts the bytes of images, the one way `disk usage` and `prune images` both use.
///
/// Images share layers (every image built on a base holds that base). Removing an image frees only what
/// no other image holds, so each image is counted by its unique bytes: `Size − SharedSize`, where the engine
/// computed `SharedSize` (Docker's and podman's `/system/df` do). Where it did not (`-1` or absent), `Size`
/// stands in and the figure is marked estimated: it may include layers other images keep. The bytes of a
/// set of images are the sum of their unique bytes, so a layer they share is never counted twice; a layer
/// shared only among the set is freed with the set but counted in none of them, so the sum is a floor.
public enum ImageSpace {
  public struct Bytes: Sendable, Equatable {
    public var bytes: Int64
    /// `Size` stood in for at least one image whose `SharedSize` the engine did not compute.
    public var estimated: Bool

    public init(bytes: Int64, estimated: Bool) {
      self.bytes = bytes
      self.estimated = estimated
    }
  }

  /// The bytes only `image` holds.
  public static func unique(_ image: DockerImage) -> Bytes {
    let size = max(0, image.size ?? 0)
    guard let shared = image.sharedSize, shared >= 0 else { return Bytes(bytes: size, estimated: true) }
    return Bytes(bytes: max(0, size - shared), estimated: false)
  }

  /// What removing every image of `images` frees, shared layers counted once at most (see above).
  public static func reclaimable(_ images: [DockerImage]) -> Bytes {
    images.map(unique).reduce(Bytes(bytes: 0, estimated: false)) {
      Bytes(bytes: $0.bytes + $1.bytes, estimated: $0.estimated || $1.estimated)
    }
  }

  /// `images` with `SharedSize` taken from `/system/df` (which computes it) where the listing lacks it.
  public static func withSharedSizes(_ images: [DockerImage], from usage: DockerSystemDataUsage)
    -> [DockerImage]
  {
    let known = Dictionary(
      usage.images.compactMap { image in image.sharedSize.map { (image.id, $0) } }, uniquingKeysWith: { $1 })
    return images.map { image in
      var image = image
      if let shared = known[image.id], shared >= 0 {
        image.sharedSize = shared
      }
      return image
    }
  }
}

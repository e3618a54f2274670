import Foundation

/// The order in which planned images can be removed side by side: an image others are built on goes only
/// after the planned images built on it.
///
/// Docker refuses to remove a parent while a child exists (409 "image has dependent child images"), so a
/// parent deleted beside its child was skipped and needed a second run. podman removes the parent, but
/// while it does, listing or inspecting a child fails (500 "retrieving parent of image … image not known"),
/// so deleting a child beside its parent failed that child. Parents come from the engine's `ParentId`
/// (podman derives it from the layers; Docker has it for locally built images), followed through images
/// the plan leaves alone, such as the untagged intermediate images of a classic build that only
/// `all=1` lists.
public struct ImageRemovalOrder: Sendable, Equatable {
  /// The planned images, each after every planned image built on it, otherwise in the order planned.
  public var images: [DockerImage]
  /// For each image (by index in `images`), the indexes of the earlier images that must be gone first:
  /// the planned images whose nearest planned ancestor it is.
  public var after: [[Int]]

  /// `known` holds the engine's other images, for the parent links between planned ones.
  public init(planned: [DockerImage], known: [DockerImage] = []) {
    var parentOf: [String: String] = [:]
    for image in known + planned {
      if let parent = image.parentId { parentOf[image.id] = DockerID.imageID(parent) }
    }
    let plannedIndex = Dictionary(
      planned.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    var children = Array(repeating: [Int](), count: planned.count)
    for (index, image) in planned.enumerated() {
      var seen: Set<String> = [image.id]
      var current = parentOf[image.id]
      while let id = current, seen.insert(id).inserted {
        if let ancestor = plannedIndex[id] {
          children[ancestor].append(index)
          break
        }
        current = parentOf[id]
      }
    }

    // How many planned generations stand on each image; a cycle (which no engine should report) is cut
    // where the walk meets itself.
    var height = Array(repeating: -1, count: planned.count)
    var walking = Array(repeating: false, count: planned.count)
    func measure(_ index: Int) -> Int {
      if height[index] >= 0 { return height[index] }
      if walking[index] { return 0 }
      walking[index] = true
      let value = children[index].map { measure($0) + 1 }.max() ?? 0
      walking[index] = false
      height[index] = value
      return value
    }
    for index in planned.indices { _ = measure(index) }

    let order = planned.indices.sorted { (height[$0], $0) < (height[$1], $1) }
    var position = Array(repeating: 0, count: planned.count)
    for (newIndex, oldIndex) in order.enumerated() { position[oldIndex] = newIndex }
    images = order.map { planned[$0] }
    after = order.map { oldIndex in
      children[oldIndex].map { position[$0] }.filter { $0 < position[oldIndex] }.sorted()
    }
  }

  /// Whether some planned image's parent is missing from the images given, so the engine's full listing
  /// (`all=1`) is needed to link it to another planned image.
  public static func needsFullListing(planned: [DockerImage], known: [DockerImage]) -> Bool {
    guard planned.count > 1 else { return false }
    let ids = Set((known + planned).map(\.id))
    return planned.contains { image in image.parentId.map { !ids.contains(DockerID.imageID($0)) } ?? false }
  }
}

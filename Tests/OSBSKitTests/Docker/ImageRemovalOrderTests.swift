import Foundation
import Testing

@testable import OSBSKit

/// `ImageRemovalOrder`: which planned images wait for which, from the parent links engines report.
@Suite struct ImageRemovalOrderTests {
  static func id(_ n: Int) -> String { "sha256:" + String(repeating: String(n % 10), count: 64) }

  /// podman's `ParentId` carries no `sha256:` prefix; Docker's does.
  static func image(_ n: Int, parent: Int? = nil, prefixed: Bool = false, created: Int64 = 0) -> DockerImage {
    let parentID = parent.map { prefixed ? id($0) : String(id($0).dropFirst("sha256:".count)) }
    return DockerImage(id: id(n), parentId: parentID, repoTags: ["localhost/i\(n):1"], created: created)
  }

  /// A parent stamped newer than its children (a reproducible build's fixed date, a clock that moved)
  /// still goes after them.
  @Test func aChainGoesChildFirstWhateverTheDatesSay() {
    let planned = [
      Self.image(1, created: 300), Self.image(2, parent: 1, created: 200), Self.image(3, parent: 2),
    ]
    let order = ImageRemovalOrder(planned: planned)
    #expect(order.images.map(\.id) == [Self.id(3), Self.id(2), Self.id(1)])
    #expect(order.after == [[], [0], [1]])
  }

  /// Siblings keep the planned order and go side by side; their parent waits for both.
  @Test func aParentWaitsForEveryPlannedChild() {
    let planned = [
      Self.image(1, parent: 9, prefixed: true), Self.image(9), Self.image(2, parent: 9, prefixed: true),
      Self.image(3),
    ]
    let order = ImageRemovalOrder(planned: planned)
    #expect(order.images.map(\.id) == [Self.id(1), Self.id(2), Self.id(3), Self.id(9)])
    #expect(order.after == [[], [], [], [0, 1]])
  }

  /// Docker's classic builder: the tagged image's parent is an untagged intermediate image that only
  /// `all=1` lists, and the intermediate's parent is the base the plan also removes.
  @Test func aLinkThroughAnImageThePlanLeavesAloneCounts() {
    let planned = [Self.image(1, parent: 5, prefixed: true), Self.image(4)]
    let intermediate = DockerImage(id: Self.id(5), parentId: Self.id(4))
    #expect(ImageRemovalOrder.needsFullListing(planned: planned, known: planned))
    #expect(!ImageRemovalOrder.needsFullListing(planned: planned, known: planned + [intermediate]))
    let order = ImageRemovalOrder(planned: planned, known: planned + [intermediate])
    #expect(order.images.map(\.id) == [Self.id(1), Self.id(4)])
    #expect(order.after == [[], [0]])
    // Without the intermediate the link is unknown, and both go side by side.
    #expect(ImageRemovalOrder(planned: planned).after == [[], []])
  }

  /// Pulled images and BuildKit builds have no parent; one image needs no order.
  @Test func noParentsNeedNoFullListing() {
    #expect(!ImageRemovalOrder.needsFullListing(planned: [Self.image(1), Self.image(2)], known: []))
    #expect(!ImageRemovalOrder.needsFullListing(planned: [Self.image(1, parent: 7)], known: []))
  }

  /// Links no engine should report (a cycle) still give an order in which nothing waits for a later image.
  @Test func aCycleIsCut() {
    let planned = [Self.image(1, parent: 2), Self.image(2, parent: 1), Self.image(3, parent: 3)]
    let order = ImageRemovalOrder(planned: planned)
    #expect(Set(order.images.map(\.id)) == Set(planned.map(\.id)))
    for (index, waits) in order.after.enumerated() { #expect(waits.allSatisfy { $0 < index }) }
    #expect(order.after.joined().count == 1)
  }
}

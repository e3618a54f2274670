import Synchronization

/// Collects values handed to `@Sendable` callbacks (trace events, warnings) from any thread.
public final class LockedList<Element: Sendable>: Sendable {
  private let storage = Mutex<[Element]>([])

  public init() {}

  public func append(_ element: Element) { storage.withLock { $0.append(element) } }

  public var elements: [Element] { storage.withLock { $0 } }
}

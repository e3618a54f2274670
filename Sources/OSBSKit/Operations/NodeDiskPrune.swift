import Foundation

/// Which containers `prune containers` selects: exited and dead ones, optionally only older ones and only
/// those matching every label filter.
public struct ContainerPruneSelection: Sendable, Equatable {
  /// Only containers created before this moment (`--until`).
  public var createdBefore: Date?
  public var labels: [DockerLabelFilter]

  public init(createdBefore: Date? = nil, labels: [DockerLabelFilter] = []) {
    self.createdBefore = createdBefore
    self.labels = labels
  }
}

/// Which images `prune images` selects: dangling ones, or with `unused` every image no container uses.
public struct ImagePruneSelection: Sendable, Equatable {
  /// Also tagged images that no container (running or stopped) uses (`--unused`).
  public var unused: Bool
  /// Only images created before this moment (`--older-than`).
  public var createdBefore: Date?
  public var labels: [DockerLabelFilter]

  public init(unused: Bool = false, createdBefore: Date? = nil, labels: [DockerLabelFilter] = []) {
    self.unused = unused
    self.createdBefore = createdBefore
    self.labels = labels
  }
}

/// The images a prune removes, in an order the engine can remove them in side by side.
public struct ImagePrunePlan: Sendable {
  public var items: [PruneItem]
  /// For each item, the earlier items (images built on it) whose removal must end before its own starts.
  public var after: [[Int]]

  public init(items: [PruneItem], after: [[Int]] = []) {
    self.items = items
    self.after = after
  }
}

/// Frees a build node's disk through its Docker Engine API: plans which stopped containers and unused
/// images go, then deletes them with `PruneExecutor`.
///
/// Deletion never forces: the engine itself refuses running containers and images in use, and those
/// refusals, like objects already gone, are reported as skipped rather than failed.
public struct NodeDiskPruner: Sendable {
  public let engine: DockerEngineClient
  public let now: Date

  public init(engine: DockerEngineClient, now: Date = Date()) {
    self.engine = engine
    self.now = now
  }

  // MARK: - Planning

  /// Exited and dead containers matching the selection, oldest first, with their writable-layer sizes.
  public func planContainers(_ selection: ContainerPruneSelection) async throws -> [PruneItem] {
    try await stoppedContainers(selection).map(containerItem)
  }

  func stoppedContainers(_ selection: ContainerPruneSelection) async throws -> [DockerContainer] {
    var listed: [DockerContainer]
    do {
      listed = try await engine.containers(
        all: true, size: true, filters: DockerFilters(["status": ["exited", "dead"]]))
    } catch let error as DockerError
      where error.failure.map({ $0.message.lowercased().contains("dead") }) == true
    {
      // podman 4 knows no "dead" state and refuses the whole filter; it has no dead containers either.
      listed = try await engine.containers(
        all: true, size: true, filters: DockerFilters(["status": ["exited"]]))
    }
    // Checked again here: the engine's filter is the first line of defence, not the only one.
    return
      listed
      .filter { ["exited", "dead"].contains($0.state?.lowercased() ?? "") }
      .filter { container in
        guard let cutoff = selection.createdBefore else { return true }
        guard let created = container.created else { return false }
        return Date(timeIntervalSince1970: TimeInterval(created)) < cutoff
      }
      .filter { container in selection.labels.allSatisfy { $0.matches(container.labels) } }
      .sorted { ($0.created ?? 0, $0.id) < ($1.created ?? 0, $1.id) }
  }

  func containerItem(_ container: DockerContainer) -> PruneItem {
    let state = container.state?.lowercased() ?? "stopped"
    let status = container.status.flatMap { $0.isEmpty ? nil : $0 }
    // podman's /system/df status is just "exited"; the list's "Exited (3) 2 hours ago" says more.
    let reason = status.map { $0.lowercased() == state ? state : $0 } ?? state
    return PruneItem(
      kind: .container, id: container.id, name: container.displayName, reason: reason,
      sizeBytes: container.sizeRw)
  }

  /// Images to remove: dangling ones (and with `unused` every image no container uses), except those a
  /// container keeps using. Containers in `goingAway` (planned for deletion in the same run) do not count
  /// as users. Newest first, except that an image comes after the planned images built on it.
  public func planImages(_ selection: ImagePruneSelection, goingAway: Set<String> = []) async throws
    -> ImagePrunePlan
  {
    let candidates: [DockerImage]
    if selection.unused {
      candidates = try await engine.images(all: false)
    } else {
      candidates = try await engine.images(all: false, filters: DockerFilters(["dangling": ["true"]]))
        .filter(\.isDangling)
    }
    // SharedSize as /system/df computes it: the listing leaves it out (-1) on Docker and podman alike.
    // Engines before API 1.25 (Docker 1.12) have no /system/df: their sizes stay estimated.
    let sized =
      try await engine.apiVersion() < DockerEngineClient.systemDataUsageVersion
      ? candidates : ImageSpace.withSharedSizes(candidates, from: try await engine.systemDataUsage())
    let containers = try await engine.containers(all: true)
    let inUse = Set(
      containers.filter { !goingAway.contains($0.id) }.compactMap(\.imageID).map(DockerID.imageID))
    let planned =
      sized
      .filter { !inUse.contains($0.id) }
      .filter { image in
        guard let cutoff = selection.createdBefore else { return true }
        guard let created = image.created else { return false }
        return Date(timeIntervalSince1970: TimeInterval(created)) < cutoff
      }
      .filter { image in selection.labels.allSatisfy { $0.matches(image.labels) } }
      .sorted { ($0.created ?? 0, $0.id) > ($1.created ?? 0, $1.id) }
    let known =
      ImageRemovalOrder.needsFullListing(planned: planned, known: candidates)
      ? try await engine.images(all: true) : candidates
    let order = ImageRemovalOrder(planned: planned, known: known)
    return ImagePrunePlan(items: order.images.map(imageItem), after: order.after)
  }

  func imageItem(_ image: DockerImage) -> PruneItem {
    var reason = image.isDangling ? "dangling" : "unused"
    if let created = image.created {
      reason += ", created " + Self.age(since: Date(timeIntervalSince1970: TimeInterval(created)), now: now)
    }
    let space = ImageSpace.unique(image)
    var item = PruneItem(
      kind: .image, id: image.id, name: image.displayName, reason: reason, sizeBytes: space.bytes)
    item.sizeEstimated = space.estimated ? true : nil
    return item
  }

  /// `3d4h ago`: the age kubectl's AGE column would show.
  static func age(since date: Date, now: Date) -> String {
    UTCTime.humanDuration(seconds: Int64(now.timeIntervalSince(date))) + " ago"
  }

  // MARK: - Deleting

  /// Removes one planned container; refusals that mean "leave it alone" become `.skipped`.
  public func deleteContainer(_ item: PruneItem) async throws -> PruneDeletion {
    do {
      try await engine.removeContainer(id: item.id)
      return .deleted(reclaimedBytes: item.sizeBytes)
    } catch let error as DockerError {
      guard let failure = error.failure else { throw error }
      if failure.status == 404 || failure.saysMissing { return .skipped(reason: "already gone") }
      if failure.status == 409 || failure.saysRunning {
        return .skipped(reason: "in use since planning: \(failure.message)")
      }
      throw error
    }
  }

  /// Removes one planned image; "in use", "has dependent child images" and "gone" become `.skipped`.
  public func deleteImage(_ item: PruneItem) async throws -> PruneDeletion {
    try await removeByID(item) { try await deleteTagByTag(item) }
  }

  /// `DELETE /images/{id}`; a refusal because several tags name the image goes to `whenSeveralTags` when
  /// given, and refusals that mean "leave it alone" become `.skipped`.
  private func removeByID(
    _ item: PruneItem, whenSeveralTags: (() async throws -> PruneDeletion)? = nil
  ) async throws -> PruneDeletion {
    do {
      _ = try await engine.removeImage(id: item.id)
      return .deleted(reclaimedBytes: item.sizeBytes)
    } catch let error as DockerError {
      guard let failure = error.failure else { throw error }
      if failure.saysSeveralTags, let whenSeveralTags { return try await whenSeveralTags() }
      if failure.status == 404 || failure.saysMissing { return .skipped(reason: "already gone") }
      if failure.status == 409 || failure.saysInUse { return .skipped(reason: "in use: \(failure.message)") }
      throw error
    }
  }

  /// An image several tags name (a build pushed under two names): the engine removes it only tag by tag,
  /// the last tag taking the image, as its own image prune does. A container that started using the
  /// image since planning keeps it, and every tag.
  ///
  /// The image's tags come from inspecting it, not from the listing: podman fails a whole listing while
  /// it removes any image another one is built on.
  func deleteTagByTag(_ item: PruneItem) async throws -> PruneDeletion {
    let containers = try await engine.containers(all: true)
    if containers.contains(where: { $0.imageID.map(DockerID.imageID) == item.id }) {
      return .skipped(reason: "in use: a container uses it since planning")
    }
    guard let image = try await engine.inspectImage(id: item.id), image.id == item.id else {
      return .skipped(reason: "already gone")
    }
    let tags = image.repoTags
    // Tags removed since the refusal: the ID may do again.
    guard tags.count > 1 else { return try await removeByID(item) }
    var removed = false
    var untagged: [String] = []
    for tag in tags {
      do {
        let deletions = try await engine.removeImage(id: tag)
        untagged.append(tag)
        removed = removed || deletions.contains { $0.deleted.map(DockerID.imageID) == item.id }
      } catch let error as DockerError {
        guard let failure = error.failure else { throw error }
        // A tag moved or removed since the inspection is no longer this image's.
        if failure.status == 404 || failure.saysMissing { continue }
        if failure.status == 409 || failure.saysInUse {
          let done = untagged.isEmpty ? "" : "untagged \(untagged.joined(separator: ", ")), then "
          return .skipped(reason: done + "in use: \(failure.message)")
        }
        throw error
      }
    }
    // podman answers only "Untagged" when the image it removes with its last tag has children.
    if !removed { removed = try await engine.inspectImage(id: item.id) == nil }
    guard removed else {
      return .skipped(reason: "untagged \(tags.joined(separator: ", ")), but the engine kept the image")
    }
    return .deleted(reclaimedBytes: item.sizeBytes)
  }

  // MARK: - Whole runs

  public typealias Progress = @Sendable (_ done: Int, _ total: Int) -> Void

  /// `prune containers`: the plan when `confirm` is false, else the report of deleting it.
  public func pruneContainers(
    _ selection: ContainerPruneSelection, confirm: Bool, executor: PruneExecutor, progress: Progress? = nil
  ) async throws -> PruneReport {
    let plan = try await planContainers(selection)
    guard confirm else { return .plan(scope: "containers", items: plan) }
    return await executor.run(scope: "containers", items: plan, progress: progress) { item in
      try await deleteContainer(item)
    }
  }

  /// `prune images`: the plan when `confirm` is false, else the report of deleting it.
  public func pruneImages(
    _ selection: ImagePruneSelection, confirm: Bool, executor: PruneExecutor, progress: Progress? = nil
  ) async throws -> PruneReport {
    let plan = try await planImages(selection)
    guard confirm else { return .plan(scope: "images", items: plan.items) }
    return await executor.run(scope: "images", items: plan.items, after: plan.after, progress: progress) {
      item in try await deleteImage(item)
    }
  }

  /// `prune node`: containers, then the images they leave unused, in one report. Both plans are made
  /// before anything is deleted; the images phase does not start when the containers phase was
  /// interrupted or lost the engine (its items are then reported as not attempted).
  public func pruneNode(
    containers containerSelection: ContainerPruneSelection, images imageSelection: ImagePruneSelection,
    confirm: Bool, executor: PruneExecutor, progress: Progress? = nil
  ) async throws -> PruneReport {
    let containerPlan = try await planContainers(containerSelection)
    let imagePlan = try await planImages(imageSelection, goingAway: Set(containerPlan.map(\.id)))
    guard confirm else {
      var report = PruneReport.plan(scope: "node", items: containerPlan)
      report.append(.plan(scope: "node", items: imagePlan.items))
      return report
    }
    let total = containerPlan.count + imagePlan.items.count
    var report = await executor.run(
      scope: "node", items: containerPlan, progress: Self.shifted(progress, by: 0, total: total)
    ) { item in try await deleteContainer(item) }
    if report.interrupted || report.abortError != nil || Task.isCancelled {
      var rest = PruneReport(scope: "node", dryRun: false, planned: imagePlan.items)
      rest.interrupted = report.abortError == nil
      report.append(rest)
      return report
    }
    let images = await executor.run(
      scope: "node", items: imagePlan.items, after: imagePlan.after,
      progress: Self.shifted(progress, by: containerPlan.count, total: total)
    ) { item in try await deleteImage(item) }
    report.append(images)
    return report
  }

  /// One progress count across both phases of `prune node`.
  private static func shifted(_ progress: Progress?, by offset: Int, total: Int) -> Progress? {
    guard let progress else { return nil }
    return { done, _ in progress(offset + done, total) }
  }
}

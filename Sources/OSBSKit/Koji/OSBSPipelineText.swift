import Foundation

/// The OSBS 2 binary and source pipelines as atomic-reactor defines them (4.0–4.22, `tekton/pipelines`
/// and `tekton/tasks`): which steps each pipeline task runs and which architecture a build task is for.
/// Koji's copies of the logs carry no task or step labels, so these facts are what lets a task's fault
/// text and log names be read back as pipeline tasks and steps.
public enum OSBSPipeline {
  /// The pipeline task of one architecture's build (`binary-container-build-x86-64`).
  public static let archBuildTaskPrefix = "binary-container-build-"

  /// The steps of `pipelineTask`, in order; empty for a task the pipelines do not define.
  /// Every OSBS task has one step named like its Task, except the hermeto task's three.
  public static func steps(ofPipelineTask pipelineTask: String) -> [String] {
    if arch(ofPipelineTask: pipelineTask) != nil { return ["binary-container-build"] }
    if pipelineTask == "binary-container-hermeto" {
      return [
        "binary-container-hermeto-init", "binary-container-hermeto-run",
        "binary-container-hermeto-postprocess",
      ]
    }
    return singleStepTasks.contains(pipelineTask) ? [pipelineTask] : []
  }

  static let singleStepTasks: Set<String> = [
    "clone", "binary-container-init", "binary-container-cachito", "binary-container-prebuild",
    "binary-container-postbuild", "binary-container-set-results", "binary-container-exit",
    "source-container-build", "source-container-set-results", "source-container-exit",
  ]

  /// `x86_64` for `binary-container-build-x86-64`: the pipeline spells arches with `-` for `_`.
  public static func arch(ofPipelineTask pipelineTask: String) -> String? {
    guard pipelineTask.hasPrefix(archBuildTaskPrefix) else { return nil }
    let suffix = pipelineTask.dropFirst(archBuildTaskPrefix.count)
    return suffix.isEmpty ? nil : suffix.replacingOccurrences(of: "-", with: "_")
  }

  public static func buildTask(ofArch arch: String) -> String {
    archBuildTaskPrefix + arch.replacingOccurrences(of: "_", with: "-")
  }

  /// The pipeline task and step of atomic-reactor's own task name as its log lines spell it
  /// (`task binary_container_prebuild failed: …`, `tasks/binary.py`); nil for names the pipelines do not
  /// run, and for the per-arch build, whose name has no arch.
  public static func pipelineStep(ofReactorTask name: String) -> (pipelineTask: String, step: String)? {
    switch name {
    case "binary_container_init_build": return ("binary-container-init", "binary-container-init")
    case "binary_container_hermeto_init", "binary_container_hermeto_postprocess":
      let step = name.replacingOccurrences(of: "_", with: "-")
      return ("binary-container-hermeto", step)
    default:
      let dashed = name.replacingOccurrences(of: "_", with: "-")
      return singleStepTasks.contains(dashed) ? (dashed, dashed) : nil
    }
  }
}

/// What koji-containerbuild 1.4.0 (osbs-client 2) raises when a build fails, read back into its parts:
/// `Image build failed. <errors>. OSBS build id: NAME` (fault 2001) or `Image build was cancelled by OSBS.`
/// (2002). `<errors>` is osbs-client's `get_error_message` with newlines turned into spaces: plugin errors
/// from the exit task (`Error in plugin <p>: <e>;`), then per failed TaskRun either its `task_result`
/// (`Error in <pipeline task>: <value>;`) or its condition message, else the run's condition message.
public struct OSBSFailureText: Sendable, Equatable {
  public struct Entry: Codable, Sendable, Equatable {
    /// The pipeline task the entry names (`Error in <task>: …`).
    public var pipelineTask: String?
    /// The atomic-reactor plugin the entry names (`Error in plugin <p>: …`).
    public var plugin: String?
    /// The step, when the text names its container (Tekton's `"step-<name>" exited with code N`) or the
    /// task has only one step.
    public var step: String?
    public var arch: String?
    public var message: String

    public init(
      pipelineTask: String? = nil, plugin: String? = nil, step: String? = nil, arch: String? = nil,
      message: String
    ) {
      self.pipelineTask = pipelineTask
      self.plugin = plugin
      self.step = step
      self.arch = arch
      self.message = message
    }
  }

  public var cancelled: Bool
  public var runName: String?
  /// The errors part as osbs-client wrote it; nil when the fault carries none.
  public var errors: String?
  public var entries: [Entry]

  /// nil when `fault` is not a koji-containerbuild build failure.
  public init?(_ fault: String) {
    let text = fault.trimmingCharacters(in: .whitespacesAndNewlines)
    if text.hasPrefix("Image build was cancelled by OSBS.") {
      self.init(cancelled: true, runName: nil, errors: nil, entries: [])
      return
    }
    let failed = "Image build failed."
    guard let head = text.range(of: failed) else { return nil }
    var body = Substring(text[head.upperBound...])
    var runName: String?
    if let marker = body.range(of: "OSBS build id: ", options: .backwards) {
      runName = body[marker.upperBound...].split(separator: " ").first.map(String.init)
      body = body[..<marker.lowerBound]
    }
    var errors = body.trimmingCharacters(in: .whitespaces)
    // `'%s. OSBS build id: %s'`: the dot before the marker is koji-containerbuild's, not the message's.
    if errors.hasSuffix(".") { errors.removeLast() }
    errors = errors.trimmingCharacters(in: .whitespaces)
    self.init(
      cancelled: false, runName: runName, errors: errors.isEmpty ? nil : errors,
      entries: errors.isEmpty ? [] : Self.entries(in: errors))
  }

  init(cancelled: Bool, runName: String?, errors: String?, entries: [Entry]) {
    self.cancelled = cancelled
    self.runName = runName
    self.errors = errors
    self.entries = entries
  }

  /// The entry that says where the run failed: the first that names a pipeline task, else the first.
  public var failing: Entry? { entries.first { $0.pipelineTask != nil } ?? entries.first }

  /// Entries start at `Error in ` at the beginning or after a `;`; a message may itself hold `;`.
  static func entries(in errors: String) -> [Entry] {
    var starts: [String.Index] = []
    var search = errors.startIndex
    while let found = errors.range(of: "Error in ", range: search..<errors.endIndex) {
      let before = errors[errors.startIndex..<found.lowerBound].trimmingCharacters(in: .whitespaces)
      if before.isEmpty || before.hasSuffix(";") { starts.append(found.lowerBound) }
      search = found.upperBound
    }
    guard !starts.isEmpty else { return [Entry(message: Self.trimmed(Substring(errors)))] }
    var parts: [Substring] = []
    if starts[0] > errors.startIndex, !Self.trimmed(errors[..<starts[0]]).isEmpty {
      parts.append(errors[..<starts[0]])
    }
    for (index, start) in starts.enumerated() {
      let end = index + 1 < starts.count ? starts[index + 1] : errors.endIndex
      parts.append(errors[start..<end])
    }
    return parts.map(Self.entry)
  }

  private static func trimmed(_ text: Substring) -> String {
    var value = text.trimmingCharacters(in: .whitespaces)
    if value.hasSuffix(";") { value.removeLast() }
    return value.trimmingCharacters(in: .whitespaces)
  }

  private static func entry(_ part: Substring) -> Entry {
    let text = trimmed(part)
    let prefix = "Error in "
    guard text.hasPrefix(prefix), let colon = text.range(of: ": ") else { return Entry(message: text) }
    let subject = String(text[text.index(text.startIndex, offsetBy: prefix.count)..<colon.lowerBound])
    let message = String(text[colon.upperBound...])
    let pluginPrefix = "plugin "
    if subject.hasPrefix(pluginPrefix) {
      return Entry(plugin: String(subject.dropFirst(pluginPrefix.count)), message: message)
    }
    guard subject.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) else {
      return Entry(message: text)
    }
    let steps = OSBSPipeline.steps(ofPipelineTask: subject)
    let step = Self.stepNamed(in: message) ?? (steps.count == 1 ? steps[0] : nil)
    return Entry(
      pipelineTask: subject, step: step, arch: OSBSPipeline.arch(ofPipelineTask: subject), message: message)
  }

  /// Tekton's failed-step message: `"step-<name>" exited with code <n>`.
  static func stepNamed(in message: String) -> String? {
    guard let quote = message.range(of: "\"step-"),
      let end = message[quote.upperBound...].firstIndex(of: "\""),
      message[end...].hasPrefix("\" exited with code")
    else { return nil }
    return String(message[quote.upperBound..<end])
  }
}

/// Lines of a koji-containerbuild 1.4.0 task's logs that say what happened to its pipeline run.
public enum OSBSTaskLogLine {
  /// `osbs.tekton - INFO - Pipeline run 'NAME' started` and its siblings (osbs-client 2.x wording).
  public enum RunEvent: Sendable, Equatable {
    case created(String)
    case started(String)
    case finished(String)
    /// `Response status: True|False`: koji-containerbuild's reading of the run's outcome.
    case responseStatus(Bool)
    /// `Failed to remove build NAME : <error>`: the delete after the task failed, so the run may remain.
    case removalFailed(name: String, error: String)
    /// `Cannot read logs, cancelling build NAME`: the task was cancelled in Koji; only a cancel was sent.
    case cancelledByKoji(String)
  }

  /// The message of an osbs-client.log line (`<time> - <pid> - <logger> - <LEVEL> - <message>`).
  public static func runEvent(_ line: String) -> RunEvent? {
    if let name = after(line, "creating binary container image pipeline run: ")
      ?? after(line, "creating source container image pipeline run: ")
    {
      return .created(firstWord(name))
    }
    if let rest = after(line, "Pipeline run '") {
      guard let quote = rest.firstIndex(of: "'") else { return nil }
      let name = String(rest[..<quote])
      switch rest[rest.index(after: quote)...] {
      case " started": return .started(name)
      case " finished": return .finished(name)
      default: return nil
      }
    }
    if let status = after(line, " - Response status: ") {
      switch status {
      case "True": return .responseStatus(true)
      case "False": return .responseStatus(false)
      default: return nil
      }
    }
    if let rest = after(line, "Failed to remove build "), let split = rest.range(of: " : ") {
      return .removalFailed(name: String(rest[..<split.lowerBound]), error: String(rest[split.upperBound...]))
    }
    if let name = after(line, "Cannot read logs, cancelling build ") {
      return .cancelledByKoji(firstWord(name))
    }
    return nil
  }

  /// `<arch> build has started. Check platform specific logs` in `osbs-build.log`.
  public static func archStarted(_ line: String) -> String? {
    let marker = " build has started. Check platform specific logs"
    guard line.hasSuffix(marker) else { return nil }
    let arch = line.dropLast(marker.count)
    return !arch.isEmpty && !arch.contains(" ") ? String(arch) : nil
  }

  /// The remote VM of an arch build: `… - INFO - Building image=<tag> on host=<host>`.
  public static func buildHost(_ line: String) -> (image: String, host: String)? {
    guard let rest = after(line, " - Building image="), let split = rest.range(of: " on host=") else {
      return nil
    }
    return (String(rest[..<split.lowerBound]), firstWord(String(rest[split.upperBound...])))
  }

  /// `… - INFO - <host>: slot <n> is locked for pipelinerun <PR>`.
  public static func slotLock(_ line: String) -> (host: String, slot: String, run: String)? {
    guard let marker = line.range(of: " is locked for pipelinerun "),
      let level = line.range(
        of: " - INFO - ", options: .backwards, range: line.startIndex..<marker.lowerBound)
    else { return nil }
    let subject = line[level.upperBound..<marker.lowerBound]
    guard let slot = subject.range(of: ": slot ", options: .backwards) else { return nil }
    return (
      String(subject[..<slot.lowerBound]), String(subject[slot.upperBound...]),
      firstWord(String(line[marker.upperBound...]))
    )
  }

  /// atomic-reactor's `task <name> failed: <error>` (tasks/plugin_based.py), logged by the failing task.
  public static func reactorTaskFailure(_ line: String) -> (task: String, error: String)? {
    guard let rest = after(line, " - ERROR - task "), let split = rest.range(of: " failed: ") else {
      return nil
    }
    let task = rest[..<split.lowerBound]
    guard !task.contains(" ") else { return nil }
    return (String(task), String(rest[split.upperBound...]))
  }

  private static func after(_ line: String, _ marker: String) -> String? {
    line.range(of: marker).map { String(line[$0.upperBound...]) }
  }

  private static func firstWord(_ text: String) -> String {
    text.split(separator: " ", maxSplits: 1).first.map(String.init) ?? text
  }
}

import Foundation
import OSBSSandbox
import Testing

@testable import OSBSKit

/// Reading an OSBS 2 run back from a koji-containerbuild 1.4.0 task: its fault text (osbs-client 2.8.0
/// `get_error_message`, koji-containerbuild 1.4.0 `_handle_build_response`), its `osbs-client.log`
/// (capture 77) and the atomic-reactor 4.22 lines of `osbs-build.log` / `<arch>.log`.
@Suite("OSBS 2 runs read back from a Koji task")
struct KojiPipelineRunRecordTests {
  // MARK: fault text

  @Test func anArchBuildFailureNamesItsPipelineTaskStepAndArch() throws {
    // An arch build's task_result is repr(BuildProcessError(...)); koji-containerbuild joins the
    // message's lines with spaces before ". OSBS build id:".
    let fault =
      "Image build failed. Error in binary-container-build-x86-64: BuildProcessError('Build failed (rc=1): "
      + "Error: building at STEP \"RUN make\": exit status 2\\n'); . OSBS build id: "
      + "hello-world-f45-8832c97860-20261204161658"
    let text = try #require(OSBSFailureText(fault))
    #expect(text.runName == "hello-world-f45-8832c97860-20261204161658")
    #expect(!text.cancelled)
    #expect(text.entries.count == 1)
    let failing = try #require(text.failing)
    #expect(failing.pipelineTask == "binary-container-build-x86-64")
    #expect(failing.step == "binary-container-build")
    #expect(failing.arch == "x86_64")
    #expect(
      failing.message
        == "BuildProcessError('Build failed (rc=1): Error: building at STEP \"RUN make\": exit status 2\\n')")
  }

  @Test func aPluginFailureNamesThePluginAndTheTaskItRanIn() throws {
    let fault =
      "Image build failed. Error in plugin add_filesystem: boom; Error in binary-container-prebuild: "
      + "PluginFailedException(\"plugin 'add_filesystem' raised an exception: RuntimeError: boom\"); . "
      + "OSBS build id: scratch-12345-20261204161658"
    let text = try #require(OSBSFailureText(fault))
    #expect(text.entries.map(\.plugin) == ["add_filesystem", nil])
    #expect(text.entries[0].message == "boom")
    #expect(text.failing?.pipelineTask == "binary-container-prebuild")
    #expect(text.failing?.step == "binary-container-prebuild")
    #expect(text.failing?.arch == nil)
    #expect(text.runName == "scratch-12345-20261204161658")
  }

  @Test func tektonsStepMessageNamesTheStepOfAManyStepTask() throws {
    // Without a task_result, osbs-client quotes the TaskRun's condition message.
    let fault =
      "Image build failed. Error in binary-container-hermeto: \"step-binary-container-hermeto-run\" exited "
      + "with code 1 (image: \"quay.io/example/hermeto@sha256:0\"); . OSBS build id: run-1"
    let failing = try #require(OSBSFailureText(fault)?.failing)
    #expect(failing.pipelineTask == "binary-container-hermeto")
    #expect(failing.step == "binary-container-hermeto-run")
    // Three steps, and a message that names none: no step is guessed.
    let vague = try #require(
      OSBSFailureText("Image build failed. Error in binary-container-hermeto: failed; . OSBS build id: run-1")
    )
    #expect(vague.failing?.step == nil)
  }

  @Test func textsWithoutTaskNamesStillGiveTheRunAndTheMessage() throws {
    let plain = try #require(OSBSFailureText("Image build failed. OSBS build id: run-2"))
    #expect(plain.runName == "run-2")
    #expect(plain.errors == nil)
    #expect(plain.entries.isEmpty)

    let legacy = try #require(
      OSBSFailureText("Image build failed. Error in plugin binary_container: boom. OSBS build id: run-3"))
    #expect(legacy.entries == [.init(plugin: "binary_container", message: "boom")])

    let condition = try #require(
      OSBSFailureText(
        "Image build failed. Tasks Completed: 4 (Failed: 1, Cancelled 0), Skipped: 6;. OSBS build id: run-4"))
    #expect(condition.entries == [.init(message: "Tasks Completed: 4 (Failed: 1, Cancelled 0), Skipped: 6")])

    #expect(OSBSFailureText("Image build was cancelled by OSBS.")?.cancelled == true)
    #expect(OSBSFailureText("Target `x` not found") == nil)
  }

  // MARK: log lines

  @Test func osbsClientLogOfCapture77TellsTheRunsLife() throws {
    let capture = try #require(try KojiWireCapture.load("77-downloadTaskOutput-osbs-client-log.txt"))
    guard case .success(let reply) = try XMLRPCDecoder.decodeResponse(capture.responseBody) else {
      Issue.record("expected a success")
      return
    }
    let encoded = try #require(reply.stringValue)
    let text = String(decoding: try #require(Data(base64Encoded: encoded)), as: UTF8.self)
    let events = text.split(separator: "\n").compactMap { OSBSTaskLogLine.runEvent(String($0)) }
    let name = "hello-world-f45-8832c97860-20261204161658"
    #expect(events == [.created(name), .started(name), .finished(name), .responseStatus(true)])
  }

  /// koji-containerbuild 1.4.0's own lines when the run may outlive the task: a failed delete, and the
  /// SIGINT handler of a task cancelled in Koji.
  @Test func linesThatSayTheRunWasNotDeleted() {
    let removal =
      "2026-12-04 16:17:04,433 - 19857 - koji.build.BaseTaskHandler - WARNING - Failed to remove build "
      + "hello-world-f45-8832c97860-20261204161658 : 403 Forbidden"
    #expect(
      OSBSTaskLogLine.runEvent(removal)
        == .removalFailed(name: "hello-world-f45-8832c97860-20261204161658", error: "403 Forbidden"))
    let cancel =
      "2026-12-04 16:17:01,000 - 19857 - koji.build.BaseTaskHandler - WARNING - Cannot read logs, cancelling "
      + "build hello-world-f45-8832c97860-20261204161658"
    #expect(OSBSTaskLogLine.runEvent(cancel) == .cancelledByKoji("hello-world-f45-8832c97860-20261204161658"))
    let source =
      "2026-12-04 16:16:58,260 - 19857 - osbs.api - INFO - creating source container image pipeline run: "
      + "source-12345-20261204161658"
    #expect(OSBSTaskLogLine.runEvent(source) == .created("source-12345-20261204161658"))
    #expect(
      OSBSTaskLogLine.runEvent("2026-12-04 16:16:58,260 - 19857 - osbs.api - INFO - Pipeline run 'x' gone")
        == nil)
  }

  @Test func buildHostLinesAsAtomicReactorLogsThem() {
    let lock =
      "2026-12-04 16:17:00,120 - atomic_reactor.utils.remote_host - INFO - buildvm-x86-01.example.com: slot 3 "
      + "is locked for pipelinerun hello-world-f45-8832c97860-20261204161658"
    let found = OSBSTaskLogLine.slotLock(lock)
    #expect(found?.host == "buildvm-x86-01.example.com")
    #expect(found?.slot == "3")
    #expect(found?.run == "hello-world-f45-8832c97860-20261204161658")
    let building =
      "2026-12-04 16:17:00,121 - atomic_reactor.tasks.binary_container_build - INFO - Building "
      + "image=registry.example.org/hello-world:f45-1-x86_64 on host=buildvm-x86-01.example.com"
    #expect(OSBSTaskLogLine.buildHost(building)?.host == "buildvm-x86-01.example.com")
    #expect(OSBSTaskLogLine.buildHost(building)?.image == "registry.example.org/hello-world:f45-1-x86_64")
    #expect(
      OSBSTaskLogLine.archStarted("aarch64 build has started. Check platform specific logs") == "aarch64")
    let failed =
      "2026-12-04 16:17:00,122 - atomic_reactor.tasks.plugin_based - ERROR - task binary_container_init_build "
      + "failed: plugin 'check_base_image' raised an exception: RuntimeError: boom"
    let task = OSBSTaskLogLine.reactorTaskFailure(failed)?.task
    #expect(task.flatMap(OSBSPipeline.pipelineStep(ofReactorTask:))?.pipelineTask == "binary-container-init")
    #expect(OSBSPipeline.pipelineStep(ofReactorTask: "binary_container_build") == nil)
  }

  // MARK: the whole task, from the simulated 1.4.0 builder

  static func finishedTask(_ hub: KojiSessionTests.Hub, _ script: KojiBuildScript) async throws -> Int {
    hub.hub.enqueue([script])
    let task = try await KojiTaskWatcherTests.submit(hub)
    hub.hub.clock.advance(by: 60)
    return task
  }

  static func read(_ hub: KojiSessionTests.Hub, task: Int) async throws -> KojiPipelineRunRecord? {
    let result = try await hub.session(user: nil).call(
      "getTaskResult", [.int(Int64(task))], keywords: [XMLRPCMember("raise_fault", false)])
    return try await KojiPipelineRunReader(lastLineCount: 5) { try hub.session(user: nil) }.read(
      task: task, fault: result["faultString"]?.stringValue)
  }

  @Test func aFailedArchBuildIsReadBackWithItsHostAndLastLines() async throws {
    try await KojiSessionTests.Hub.run { hub in
      let task = try await Self.finishedTask(
        hub, KojiBuildScript(outcome: .fail, arches: ["x86_64", "aarch64"], builder: .kcb140))
      let record = try #require(try await Self.read(hub, task: task))
      #expect(record.kind == "PipelineRun")
      #expect(record.nameSource == "osbs-client.log")
      #expect(record.started && record.finished)
      #expect(record.succeeded == false)
      #expect(record.phase == "Failed")
      #expect(record.pipelineTask == "binary-container-build-x86-64")
      #expect(record.step == "binary-container-build")
      #expect(record.arch == "x86_64")
      #expect(record.arches.map(\.arch) == ["x86_64", "aarch64"])
      #expect(record.arches.allSatisfy { $0.buildHost?.hasPrefix("buildvm-") == true && $0.slot != nil })
      #expect(Set(record.arches.compactMap(\.buildHost)).count == 2)
      #expect(record.lastLinesLog == "x86_64.log")
      #expect(record.lastLines.count == 5)
      #expect(record.lastLines.last?.contains(" - ERROR - Error: building at STEP") == true)
      #expect(record.error?.hasPrefix("Error in binary-container-build-x86-64: BuildProcessError(") == true)
      #expect(record.deletedWhenTaskEnded)
    }
  }

  @Test func aFailedPrebuildHasNoArchLogsAndPointsAtOsbsBuildLog() async throws {
    try await KojiSessionTests.Hub.run { hub in
      let task = try await Self.finishedTask(
        hub,
        KojiBuildScript(
          outcome: .fail, failureReason: "no such file", builder: .kcb140,
          failedTask: "binary-container-prebuild"))
      let record = try #require(try await Self.read(hub, task: task))
      #expect(record.pipelineTask == "binary-container-prebuild")
      #expect(record.step == "binary-container-prebuild")
      #expect(record.arch == nil)
      #expect(record.arches.isEmpty)
      #expect(record.errors.first?.plugin == "add_filesystem")
      #expect(record.errors.first?.message == "no such file")
      #expect(record.lastLinesLog == "osbs-build.log")
      #expect(record.lastLines.contains { $0.contains("task binary_container_prebuild failed: ") })
    }
  }

  @Test func aSucceededRunHasItsHostsAndNoFailure() async throws {
    try await KojiSessionTests.Hub.run { hub in
      let task = try await Self.finishedTask(hub, KojiBuildScript(arches: ["s390x"], builder: .kcb140))
      let record = try #require(try await Self.read(hub, task: task))
      #expect(record.succeeded == true)
      #expect(record.phase == "Succeeded")
      #expect(record.arches.count == 1)
      #expect(record.arches.first?.buildHost?.hasPrefix("buildvm-s390x-0") == true)
      #expect(record.arches.first?.buildHost?.hasSuffix(".example.com") == true)
      #expect(record.pipelineTask == nil)
      #expect(record.lastLines.isEmpty)
    }
  }

  @Test func aLegacyTaskIsNotAPipelineRun() async throws {
    try await KojiSessionTests.Hub.run { hub in
      let task = try await Self.finishedTask(hub, KojiBuildScript(outcome: .fail, failureReason: "boom"))
      #expect(try await Self.read(hub, task: task) == nil)
    }
  }
}

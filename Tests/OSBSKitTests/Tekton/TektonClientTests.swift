import Foundation
import TestSupport
import Testing

@testable import OSBSKit

/// `TektonClient` against a replay of the recorded Tekton objects, checking the requests it sends.
@Suite("Tekton client against recorded objects")
struct TektonClientTests {
  static let namespace = TektonReplayServer.openShiftPipelinesNamespace
  static let runName = "human-resources-on-pull-request-rlrj8"

  static func client(_ replay: TektonReplayServer, version: TektonAPIVersion? = nil) throws -> TektonClient {
    let openShift = OpenShiftClient(
      http: try HTTPClient(configuration: HTTPClientConfiguration(auth: .bearer("replay-token"))),
      baseURL: replay.baseURL, namespace: namespace,
      options: OpenShiftClientOptions(
        maxAttempts: 2, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(20)))
    return TektonClient(openShift: openShift, version: version)
  }

  @Test(arguments: [
    (["v1", "v1beta1"], TektonAPIVersion.v1), (["v1beta1", "v1"], .v1), (["v1beta1"], .v1beta1),
    (["v1beta1", "v1alpha1"], .v1beta1),
  ])
  func discoveryPrefersV1(served: [String], expected: TektonAPIVersion) async throws {
    let replay = try TektonReplayServer(servedVersions: served)
    let client = try Self.client(replay)
    #expect(try await client.apiVersion() == expected)
    #expect(try await client.apiVersion() == expected)
    #expect(replay.requests.map(\.path) == ["/apis"], "discovery is asked once")
    #expect(try await client.isServed())
  }

  @Test func noTektonGroupSaysPipelinesAreNotInstalled() async throws {
    let replay = try TektonReplayServer(servedVersions: [])
    let client = try Self.client(replay)
    let error = await #expect(throws: TektonError.self) {
      _ = try await client.pipelineRun(named: Self.runName)
    }
    #expect(error?.failureKind == .notFound)
    #expect(error?.description.contains("OpenShift Pipelines is not installed") == true)
    #expect(try await client.isServed() == false)
    #expect(!replay.requests.contains { $0.path.contains("tekton.dev") })
  }

  @Test(arguments: [TektonAPIVersion.v1, .v1beta1])
  func getReadsTheRunInEitherShape(version: TektonAPIVersion) async throws {
    let replay = try TektonReplayServer(servedVersions: [version.rawValue])
    let client = try Self.client(replay)
    let run = try await client.pipelineRun(named: Self.runName)
    #expect(run.apiVersion == version.groupVersion)
    #expect(run.children.count == 11)
    #expect(run.status?.result("CHAINS-GIT_URL") == "https://github.com/jeff-phillips-18/human-resources")
    #expect(run.state.display == "Succeeded")
    #expect(
      replay.requests.last?.path
        == "/apis/tekton.dev/\(version.rawValue)/namespaces/rhtapuser-tenant/pipelineruns/\(Self.runName)")
    #expect(replay.requests.last?.headers["authorization"] == "Bearer replay-token")

    let missing = await #expect(throws: OpenShiftError.self) {
      _ = try await client.pipelineRun(named: "gone")
    }
    #expect(missing?.failureKind == .notFound)
  }

  @Test func listUsesSelectorsPagesAndAllNamespaces() async throws {
    let replay = try TektonReplayServer()
    let client = try Self.client(replay)
    let here = try await client.pipelineRuns().collect()
    #expect(here.map(\.metadata.name) == [Self.runName])
    let jx = try await client.pipelineRuns(
      in: .named("jx"), selector: ListSelector(labels: "lighthouse.jenkins-x.io/job=pr")
    ).collect()
    #expect(
      Set(jx.map(\.metadata.name)) == [
        "repo-pr-2093-jenkinsx-rt7gh", "test-repo-pr-321-pr-dng5w", "-jenkins-x-repo-pr-500-pr-l4mcv",
      ])
    // In v1, the embedded taskRuns map of the 2022 runs arrives as childReferences.
    #expect(jx.allSatisfy { $0.status?.taskRuns == nil && $0.children.count == 1 })
    let everywhere = try await client.pipelineRuns(in: .all).collect()
    #expect(everywhere.count == 6)
    let paths = replay.requests.map(\.path).filter { $0 != "/apis" }
    #expect(
      paths == [
        "/apis/tekton.dev/v1/namespaces/rhtapuser-tenant/pipelineruns?limit=500",
        "/apis/tekton.dev/v1/namespaces/jx/pipelineruns?labelSelector=lighthouse.jenkins-x.io%2Fjob%3Dpr&limit=500",
        "/apis/tekton.dev/v1/pipelineruns?limit=500",
      ])
  }

  @Test func listsArePagedWithContinueTokens() async throws {
    let replay = try TektonReplayServer()
    let client = try Self.client(replay)
    let runs = try await client.pipelineRuns(in: .named("jx"), pageSize: 2).collect()
    #expect(runs.count == 5)
    #expect(Set(runs.map(\.metadata.name)).count == 5)
    let pages = replay.requests.map(\.path).filter { $0.contains("/pipelineruns?") }
    #expect(
      pages == [
        "/apis/tekton.dev/v1/namespaces/jx/pipelineruns?limit=2",
        "/apis/tekton.dev/v1/namespaces/jx/pipelineruns?limit=2&continue=2",
        "/apis/tekton.dev/v1/namespaces/jx/pipelineruns?limit=2&continue=4",
      ])
  }

  @Test func taskRunsAndPodsOfARunAreSelectedByItsLabel() async throws {
    let replay = try TektonReplayServer(servedVersions: ["v1beta1"])
    let client = try Self.client(replay)
    let run = try await client.pipelineRun(named: Self.runName)
    let taskRuns = try await client.taskRuns(ofPipelineRun: run)
    // In the run's child order: init, clone-repository, build-container, …, show-summary (finally).
    #expect(taskRuns.map(\.pipelineTask) == ["init", "clone-repository", "build-container", "show-summary"])
    #expect(taskRuns[2].status?.results?.count == 4)
    #expect(taskRuns[2].status?.steps?.count == 8)
    let pods = try await client.pods(ofPipelineRun: Self.runName)
    #expect(pods.isEmpty)
    let paths = replay.requests.map(\.path)
    #expect(
      paths.contains(
        "/apis/tekton.dev/v1beta1/namespaces/rhtapuser-tenant/taskruns?labelSelector=tekton.dev%2FpipelineRun%3D\(Self.runName)&limit=500"
      ))
    #expect(
      paths.contains(
        "/api/v1/namespaces/rhtapuser-tenant/pods?labelSelector=tekton.dev%2FpipelineRun%3D\(Self.runName)&limit=500"
      ))
  }

  @Test func aFinishedRunIsNotPatched() async throws {
    let replay = try TektonReplayServer()
    let client = try Self.client(replay)
    let result = try await client.cancelPipelineRun(named: Self.runName)
    #expect(result.alreadyFinished)
    #expect(result.acceptedValue == nil)
    #expect(!replay.requests.contains { $0.method == "PATCH" })
  }

  @Test func v1CancelIsAJSONPatchOfSpecStatus() async throws {
    let replay = try TektonReplayServer()
    let client = try Self.client(replay)
    let result = try await client.cancelPipelineRun(named: "main-rvs7k", in: .named("jx"))
    #expect(!result.alreadyFinished)
    #expect(result.acceptedValue == "Cancelled")
    #expect(result.apiVersion == .v1)
    #expect(result.pipelineRun.spec.status == "Cancelled")
    let patch = try #require(replay.requests.first { $0.method == "PATCH" })
    #expect(patch.path == "/apis/tekton.dev/v1/namespaces/jx/pipelineruns/main-rvs7k")
    #expect(patch.headers["content-type"] == "application/json-patch+json")
    #expect(
      String(decoding: patch.body, as: UTF8.self)
        == #"[{"op":"replace","path":"/spec/status","value":"Cancelled"}]"#)
    #expect(replay.specStatus(ofPipelineRun: "main-rvs7k") == "Cancelled")
  }

  @Test func v1beta1GracefulCancelIsAMergePatchAsOSBSClientSendsIt() async throws {
    let replay = try TektonReplayServer(servedVersions: ["v1beta1"])
    let client = try Self.client(replay)
    let result = try await client.cancelPipelineRun(
      named: "main-rvs7k", in: .named("jx"), mode: .cancelledRunFinally)
    #expect(result.acceptedValue == "CancelledRunFinally")
    let patch = try #require(replay.requests.first { $0.method == "PATCH" })
    #expect(patch.path == "/apis/tekton.dev/v1beta1/namespaces/jx/pipelineruns/main-rvs7k")
    #expect(patch.headers["content-type"] == "application/merge-patch+json")
    #expect(
      String(decoding: patch.body, as: UTF8.self)
        == #"{"apiVersion":"tekton.dev/v1beta1","kind":"PipelineRun","metadata":{"name":"main-rvs7k"},"spec":{"status":"CancelledRunFinally"}}"#
    )
  }

  @Test func anOldTektonRejectingTheValueGetsPipelineRunCancelled() async throws {
    let replay = try TektonReplayServer(servedVersions: ["v1beta1"], cancelValues: .upToV024)
    let client = try Self.client(replay)
    let result = try await client.cancelPipelineRun(named: "main-rvs7k", in: .named("jx"))
    #expect(result.requestedValue == "Cancelled")
    #expect(result.acceptedValue == "PipelineRunCancelled")
    let patches = replay.requests.filter { $0.method == "PATCH" }.map {
      String(decoding: $0.body, as: UTF8.self)
    }
    #expect(patches.count == 2)
    #expect(patches.first?.contains(#""status":"Cancelled""#) == true)
    #expect(patches.last?.contains(#""status":"PipelineRunCancelled""#) == true)
    #expect(replay.specStatus(ofPipelineRun: "main-rvs7k") == "PipelineRunCancelled")
  }

  @Test func deleteAnswersAStatusAndTheRunIsGone() async throws {
    let replay = try TektonReplayServer()
    let client = try Self.client(replay)
    let deletion = try await client.deletePipelineRun(named: Self.runName)
    guard case .removed(let status) = deletion else {
      Issue.record("expected a Status, got \(deletion)")
      return
    }
    #expect(status.status == "Success")
    #expect(status.details?.kind == "pipelineruns")
    #expect(status.details?.name == Self.runName)
    #expect(!replay.hasPipelineRun(Self.runName))
    let request = try #require(replay.requests.last)
    #expect(request.method == "DELETE")
    #expect(request.path == "/apis/tekton.dev/v1/namespaces/rhtapuser-tenant/pipelineruns/\(Self.runName)")
    #expect(try await client.taskRuns(in: .current).collect().isEmpty, "TaskRuns go with their run")
  }

  @Test func watchContinuesFromTheListsVersionWithTheChangesMadeSince() async throws {
    let replay = try TektonReplayServer()
    let client = try Self.client(replay)
    var events = client.watchPipelineRun(named: "main-rvs7k", in: .named("jx")).makeAsyncIterator()
    let listed = try #require(try await events.next())
    #expect(listed.type == .added && listed.object.spec.status == nil)
    _ = try await client.cancelPipelineRun(named: "main-rvs7k", in: .named("jx"))
    let cancelled = try #require(try await events.next())
    #expect(cancelled.type == .modified)
    #expect(cancelled.object.spec.status == "Cancelled")
    // The list was at the highest recorded version (the 2022 cancelled run's); the patch came after it.
    #expect(cancelled.object.metadata.resourceVersion == "365226509")
    _ = try await client.deletePipelineRun(named: "main-rvs7k", in: .named("jx"))
    let deleted = try #require(try await events.next())
    #expect(deleted.type == .deleted)
    let watches = replay.requests.map(\.path).filter { $0.contains("watch=1") }
    #expect(watches.first?.contains("resourceVersion=365226508") == true, "\(watches)")
    #expect(watches.last?.contains("resourceVersion=365226509") == true, "\(watches)")
    #expect(watches.allSatisfy { $0.contains("fieldSelector=metadata.name%3Dmain-rvs7k") })
  }

  @Test func watchOfOneRunStartsWithItsListAndNamesIt() async throws {
    let replay = try TektonReplayServer()
    let client = try Self.client(replay)
    var events = client.watchPipelineRun(named: "main-rvs7k", in: .named("jx")).makeAsyncIterator()
    let first = try #require(try await events.next())
    #expect(first.type == .added)
    #expect(first.object.metadata.name == "main-rvs7k")
    #expect(first.object.state.phase == .running)
    #expect(
      replay.requests.last?.path
        == "/apis/tekton.dev/v1/namespaces/jx/pipelineruns?fieldSelector=metadata.name%3Dmain-rvs7k&limit=500"
    )
  }
}

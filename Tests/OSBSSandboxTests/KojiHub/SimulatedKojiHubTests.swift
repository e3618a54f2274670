import Foundation
import OSBSKit
import Testing

@testable import OSBSSandbox

/// The simulated hub against the real hub's captured answers (koji-wire captures, Koji 1.35.3).
@Suite struct SimulatedKojiHubTests {
  typealias Fixture = KojiHubFixture

  @Test func anonymousFaultsMatchTheCaptures() async throws {
    try await Fixture.run { hub in
      let cases: [(String, [XMLRPCValue], [XMLRPCMember], Int, String)] = [
        ("noSuchMethod", [1], [], 1000, "Invalid method: noSuchMethod"),
        (
          "getBuildTarget", ["no-such-target"], [XMLRPCMember("strict", true)], 1000,
          "No such build target: no-such-target"
        ),
        (
          "buildContainer", [Fixture.source, Fixture.target, Fixture.scratchOpts], [], 1000,
          "task must have an owner"
        ),
        ("getTaskInfo", [999_999], [XMLRPCMember("strict", true)], 1000, "query returned no rows"),
        (
          "downloadTaskOutput", [999_999, "x86_64.log"], [], 1000,
          "no file \"x86_64.log\" output by task 999999"
        ),
        ("getTaskResult", [999_999], [], 1000, "No such task"),
        ("cancelTask", [999_999], [], 1004, "Cannot cancel task, not owner"),
        ("login", ["builder1", "wrong"], [], 1002, "invalid username or password"),
        (
          "getTaskInfo", [1], [XMLRPCMember("foo", true)], 1019,
          "RootExports.getTaskInfo() got an unexpected keyword argument 'foo'"
        ),
        (
          "getTaskInfo", [], [], 1019,
          "RootExports.getTaskInfo() missing 1 required positional argument: 'task_id'"
        ),
      ]
      for (method, params, keywords, code, message) in cases {
        let reply = try await hub.raw(method, params, keywords: keywords)
        #expect(reply.response.fault == XMLRPCFault(code: code, message: message), "\(method)")
      }
    }
  }

  @Test func repliesAreByteForByteTheHubs() async throws {
    try await Fixture.run { hub in
      // 11-getTaskInfo-nonexistent.txt: Python writes a top-level nil without a newline.
      let missing = try await hub.raw("getTaskInfo", [999_999])
      #expect(
        missing.text
          == "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><nil/></value></param>\n</params>\n</methodResponse>\n"
      )
      // 06-getBuildTarget.txt (623 bytes).
      let target = try await hub.raw("getBuildTarget", [Fixture.target])
      #expect(target.text.utf8.count == 623)
      #expect(
        target.response.value
          == .object([
            "build_tag": 1, "build_tag_name": "f25-container-build", "dest_tag": 2,
            "dest_tag_name": "f25-container-candidate", "id": 1, "name": "f25-container-candidate",
          ]))
      // 14-listTaskOutput-nonexistent.txt.
      let output = try await hub.raw("listTaskOutput", [999_999])
      #expect(output.text.utf8.count == 138)
      let locked = try await hub.raw("getTag", ["locked-container-candidate"])
      #expect(locked.response.value?["locked"] == true)
    }
  }

  @Test func callnumRulesFollowTheCapturedHub() async throws {
    try await Fixture.run { hub in
      let session = try await hub.login("builder1", "builder1pass")
      let build = { (callnum: Int) in
        try await hub.raw(
          "buildContainer", [Fixture.source, Fixture.target, Fixture.scratchOpts],
          headers: Fixture.sessionHeaders(session, callnum: callnum))
      }
      #expect(try await build(1).response.value == 1)
      #expect(
        try await build(1).response.fault
          == XMLRPCFault(
            code: 1009, message: "unable to retry call 1 (method buildContainer) for session \(session.id)"))
      let user = { (callnum: Int?) in
        try await hub.raw("getLoggedInUser", headers: Fixture.sessionHeaders(session, callnum: callnum))
          .response
      }
      #expect(try await user(0).fault == XMLRPCFault(code: 1008, message: "1 > 0 (session \(session.id))"))
      // Read-only calls do not store their callnum, so they may be replayed.
      #expect(try await user(2).value?["name"] == "builder1")
      #expect(try await user(2).value?["name"] == "builder1")
      #expect(try await user(nil).value?["authtype"] == 0)
      // Old clients put the session in the query string.
      let query = try await hub.raw(
        "getLoggedInUser", path: "/kojihub?session-id=\(session.id)&session-key=\(session.key)&callnum=3")
      #expect(query.response.value?["name"] == "builder1")

      let tasks = try await hub.raw(
        "listTasks", [.object(["owner": 2, "method": "buildContainer"])],
        headers: Fixture.sessionHeaders(session, callnum: 4))
      let request = try #require(tasks.response.value?.arrayValue?.first?["request"]?.stringValue)
      #expect(
        request.hasPrefix("<?xml version='1.0'?>\n<methodCall>\n<methodName>buildContainer</methodName>"))

      #expect(
        try await hub.raw("logout", headers: Fixture.sessionHeaders(session, callnum: 5)).response
          == .success(.null))
      #expect(
        try await user(6).fault == XMLRPCFault(code: 1002, message: "Invalid session or bad credentials"))
    }
  }

  @Test func sslLoginReadsTheFrontEndHeaders() async throws {
    try await Fixture.run { hub in
      let none = try await hub.raw("sslLogin", path: "/kojihub/ssllogin")
      #expect(none.response.fault == XMLRPCFault(code: 1002, message: "could not verify client: NONE"))
      let outsider = try await hub.raw(
        "sslLogin", headers: ["X-SSL-Client-CN": "outsider"], path: "/kojihub/ssllogin")
      #expect(outsider.response.fault == XMLRPCFault(code: 1002, message: "Unknown user: outsider"))
      for (headers, authtype) in [
        (["X-SSL-Client-Verify": "SUCCESS", "X-SSL-Client-S-DN-CN": "builder1"], 2),
        (["X-Remote-User": "builder1@TEST.LOCAL"], 3),
        (["Authorization": "Basic " + Data("builder1:builder1pass".utf8).base64EncodedString()], 3),
      ] {
        let login = try await hub.raw("sslLogin", headers: headers, path: "/kojihub/ssllogin")
        let id = try #require(login.response.value?["session-id"]?.intValue)
        let key = try #require(login.response.value?["session-key"]?.stringValue)
        #expect(key.hasPrefix("2-") && key.count == 21)
        let user = try await hub.raw(
          "getLoggedInUser", headers: Fixture.sessionHeaders((Int(id), key), callnum: 0))
        #expect(user.response.value?["authtype"] == .int(Int64(authtype)))
      }
    }
  }

  @Test func expiredSessionsAreRenewedByTheClient() async throws {
    try await Fixture.run { hub in
      let raw = try await hub.login("builder1", "builder1pass")
      #expect(hub.hub.expireSessions(id: raw.id) == [raw.id])
      let expired = try await hub.raw("getLoggedInUser", headers: Fixture.sessionHeaders(raw, callnum: 0))
      #expect(expired.response.fault == XMLRPCFault(code: 1007, message: "session \"\(raw.id)\" has expired"))

      let session = try hub.session("builder1")
      try await session.login()
      hub.hub.expireSessions()
      #expect(try await session.call("getLoggedInUser")["name"] == "builder1")
      #expect(await session.loginCount == 2)
    }
  }

  @Test func buildContainerRunsThroughItsLifecycle() async throws {
    try await Fixture.run { fixture in
      let clock = fixture.hub.clock
      let session = try fixture.session("builder1")
      try await session.login()
      let id = try await session.call(
        "buildContainer", [Fixture.source, Fixture.target, Fixture.scratchOpts])
      let info = { try await session.call("getTaskInfo", [id], keywords: [XMLRPCMember("request", true)]) }
      let free = try await info()
      #expect(free["state"] == 0 && free["host_id"] == .null && free["weight"] == 1.0)
      #expect(free["request"] == [Fixture.source, Fixture.target, Fixture.scratchOpts])
      #expect(
        await session.fault("getTaskResult", [id])
          == XMLRPCFault(code: 1000, message: "Task \(number(id)) is not finished"))
      #expect(try await session.call("listTaskOutput", [id]) == [])

      clock.advance(by: 1)
      let open = try await info()
      #expect(open["state"] == 1 && open["host_id"] == 1 && open["weight"] == 2.0)
      clock.advance(by: 3)
      let early = try await session.call("listTaskOutput", [id], keywords: [XMLRPCMember("stat", true)])
      let earlySize = try #require(early["x86_64.log"]?["st_size"]?.stringValue.flatMap { Int($0) })
      clock.advance(by: 3)
      let later = try await session.call("listTaskOutput", [id], keywords: [XMLRPCMember("stat", true)])
      let laterSize = try #require(later["x86_64.log"]?["st_size"]?.stringValue.flatMap { Int($0) })
      #expect(earlySize > 0 && laterSize > earlySize, "the arch log grows while the task is open")
      let incremental = try await session.call("downloadTaskOutput", [id, "openshift-incremental.log"])
      let text = String(
        decoding: Data(base64Encoded: try #require(incremental.stringValue)) ?? Data(), as: UTF8.self)
      #expect(
        text.contains("build json: {")
          && text.contains(
            "'openshift_build_selflink': u'/oapi/v1/namespaces/default/builds/cockpit-f25-\(number(id))'")
      )

      clock.advance(by: 3)
      #expect(try await info()["state"] == 2)
      let result = try await session.call("getTaskResult", [id])
      #expect(result["koji_builds"] == [])
      #expect(
        result["repositories"]?.arrayValue?.first
          == .string("registry.example.org/cockpit:f25-scratch-\(number(id))"))
      #expect(
        try await session.call("listTaskOutput", [id], keywords: [XMLRPCMember("all_volumes", true)])
          == .object(["openshift-incremental.log": ["DEFAULT"], "x86_64.log": ["DEFAULT"]]))
    }
  }

  /// Issue 11, defect 8: a koji-containerbuild 1.4.0 builder's output, as captures 76–78 show it.
  @Test func kcb140BuilderWritesWhatCaptures76To78Show() async throws {
    try await Fixture.run { fixture in
      let clock = fixture.hub.clock
      fixture.hub.enqueue([KojiBuildScript(builder: .kcb140)])
      let session = try fixture.session("builder1")
      try await session.login()
      let id = try await session.call(
        "buildContainer", [Fixture.source, Fixture.target, .object(["git_branch": "f25"])])
      #expect(try await session.call("getTaskChildren", [id]) == [])
      func clientLog() async throws -> String {
        let reply = try await session.call("downloadTaskOutput", [id, "osbs-client.log"])
        return String(decoding: Data(base64Encoded: try #require(reply.stringValue)) ?? Data(), as: UTF8.self)
      }

      clock.advance(by: 2)
      let running = try await clientLog()
      let run = try #require(
        running.split(separator: "\n").first { $0.contains("pipeline run: ") }?
          .components(separatedBy: "pipeline run: ").last)
      #expect(run.hasPrefix("cockpit-f25-"), "\(running)")
      #expect(running.contains("OSBS build id: '\(run)'"))
      #expect(running.hasSuffix("Will write follow log: osbs-build.log\n"))
      #expect(!running.contains("Response status"))

      clock.advance(by: 10)
      #expect(try await session.call("getTaskInfo", [id])["state"] == 2)
      // Capture 76: these four names, in this order.
      #expect(
        try await session.call("listTaskOutput", [id])
          == ["osbs-client.log", "osbs-build.log", "checkout-for-labels.log", "x86_64.log"])
      let finished = try await clientLog()
      #expect(finished.hasPrefix(running))
      #expect(finished.contains("Pipeline run '\(run)' finished\n"))
      // Capture 78: koji_builds are strings, and four repositories.
      let reply = try await fixture.raw("getTaskResult", [id])
      let result = try #require(reply.response.value)
      let buildID = try #require(result["koji_builds"]?.arrayValue?.first?.stringValue)
      #expect(reply.text.contains("<value><string>\(buildID)</string></value>"))
      #expect(finished.contains("Koji content generator build ID: \(buildID)\n"))
      let listed = result["repositories"]?.arrayValue ?? []
      let repositories = listed.compactMap(\.stringValue)
      #expect(repositories.count == 4)
      #expect(repositories.first == "registry.example.org/cockpit:1.0-\(buildID)")
      #expect(repositories.contains("registry.example.org/cockpit:latest"))
    }
  }

  /// koji-containerbuild 1.4.0 `_write_logs`: non-arch task lines in `osbs-build.log` with a marker per
  /// arch, each arch's lines (atomic-reactor's build-host lines first) in `<arch>.log`; a failure's fault
  /// carries osbs-client's error text for the failed pipeline task.
  @Test func kcb140BuilderRoutesRunLinesAndWritesOsbsClientsErrorText() async throws {
    try await Fixture.run { fixture in
      fixture.hub.enqueue([KojiBuildScript(outcome: .fail, arches: ["x86_64", "ppc64le"], builder: .kcb140)])
      let session = try fixture.session("builder1")
      try await session.login()
      let id = try await session.call(
        "buildContainer", [Fixture.source, Fixture.target, .object(["git_branch": "f25"])])
      fixture.hub.clock.advance(by: 20)
      func file(_ name: String) async throws -> String {
        let reply = try await session.call("downloadTaskOutput", [id, .string(name)])
        return String(decoding: Data(base64Encoded: try #require(reply.stringValue)) ?? Data(), as: UTF8.self)
      }
      let client = try await file("osbs-client.log")
      let run = try #require(
        client.split(separator: "\n").first { $0.contains("pipeline run: ") }?
          .components(separatedBy: "pipeline run: ").last)
      let build = try await file("osbs-build.log")
      #expect(
        build.contains("\nx86_64 build has started. Check platform specific logs\nppc64le build has started.")
      )
      #expect(
        build.contains(
          " - atomic_reactor.tasks.plugin_based - INFO - task binary_container_prebuild finished"))
      #expect(!build.contains("binary_container_postbuild"), "postbuild runs after every build succeeded")
      #expect(build.contains("task binary_container_exit finished successfully \\o/\n"), "exit runs finally")
      let x86 = try await file("x86_64.log").split(separator: "\n").map(String.init)
      // The VM and slot the run's build step names on the cluster.
      let host = TektonRun.buildHost(run: String(run), arch: "x86_64")
      #expect(host.hasPrefix("buildvm-x86-0"))
      #expect(
        x86[1].hasSuffix(
          " - atomic_reactor.utils.remote_host - INFO - \(host): slot \(TektonRun.slot(run: String(run), arch: "x86_64")) "
            + "is locked for pipelinerun \(run)"))
      #expect(x86[2].contains(" - atomic_reactor.tasks.binary_container_build - INFO - Building image="))
      #expect(x86[2].hasSuffix("-x86_64 on host=\(host)"))
      #expect(x86.last?.contains(" - ERROR - Error: building at STEP \"RUN make\": exit status 2") == true)
      let ppc = try await file("ppc64le.log")
      #expect(ppc.contains(" on host=\(TektonRun.buildHost(run: String(run), arch: "ppc64le"))\n"))
      #expect(ppc.contains(" - INFO - Build finished successfully! Pushing image to "))

      let fault = try await fixture.raw("getTaskResult", [id])
      #expect(
        fault.response.fault?.message
          == "Image build failed. Error in binary-container-build-x86-64: BuildProcessError('Build failed "
          + "(rc=1): Error: building at STEP \"RUN make\": exit status 2\\n'); . OSBS build id: \(run)")
      #expect(fault.response.fault?.code == 2001)
    }
  }

  @Test func downloadTaskOutputHonoursOffsetsAndSizes() async throws {
    try await Fixture.run { fixture in
      fixture.hub.enqueue([KojiBuildScript(logBytes: 100_000_000)])
      let session = try fixture.session("builder1")
      try await session.login()
      let id = try await session.call(
        "buildContainer", [Fixture.source, Fixture.target, Fixture.scratchOpts])
      fixture.hub.clock.advance(by: 10)
      let stat = try await session.call("listTaskOutput", [id], keywords: [XMLRPCMember("stat", true)])
      let size = try #require(stat["x86_64.log"]?["st_size"]?.stringValue.flatMap { Int($0) })
      #expect(size > 99_000_000 && size <= 100_000_000)
      func download(_ keywords: [XMLRPCMember]) async throws -> Data {
        let value = try await session.call("downloadTaskOutput", [id, "x86_64.log"], keywords: keywords)
        let text = try #require(value.stringValue)
        return try #require(Data(base64Encoded: text))
      }
      let head = try await download([XMLRPCMember("offset", 0), XMLRPCMember("size", 200)])
      let slice = try await download([XMLRPCMember("offset", 100), XMLRPCMember("size", 60)])
      #expect(slice == head[100..<160])
      // A range read again comes from the stored reply document; inside a multicall it is encoded as a
      // value: both must be the same bytes.
      #expect(try await download([XMLRPCMember("offset", 100), XMLRPCMember("size", 60)]) == slice)
      let inMulticall = try await session.multiCall([
        XMLRPCCall("downloadTaskOutput", [id, "x86_64.log", .int(100), .int(60)])
      ])
      let multicallText = try #require(try inMulticall.first?.get().stringValue)
      #expect(Data(base64Encoded: multicallText) == slice)
      let tail = try await download([XMLRPCMember("offset", -40)])
      #expect(tail.count == 40 && String(decoding: tail, as: UTF8.self).hasSuffix("build finished\n"))
      let nearEnd = try await download([XMLRPCMember("offset", .int(Int64(size - 40)))])
      #expect(nearEnd == tail)
      #expect(try await download([XMLRPCMember("offset", .int(Int64(size + 1)))]).isEmpty)
      #expect(
        await session.fault(
          "downloadTaskOutput", [id, "x86_64.log"], keywords: [XMLRPCMember("offset", .int(-Int64(size) - 1))]
        )?.code == 1)
      #expect(
        await session.fault("downloadTaskOutput", [id, "aarch64.log"])
          == XMLRPCFault(code: 1000, message: "no file \"aarch64.log\" output by task \(number(id))"))
    }
  }

  @Test func multicallMixesResultsAndFaults() async throws {
    try await Fixture.run { fixture in
      let session = try fixture.session("builder1")
      try await session.login()
      let id = try await session.call(
        "buildContainer", [Fixture.source, Fixture.target, Fixture.scratchOpts])
      let results = try await session.multiCall([
        XMLRPCCall("getTaskInfo", [id]),
        XMLRPCCall("getTaskInfo", [999_999], keywords: [XMLRPCMember("strict", true)]),
        XMLRPCCall("noSuchMethod"),
      ])
      #expect(try results[0].get()["id"] == id)
      #expect(results[1] == .failure(XMLRPCFault(code: 1000, message: "query returned no rows")))
      #expect(results[2] == .failure(XMLRPCFault(code: 1000, message: "Invalid method: noSuchMethod")))
    }
  }

  @Test func cancelTaskNeedsTheOwnerOrAnAdmin() async throws {
    try await Fixture.run { fixture in
      let owner = try fixture.session("builder1")
      let other = try fixture.session("builder2")
      let admin = try fixture.session("kojiadmin")
      for session in [owner, other, admin] { try await session.login() }
      let first = try await owner.call(
        "buildContainer", [Fixture.source, Fixture.target, Fixture.scratchOpts])
      #expect(
        await other.fault("cancelTask", [first])
          == XMLRPCFault(code: 1004, message: "Cannot cancel task, not owner"))
      #expect(try await owner.call("cancelTask", [first]) == .null)
      #expect(try await owner.call("getTaskInfo", [first])["state"] == 3)
      #expect(
        await owner.fault("getTaskResult", [first])
          == XMLRPCFault(code: 1000, message: "Task \(number(first)) is canceled"))

      let second = try await owner.call(
        "buildContainer", [Fixture.source, Fixture.target, Fixture.scratchOpts])
      #expect(try await admin.call("cancelTask", [second]) == .null)
      #expect(
        await owner.fault(
          "buildContainer", [Fixture.source, Fixture.target, Fixture.scratchOpts],
          keywords: [XMLRPCMember("priority", -1)])
          == XMLRPCFault(code: 1004, message: "only admins may create high-priority tasks"))
    }
  }

  @Test func scriptedFailuresAndChildrenFollowKojiContainerbuild() async throws {
    try await Fixture.run { fixture in
      fixture.hub.enqueue([
        KojiBuildScript(outcome: .fail, failureReason: "Error in plugin orchestrate_build: boom"),
        KojiBuildScript(arches: ["x86_64", "aarch64"], children: true),
      ])
      let session = try fixture.session("builder1")
      try await session.login()
      let failing = try await session.call(
        "buildContainer", [Fixture.source, Fixture.target, Fixture.scratchOpts])
      let parent = try await session.call(
        "buildContainer", [Fixture.source, Fixture.target, Fixture.scratchOpts])
      #expect(try await session.call("getTaskChildren", [parent]) == [])
      fixture.hub.clock.advance(by: 2)
      let children = try await session.call("getTaskChildren", [parent]).arrayValue ?? []
      #expect(children.map { $0["label"] } == ["x86_64-container", "aarch64-container"])
      #expect(children.map { $0["method"] } == ["createContainer", "createContainer"])
      fixture.hub.clock.advance(by: 10)
      let message =
        "Image build failed. Error in plugin orchestrate_build: boom. OSBS build id: cockpit-f25-\(number(failing))"
      #expect(await session.fault("getTaskResult", [failing]) == XMLRPCFault(code: 2001, message: message))
      #expect(
        try await session.call("getTaskResult", [failing], keywords: [XMLRPCMember("raise_fault", false)])
          == .object(["faultCode": 2001, "faultString": .string(message)]))
      #expect(try await session.call("getTaskInfo", [parent])["state"] == 2)
      let decoded = try await session.call(
        "listTasks", [.object(["parent": parent, "decode": true])], keywords: [])
      #expect(decoded.arrayValue?.count == 2)
      #expect(decoded.arrayValue?.first?["request"]?.arrayValue?[2] == "x86_64")
    }
  }

  @Test func controlAPIQueuesScriptsAndReportsTasks() async throws {
    try await Fixture.run { fixture in
      let queued = try await send(
        "POST", fixture.endpoints.controlAPI + "/koji/script",
        body: Data(#"{"builds": [{"outcome": "cancel", "repeat": 2}]}"#.utf8))
      #expect(queued.status == 201 && queued.text == #"{"queued":2}"#)
      let session = try fixture.session("builder1")
      try await session.login()
      let id = try await session.call(
        "buildContainer", [Fixture.source, Fixture.target, Fixture.scratchOpts])
      let advanced = try await send(
        "POST", fixture.endpoints.controlAPI + "/koji/clock", body: Data(#"{"advanceSeconds": 10}"#.utf8))
      #expect(advanced.status == 200)
      #expect(
        await session.fault("getTaskResult", [id])
          == XMLRPCFault(code: 2002, message: "Image build was cancelled by OSBS."))
      let tasks = try await send("GET", fixture.endpoints.controlAPI + "/koji/tasks")
      #expect(
        tasks.text.contains(#""osbsBuildName":"cockpit-f25-\#(number(id))""#)
          && tasks.text.contains(#""state":"FAILED""#))
      #expect(fixture.hub.pendingScript.map(\.repeatCount) == [1])
    }
  }
}

/// A task id as text in messages (the hub's ids are XML-RPC ints).
private func number(_ value: XMLRPCValue) -> Int64 { value.intValue ?? -1 }

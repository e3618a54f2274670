import Foundation
import Testing

/// Committed test inputs must work on any machine: a fixture, seed or golden file that names a path
/// under a temporary or home directory only worked where it was made (a fuzz seed once named a
/// `/tmp/fz/...` koji.conf and failed every fresh CI machine).
@Suite("committed fixtures are self-contained")
struct SelfContainedFixturesTests {
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Folders whose every file is a committed input of some test or fuzz target.
  static let inputFolders = [
    "Tests/OSBSKitTests/Fixtures", "fuzz/corpus", "fuzz/seeds", "fuzz/dict",
  ]

  /// Directories that belong to one machine or one run. Real server paths in captures (`/mnt/koji/...`,
  /// `/var/lib/...`) are facts about the server and are allowed.
  static let machinePrefixes = [
    "/tmp/", "/var/tmp/", "/dev/shm/", "/home/", "/root/", "/Users/", "/var/folders/", "/private/var/",
    "/run/user/", "/work/", "/opt/swift-packages/",
  ]

  /// The first machine-local absolute path in `text`, if any. A prefix counts only where a path can
  /// start: at the beginning, after a character that cannot be inside a path, or after `file://`.
  static func machinePath(in text: String) -> String? {
    let bytes = Array(text.utf8)
    for prefix in machinePrefixes {
      let needle = Array(prefix.utf8)
      var index = 0
      while index + needle.count <= bytes.count {
        defer { index += 1 }
        guard bytes[index] == needle[0], Array(bytes[index..<(index + needle.count)]) == needle else {
          continue
        }
        let startsPath: Bool
        if index == 0 {
          startsPath = true
        } else if index >= 7, Array(bytes[(index - 7)..<index]) == Array("file://".utf8) {
          startsPath = true
        } else {
          let before = bytes[index - 1]
          let insidePath =
            (before >= 0x30 && before <= 0x39) || (before >= 0x41 && before <= 0x5A)
            || (before >= 0x61 && before <= 0x7A)
            || [
              UInt8(ascii: "_"), .init(ascii: "."), .init(ascii: "-"),
              .init(ascii: "/"), .init(ascii: "~"),
            ].contains(before)
          startsPath = !insidePath
        }
        if startsPath {
          let end =
            bytes[index...].firstIndex { $0 == 0x0A || $0 == 0x20 || $0 == 0x22 || $0 == 0x27 } ?? bytes.count
          return String(decoding: bytes[index..<end], as: UTF8.self)
        }
      }
    }
    return nil
  }

  static func committedInputs() throws -> [URL] {
    var files: [URL] = []
    for folder in inputFolders {
      let root = repositoryRoot.appendingPathComponent(folder)
      guard
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
      else { continue }
      for case let url as URL in walker
      where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
        files.append(url)
      }
    }
    // Golden output files anywhere under Tests/.
    if let walker = FileManager.default.enumerator(
      at: repositoryRoot.appendingPathComponent("Tests"), includingPropertiesForKeys: nil)
    {
      for case let url as URL in walker
      where url.path.contains("/Golden") || url.lastPathComponent.contains(".golden") {
        if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { files.append(url) }
      }
    }
    return files
  }

  /// Paths under a machine prefix that a recording quotes from the server it was made on, by file. They
  /// are facts about that server (copied byte for byte), not about the machine that committed them.
  static let recordedServerPaths: [String: [String]] = [
    // An OSBS builder's error naming its git checkout on the 2019 build host.
    "Tests/OSBSKitTests/Fixtures/openshift-wire/v3.9.41/builds_list.json": [
      "/tmp/tmpAltRkm/codeready-workspaces"
    ],
    "Tests/OSBSKitTests/Fixtures/openshift-wire/v3.9.41/builds_list_one.json": [
      "/tmp/tmpAltRkm/codeready-workspaces"
    ],
    // Scripts and volume mounts of the Tekton tasks, run inside the step containers of those clusters.
    "Tests/OSBSKitTests/Fixtures/tekton/recordings/openshift-pipelines-2023/pipelinerun-human-resources-rlrj8.yaml":
      [
        "/tmp/cachi2", "/tmp/settings.yaml", "/tmp/clamdb", "/tmp/matcher.db",
        "/root/buildinfo/content_manifests/",
        "/tmp/",
      ],
    "Tests/OSBSKitTests/Fixtures/tekton/recordings/openshift-pipelines-2023/taskrun-build-container.yaml": [
      "/tmp/cachi2", "/tmp/settings.yaml", "/root/buildinfo/content_manifests/", "/tmp/",
    ],
    "Tests/OSBSKitTests/Fixtures/tekton/recordings/jx-2020-2022-v1beta1/pr-running-2020.yaml": [
      "/home/jenkins"
    ],
  ]

  @Test func noCommittedInputNamesAPathOfTheMachineThatMadeIt() throws {
    let files = try Self.committedInputs()
    #expect(files.count > 100, "the walk found only \(files.count) files: the folders moved?")
    var offenders: [String] = []
    for file in files {
      var text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
      let relative = String(file.path.dropFirst(Self.repositoryRoot.path.count + 1))
      for known in Self.recordedServerPaths[relative] ?? [] {
        #expect(
          text.contains(known), "\(relative) no longer quotes \(known): drop it from recordedServerPaths")
        text = text.replacingOccurrences(of: known, with: "")
      }
      if let path = Self.machinePath(in: text) {
        offenders.append("\(file.path.dropFirst(Self.repositoryRoot.path.count + 1)): \(path)")
      }
    }
    #expect(
      offenders.isEmpty, "machine-local paths in committed inputs:\n\(offenders.joined(separator: "\n"))")
  }

  @Test(arguments: [
    ("configFile: \"/tmp/fz/sbstate/koji.conf\"", true),
    ("anonURLTemplate: \"file:///tmp/fz/git/{name}.git\"", true),
    ("/home/builder/.koji/config", true),
    ("client-key: /root/.kube/key.pem", true),
    ("  /mnt/koji/work/tasks/1/1/x86_64.log", false),
    ("https://src.example.org/tmp/x", false),
    ("path=/var/lib/openvswitch/conf.db", false),
  ])
  func theGuardTellsMachinePathsFromServerPaths(line: String, flagged: Bool) {
    #expect((Self.machinePath(in: line) != nil) == flagged, "\(line)")
  }
}

import Foundation

/// The process context configuration is resolved in; tests build one over a temp dir instead of / and ~.
public struct ConfigEnvironment: Sendable, Equatable {
  public var variables: [String: String]
  public var homeDirectory: String
  /// Relative paths given on the command line are taken relative to this.
  public var currentDirectory: String
  /// Where `koji.conf`, `koji.conf.d` and `osbsctl/config.yaml` live system-wide.
  public var systemConfigDirectory: String
  /// The mount a pod's service account credentials appear at.
  public var serviceAccountDirectory: String

  public init(
    variables: [String: String], homeDirectory: String, currentDirectory: String,
    systemConfigDirectory: String = "/etc",
    serviceAccountDirectory: String = "/var/run/secrets/kubernetes.io/serviceaccount"
  ) {
    self.variables = variables
    self.homeDirectory = homeDirectory
    self.currentDirectory = currentDirectory
    self.systemConfigDirectory = systemConfigDirectory
    self.serviceAccountDirectory = serviceAccountDirectory
  }

  /// The real process home directory and working directory, with `variables` (by default the process's
  /// environment; a command passes the one its run already read).
  public static func current(variables: [String: String] = ProcessEnvironment.variables())
    -> ConfigEnvironment
  {
    let home = variables["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return ConfigEnvironment(
      variables: variables, homeDirectory: home,
      currentDirectory: FileManager.default.currentDirectoryPath)
  }

  /// An empty environment variable counts as unset, as the tools we mirror treat it.
  func variable(_ name: String) -> String? {
    guard let value = variables[name], !value.isEmpty else { return nil }
    return value
  }

  /// `~` and `~/x` become the home directory (koji's `os.path.expanduser`); `~user` is left alone.
  func expandingTilde(_ path: String) -> String {
    if path == "~" { return homeDirectory }
    if path.hasPrefix("~/") { return PathText.join(homeDirectory, String(path.dropFirst(2))) }
    return path
  }

  /// A path from the command line or the environment: `~` expanded, relative taken from the working directory.
  func userPath(_ path: String) -> String {
    PathText.absolute(expandingTilde(path), relativeTo: currentDirectory)
  }
}

/// Path arithmetic on strings, so sources show exactly the text users recognise.
enum PathText {
  static func join(_ directory: String, _ name: String) -> String {
    if directory.hasSuffix("/") { return directory + name }
    return directory + "/" + name
  }

  static func absolute(_ path: String, relativeTo directory: String) -> String {
    if path.hasPrefix("/") || path.isEmpty { return path }
    return join(directory, path)
  }

  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
  }
}

/// The few file-system questions configuration loading asks.
enum ConfigFiles {
  static func isRegularFile(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
  }

  /// What `stat(2)` says of the file a path names, symbolic links followed; nil when it cannot be examined
  /// or is a directory (what `isRegularFile` accepts, from the one call). Not `FileManager.attributesOfItem`:
  /// that describes a symbolic link itself (mode 0777), and it looks the owner's user and group names up
  /// in /etc/passwd and /etc/group, which nothing here needs.
  static func regularFileStatus(_ path: String) -> stat? {
    var info = stat()
    guard stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFDIR else { return nil }
    return info
  }

  static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

  /// `*.conf` regular files of a directory in byte order (koji's `sorted(os.listdir(...))`).
  static func confFiles(in directory: String) -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
    return
      names
      .filter { $0.hasSuffix(".conf") }
      .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
      .map { PathText.join(directory, $0) }
      .filter(isRegularFile)
  }

  /// The file's text. An empty file is valid (and empty); a pipe (`--kubeconfig <(…)`) is read to its end.
  static func text(_ path: String) throws(ConfigError) -> String {
    let data: Data
    if let read = Self.data(path) {
      data = read
    } else {
      do {
        // Failed once already; read again through Foundation for its description of why.
        data = try Data(contentsOf: URL(fileURLWithPath: path))
      } catch {
        throw .unreadableFile(path: path, reason: (error as NSError).localizedDescription)
      }
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .malformedFile(path: path, line: nil, reason: "not UTF-8 text")
    }
    return text
  }

  /// The whole file through open(2) and read(2), or nil if it cannot be read. (The first
  /// `Data(contentsOf:)` of a process costs ~0.5 M instructions, a tenth of a `config view`.)
  static func data(_ path: String) -> Data? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var data = Data()
    // Not an array: zero-filling 64 KiB for each of the three small files a command reads cost 0.2 M
    // instructions, more than reading them.
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
    defer { buffer.deallocate() }
    while true {
      let count = read(descriptor, buffer.baseAddress, buffer.count)
      if count == 0 { return data }
      if count < 0 {
        if errno == EINTR { continue }
        return nil
      }
      data.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
    }
  }
}

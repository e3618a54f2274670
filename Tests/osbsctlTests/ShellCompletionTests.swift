import Foundation
import TestSupport
import Testing

/// The committed completion scripts (completions/) driven in real bash, zsh and fish as a TAB at the end
/// of a command line runs them, with the built osbsctl on PATH: subcommands, flags, paths, and names read
/// from configuration files and from a running sandbox.
///
/// A shell that is not installed fails its tests (scripts/setup installs all three), as a missing kubectl
/// fails the kubectl suite: a test that cannot run must not pass.
@Suite("Shell completion in bash, zsh and fish", .serialized)
struct ShellCompletionTests {
  enum Shell: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case bash, zsh, fish

    var testDescription: String { rawValue }

    /// The committed script (zsh: the folder holding `_osbsctl`, for its fpath).
    var script: String {
      let completions = CLI.packageRoot.appendingPathComponent("completions")
      switch self {
      case .bash: return completions.appendingPathComponent("osbsctl.bash").path
      case .zsh: return completions.path
      case .fish: return completions.appendingPathComponent("osbsctl.fish").path
      }
    }

    /// The shell's executable on PATH.
    func executable() throws -> String {
      let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
      let found = path.split(separator: ":").map { "\($0)/\(rawValue)" }
        .first(where: FileManager.default.isExecutableFile(atPath:))
      return try #require(found, "\(rawValue) is not installed; scripts/setup installs it")
    }
  }

  /// What one TAB produced: the candidates, and everything else the shell showed meanwhile (an error
  /// osbsctl wrote would be there).
  struct Completion {
    var candidates: [String]
    var noise: String
  }

  /// Completes `line` (the cursor at its end) in `shell`, in the working directory `directory`.
  static func complete(
    _ shell: Shell, _ line: String, in directory: URL, environment: [String: String] = [:]
  ) async throws -> Completion {
    let cli = try CLI()
    let binaries = URL(fileURLWithPath: try BuiltProducts.executable("osbsctl")).deletingLastPathComponent()
    var environment = environment
    environment["PATH"] = binaries.path + ":" + (cli.environment["PATH"] ?? "/usr/bin:/bin")
    let executable = try shell.executable()
    switch shell {
    case .bash:
      let result = try await cli.run(
        executable,
        ["--norc", "--noprofile", "-c", bashHarness, "bash", shell.script, line, directory.path],
        environment: environment)
      #expect(result.exitCode == 0, "bash: \(result.stderr)")
      return Completion(candidates: lines(result.stdout), noise: result.stderr)
    case .zsh:
      let setup = try cli.write("zsh-setup.zsh", zshSetup)
      let result = try await cli.run(
        executable, ["-f", "-c", zshHarness, "zsh", setup, line, directory.path],
        environment: environment.merging(["OSBSCTL_TEST_ZSH_FPATH": shell.script]) { $1 })
      #expect(result.exitCode == 0, "zsh: \(result.stderr)")
      let shown = result.stdout.replacingOccurrences(of: "\r", with: "")
      let begin = try #require(shown.range(of: "<<begin>>\n"), "no completion ran in zsh:\n\(shown)")
      let end = try #require(shown.range(of: "<<end>>", range: begin.upperBound..<shown.endIndex))
      let during = lines(String(shown[begin.upperBound..<end.lowerBound]))
      let hits = during.filter { $0.hasPrefix("<<hit>>") }
      return Completion(
        candidates: hits.map { String($0.dropFirst("<<hit>>".count)) },
        noise: (during.filter { !$0.hasPrefix("<<hit>>") } + [result.stderr]).joined())
    case .fish:
      let result = try await cli.run(
        executable,
        ["--no-config", "-c", fishHarness, shell.script, line, directory.path],
        environment: environment)
      #expect(result.exitCode == 0, "fish: \(result.stderr)")
      // fish gives a value typed after `--option=` with the option (`--color=never`); the others give
      // the value alone.
      let token = line.split(separator: " ", omittingEmptySubsequences: false).last ?? ""
      let option = token.hasPrefix("-") ? token.prefix { $0 != "=" } + "=" : ""
      return Completion(
        candidates: lines(result.stdout).map {
          let candidate = $0.prefix { $0 != "\t" }
          return String(
            token.contains("=") && candidate.hasPrefix(option) ? candidate.dropFirst(option.count) : candidate
          )
        }, noise: result.stderr)
    }
  }

  static func lines(_ text: String) -> [String] {
    text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
  }

  /// bash calls the completion function as `complete -F` does, with the words split as readline splits
  /// them: at blanks, and around each `=` (in `COMP_WORDBREAKS`), which is a word of its own. The word
  /// being completed is what follows the last break, so after a trailing `=` it is empty while the `=`
  /// is the current word. (The lines here have no quoted `=`, which readline would not split at.)
  static let bashHarness = #"""
    source "$1" || exit 90
    line=$2
    cd "$3" || exit 91
    read -ra blank_separated <<<"$line"
    [[ $line == *' ' ]] && blank_separated+=('')
    COMP_WORDS=()
    for word in "${blank_separated[@]}"; do
      [[ $word == *=* ]] || { COMP_WORDS+=("$word"); continue; }
      while [[ $word == *=* ]]; do
        [[ -n ${word%%=*} ]] && COMP_WORDS+=("${word%%=*}")
        COMP_WORDS+=('=')
        word=${word#*=}
      done
      [[ -n $word ]] && COMP_WORDS+=("$word")
    done
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMP_LINE=$line
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    current=${COMP_WORDS[COMP_CWORD]}
    [[ $current == '=' ]] && current=''
    _osbsctl osbsctl "$current" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}"
    """#

  /// zsh completes only inside its line editor, so an interactive zsh runs on a pseudo-terminal (zpty),
  /// the line is typed with a TAB, and TAB is bound to a widget that completes between two markers.
  /// `compadd` reports each match it adds (the ones that fit what is typed) as `<<hit>>NAME`; the calls
  /// that only compute (`-O`, `-A`, `-D`) pass through.
  static let zshSetup = #"""
    PS1='' PROMPT='' RPROMPT=''
    fpath=("$OSBSCTL_TEST_ZSH_FPATH" $fpath)
    autoload -Uz compinit && compinit -u -D
    compadd() {
      local word
      for word in "$@"; do
        [[ $word == (-|--) ]] && break
        [[ $word == -[OAD]* ]] && { builtin compadd "$@"; return }
      done
      local -a hits
      builtin compadd -O hits "$@"
      (( ${#hits} )) && print -r -l -- "<<hit>>"${^hits}
      builtin compadd "$@"
    }
    complete-between-markers() {
      print -r -- $'\n<<begin>>'
      zle complete-word
      print -r -- $'\n<<end>>'
    }
    zle -N complete-between-markers
    bindkey '^I' complete-between-markers
    """#

  static let zshHarness = #"""
    zmodload zsh/zpty || exit 90
    cd "$3" || exit 91
    zpty completion zsh -f -i
    zpty -w completion "source ${(q)1}"
    zpty -w -n completion "$2"$'\t'
    shown=''
    integer polls=0
    while (( polls++ < 600 )); do
      if zpty -r -t completion chunk; then
        shown+=$chunk
        [[ $shown == *'<<end>>'* ]] && break
      else
        sleep 0.05
      fi
    done
    zpty -d completion
    print -r -- "$shown"
    """#

  /// fish 3 answers `commandline -C` (the cursor's place) only inside its interactive reader, and the
  /// generated script asks it; here the cursor is always at the end of the line, so the stand-in
  /// answers the length of the current token. Everything else is fish's own `complete -C`.
  static let fishHarness = #"""
    function commandline
        if string match -qr -- '^-[a-zA-Z]*C' $argv
            string length -- (builtin commandline -t)
        else
            builtin commandline $argv
        end
    end
    source $argv[1]; or exit 90
    cd $argv[3]; or exit 91
    complete -C $argv[2]
    """#

  /// A working directory with a folder `build` and a file `site.yaml`.
  final class WorkDirectory: Sendable {
    let url: URL
    init() throws {
      url = FileManager.default.temporaryDirectory.appendingPathComponent("osbsctl-completion-\(UUID())")
      try FileManager.default.createDirectory(
        at: url.appendingPathComponent("build"), withIntermediateDirectories: true)
      try Data("profiles: {}\n".utf8).write(to: url.appendingPathComponent("site.yaml"))
    }
    deinit { try? FileManager.default.removeItem(at: url) }
  }

  // MARK: - Words the scripts know

  @Test(arguments: Shell.allCases)
  func subcommandsAndFlags(_ shell: Shell) async throws {
    let directory = try WorkDirectory()
    func candidates(_ line: String) async throws -> [String] {
      try await Self.complete(shell, line, in: directory.url).candidates
    }
    // `build` is a subcommand, not the folder of that name.
    #expect(try await candidates("osbsctl bu") == ["build"])
    #expect(try await candidates("osbsctl node c") == ["cordon"])
    #expect(try await candidates("osbsctl build list --all") == ["--all-namespaces"])
    #expect(try await candidates("osbsctl task info --koji-p") == ["--koji-profile"])
    // The hidden debug command is not offered (fish, finding no word that starts so, offers `node`).
    #expect(!(try await candidates("osbsctl de")).contains("debug"))
  }

  /// osbsctl takes its global options before the subcommand and between its words too; the scripts step
  /// over them (and their values) to the command, and offer them at the top.
  @Test(arguments: Shell.allCases)
  func globalOptionsBeforeOrBetweenSubcommandWords(_ shell: Shell) async throws {
    let directory = try WorkDirectory()
    func candidates(_ line: String) async throws -> [String] {
      try await Self.complete(shell, line, in: directory.url).candidates
    }
    #expect(try await candidates("osbsctl -p staging no") == ["node"])
    #expect(try await candidates("osbsctl --debug node c") == ["cordon"])
    #expect(try await candidates("osbsctl --kubeconfig k.yaml -n osbs node c") == ["cordon"])
    #expect(try await candidates("osbsctl node --kubeconfig k.yaml c") == ["cordon"])
    #expect(try await candidates("osbsctl -o json task info --koji-p") == ["--koji-profile"])
    #expect(try await candidates("osbsctl --color never build list --all") == ["--all-namespaces"])
    #expect(try await candidates("osbsctl --color=never node c") == ["cordon"])
    #expect(try await candidates("osbsctl node --kubeconfig=k.yaml c") == ["cordon"])
    #expect(try await candidates("osbsctl node list --color=never --sel") == ["--selector"])
    #expect(try await candidates("osbsctl --kubeconfig=k.yaml --namespace=osbs build l") == ["list", "logs"])
    #expect(Set(try await candidates("osbsctl --color=")).isSuperset(of: ["auto", "always", "never"]))

    let topLevel = Set(try await candidates("osbsctl --"))
    let globals: Set = [
      "--config", "--profile", "--koji-config", "--koji-profile", "--kubeconfig", "--context",
      "--namespace", "--request-timeout", "--debug", "--color", "--output",
    ]
    #expect(topLevel.isSuperset(of: globals), "\(globals.subtracting(topLevel))")
    #expect(try await candidates("osbsctl --ku") == ["--kubeconfig"])
    #expect(try await candidates("osbsctl node --deb") == ["--debug"])
    #expect(Set(try await candidates("osbsctl --color ")) == ["auto", "always", "never"])
  }

  @Test(arguments: Shell.allCases)
  func fileOptionsCompletePathsAndDirectoryOptionsDirectories(_ shell: Shell) async throws {
    let directory = try WorkDirectory()
    func candidates(_ line: String) async throws -> Set<String> {
      // fish shows a folder as `build/`.
      Set(
        try await Self.complete(shell, line, in: directory.url).candidates.map {
          $0.hasSuffix("/") ? String($0.dropLast()) : $0
        })
    }
    #expect(try await candidates("osbsctl node list --config s") == ["site.yaml"])
    #expect(try await candidates("osbsctl task info -c s") == ["site.yaml"])
    #expect(try await candidates("osbsctl container-build -C ") == ["build"])
    // Before the subcommand as well.
    #expect(try await candidates("osbsctl --config s") == ["site.yaml"])
    #expect(try await candidates("osbsctl -c s") == ["site.yaml"])
    #expect(try await candidates("osbsctl node --kubeconfig s") == ["site.yaml"])
  }

  // MARK: - Names from the configuration files

  /// osbsctl profiles `prod` and `staging`; staging names its own Koji config (sections `fedora` and
  /// `stage`) and kubeconfig (contexts `alpha` and `beta`). `solo.yaml` has one profile, `solo`. The typo
  /// `kojj` would be warned about by a command; completion says nothing.
  struct TeamConfiguration {
    let files: WorkDirectory
    var config: String { files.url.appendingPathComponent("team.yaml").path }
    var environment: [String: String] { ["OSBSCTL_CONFIG": config] }

    init() throws {
      files = try WorkDirectory()
      func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: files.url.appendingPathComponent(name))
      }
      try write(
        "team.yaml",
        """
        defaultProfile: prod
        profiles:
          prod:
            kojj: {}
          staging:
            koji:
              profile: stage
              configFile: team-koji.conf
            openshift:
              kubeconfig: team-kubeconfig
              context: beta
        """)
      try write("solo.yaml", "profiles:\n  solo: {}\n")
      try write(
        "team-koji.conf",
        "[fedora]\nserver = http://127.0.0.1:1/kojihub\n[stage]\nserver = http://127.0.0.1:1/kojihub\n")
      try write("extra-koji.conf", "[extra]\nserver = http://127.0.0.1:1/kojihub\n")
      try write(
        "team-kubeconfig", Self.kubeconfig(contexts: ["alpha", "beta"], server: "http://127.0.0.1:1"))
      try write("solo-kubeconfig", Self.kubeconfig(contexts: ["gamma"], server: "http://127.0.0.1:1"))
    }

    static func kubeconfig(contexts: [String], server: String, namespace: String = "osbs") -> String {
      """
      apiVersion: v1
      kind: Config
      clusters:
      - name: cluster
        cluster:
          server: "\(server)"
      users:
      - name: user
        user:
          token: "t0ken"
      contexts:
      \(contexts.map { "- name: \($0)\n  context:\n    cluster: cluster\n    user: user\n    namespace: \(namespace)" }.joined(separator: "\n"))
      current-context: \(contexts[0])

      """
    }
  }

  @Test(arguments: Shell.allCases)
  func profilesAndContextsComeFromTheFilesTheLineNames(_ shell: Shell) async throws {
    let team = try TeamConfiguration()
    func candidates(_ line: String, environment: [String: String]? = nil) async throws -> [String] {
      let completion = try await Self.complete(
        shell, line, in: team.files.url, environment: environment ?? team.environment)
      #expect(completion.noise.isEmpty, "\(line): \(completion.noise)")
      return completion.candidates.sorted()
    }
    #expect(try await candidates("osbsctl node list --profile ") == ["prod", "staging"])
    #expect(try await candidates("osbsctl node list -p s") == ["staging"])
    // --config on the line beats $OSBSCTL_CONFIG, before or after the option being completed.
    #expect(try await candidates("osbsctl node list --config solo.yaml --profile ") == ["solo"])
    // The selected profile's Koji config and kubeconfig; -c and --kubeconfig beat them.
    #expect(try await candidates("osbsctl task info -p staging --koji-profile ") == ["fedora", "stage"])
    #expect(
      try await candidates("osbsctl task info -p staging -c extra-koji.conf --koji-profile ") == ["extra"])
    #expect(try await candidates("osbsctl node list -p staging --context ") == ["alpha", "beta"])
    #expect(
      try await candidates("osbsctl node list -p staging --kubeconfig solo-kubeconfig --context ") == [
        "gamma"
      ])
    // The shells hand the words over as typed: `--option=value` and quotes are read as osbsctl reads them.
    #expect(try await candidates("osbsctl node list --kubeconfig=solo-kubeconfig --context ") == ["gamma"])
    #expect(try await candidates("osbsctl node list --kubeconfig 'solo-kubeconfig' --context ") == ["gamma"])
    // No such file, or no such profile: nothing, and nothing said.
    #expect(
      try await candidates(
        "osbsctl node list --profile ", environment: ["OSBSCTL_CONFIG": "/nonexistent.yaml"])
        == [])
    #expect(try await candidates("osbsctl node list -p nope --context ") == [])

    // Before the subcommand, and between its words: values there choose the files as well.
    #expect(try await candidates("osbsctl --profile ") == ["prod", "staging"])
    #expect(try await candidates("osbsctl -p staging --context ") == ["alpha", "beta"])
    #expect(try await candidates("osbsctl -p staging task --koji-profile ") == ["fedora", "stage"])
    #expect(try await candidates("osbsctl --config solo.yaml node list --profile ") == ["solo"])
    #expect(try await candidates("osbsctl -p staging node list --context ") == ["alpha", "beta"])
    #expect(
      try await candidates("osbsctl -p staging node --kubeconfig solo-kubeconfig list --context ") == [
        "gamma"
      ])
    #expect(try await candidates("osbsctl --kubeconfig so") == ["solo-kubeconfig", "solo.yaml"])
    // `--option=value` as well (bash hands it over as three words).
    #expect(try await candidates("osbsctl --profile=") == ["prod", "staging"])
    #expect(try await candidates("osbsctl -p staging --context=a") == ["alpha"])
    #expect(
      try await candidates("osbsctl --kubeconfig=solo-kubeconfig -p staging node list --context ") == [
        "gamma"
      ])
    #expect(
      try await candidates("osbsctl --kubeconfig=solo-kubeconfig -p staging node list --context=") == [
        "gamma"
      ])
  }

  // MARK: - Names from the servers

  /// The names `osbsctl <kind> list -o name` prints (`node/x` → `x`).
  static func listedNames(_ kind: String, _ sandbox: SandboxProcess) async throws -> [String] {
    let listed = try await CLI().osbsctl([kind, "list", "-o", "name"], environment: sandbox.environment)
    try #require(listed.exitCode == 0, "\(listed.stderr)")
    // `build list -o name` says `build/NAME` or `pipelinerun/NAME`.
    return lines(listed.stdout).map { String($0.drop { $0 != "/" }.dropFirst()) }.sorted()
  }

  @Test(arguments: Shell.allCases)
  func nodeAndBuildNamesComeFromTheCluster(_ shell: Shell) async throws {
    let sandbox = try await SandboxProcess.start()
    defer { sandbox.stop() }
    let directory = try WorkDirectory()
    func candidates(_ line: String) async throws -> [String] {
      let completion = try await Self.complete(
        shell, line, in: directory.url, environment: sandbox.environment)
      #expect(completion.noise.isEmpty, "\(line): \(completion.noise)")
      return completion.candidates.sorted()
    }
    // An OSBS 2 run is a build to these commands as much as an OpenShift Build is.
    _ = try await sandbox.request(
      "POST", "/_sandbox/openshift/pipelineruns",
      json: #"{"name": "hello-world-f45-8832c97860-20261204161658"}"#)
    let nodes = try await Self.listedNames("node", sandbox)
    let builds = try await Self.listedNames("build", sandbox)
    try #require(nodes.count >= 2 && builds.count >= 2, "the sandbox seeds nodes and builds")
    #expect(builds.contains("hello-world-f45-8832c97860-20261204161658"))

    for command in ["node cordon ", "node uncordon ", "node drain ", "node pods ", "ovs check --node "] {
      #expect(try await candidates("osbsctl " + command) == nodes, "\(command)")
    }
    let first = try #require(nodes.first)
    #expect(
      try await candidates("osbsctl node cordon \(first.dropLast())")
        == nodes.filter { $0.hasPrefix(first.dropLast()) })
    for command in [
      "build logs ", "build get ", "build watch ", "build cancel ", "build node ", "doctor --build ",
    ] {
      #expect(try await candidates("osbsctl " + command) == builds, "\(command)")
    }
    let prefix = String(try #require(builds.last).prefix(3))
    #expect(try await candidates("osbsctl build logs \(prefix)") == builds.filter { $0.hasPrefix(prefix) })
    // -n on the line chooses the namespace listed, wherever it stands.
    #expect(try await candidates("osbsctl build logs -n nowhere ") == [])
    #expect(try await candidates("osbsctl -n nowhere build logs ") == [])
    #expect(try await candidates("osbsctl build -n nowhere logs ") == [])
    #expect(try await candidates("osbsctl --namespace=nowhere build logs ") == [])
    // Options before the subcommand, with values or without, are stepped over.
    #expect(try await candidates("osbsctl --debug -o json build logs ") == builds)
    #expect(try await candidates("osbsctl --debug node cordon ") == nodes)
  }

  /// The profile on the line chooses the cluster, before the subcommand too: one whose server refuses
  /// connections (the default here) gives nothing. `--kubeconfig` before the subcommand names the
  /// cluster as well.
  @Test(arguments: Shell.allCases)
  func theProfileOnTheLineChoosesTheCluster(_ shell: Shell) async throws {
    let sandbox = try await SandboxProcess.start()
    defer { sandbox.stop() }
    let directory = try WorkDirectory()
    let refusing = directory.url.appendingPathComponent("refusing-kubeconfig")
    try Data(TeamConfiguration.kubeconfig(contexts: ["down"], server: "http://127.0.0.1:1").utf8).write(
      to: refusing)
    let configPath = directory.url.appendingPathComponent("osbsctl.yaml")
    try Data(
      """
      defaultProfile: down
      profiles:
        sandbox:
          openshift:
            kubeconfig: "\(sandbox.ready.kubeconfig)"
        down:
          openshift:
            kubeconfig: "\(refusing.path)"

      """.utf8
    ).write(to: configPath)
    let environment = ["OSBSCTL_CONFIG": configPath.path]
    let nodes = try await Self.listedNames("node", sandbox)

    let fromSandbox = try await Self.complete(
      shell, "osbsctl node cordon -p sandbox ", in: directory.url, environment: environment)
    #expect(fromSandbox.candidates.sorted() == nodes)
    let fromDown = try await Self.complete(
      shell, "osbsctl node cordon -p down ", in: directory.url, environment: environment)
    #expect(fromDown.candidates == [])
    #expect(fromDown.noise.isEmpty, "\(fromDown.noise)")

    let builds = try await Self.listedNames("build", sandbox)
    func candidates(_ line: String) async throws -> [String] {
      let completion = try await Self.complete(shell, line, in: directory.url, environment: environment)
      #expect(completion.noise.isEmpty, "\(line): \(completion.noise)")
      return completion.candidates.sorted()
    }
    #expect(try await candidates("osbsctl -p sandbox node cordon ") == nodes)
    #expect(try await candidates("osbsctl node -p sandbox cordon ") == nodes)
    #expect(try await candidates("osbsctl -p down node cordon ") == [])
    #expect(try await candidates("osbsctl build logs ") == [])
    #expect(try await candidates("osbsctl --kubeconfig \(sandbox.ready.kubeconfig) build logs ") == builds)
    #expect(try await candidates("osbsctl build --kubeconfig \(sandbox.ready.kubeconfig) logs ") == builds)
    #expect(try await candidates("osbsctl --kubeconfig=\(sandbox.ready.kubeconfig) build logs ") == builds)
  }

  /// With the sandbox stopped, or a server that accepts and never answers, TAB gives nothing, says
  /// nothing and comes back (the lookup has a deadline).
  @Test(arguments: Shell.allCases)
  func aServerThatIsDownOrSilentGivesNothingAndSaysNothing(_ shell: Shell) async throws {
    let sandbox = try await SandboxProcess.start()
    let directory = try WorkDirectory()
    // Copies: stopping the sandbox removes its state directory.
    let kubeconfig = try String(contentsOfFile: sandbox.ready.kubeconfig, encoding: .utf8)
    try Data(kubeconfig.utf8).write(to: directory.url.appendingPathComponent("kubeconfig"))
    let config = directory.url.appendingPathComponent("osbsctl.yaml")
    try Data(
      "defaultProfile: sandbox\nprofiles:\n  sandbox:\n    openshift:\n      kubeconfig: kubeconfig\n".utf8
    ).write(to: config)
    let environment = ["OSBSCTL_CONFIG": config.path]
    #expect(
      try await Self.complete(shell, "osbsctl node cordon ", in: directory.url, environment: environment)
        .candidates.count > 0)
    sandbox.stop()
    for line in ["osbsctl node cordon ", "osbsctl build logs ", "osbsctl node list --context "] {
      let completion = try await Self.complete(shell, line, in: directory.url, environment: environment)
      if line.hasSuffix("--context ") {
        // Contexts come from the kubeconfig, which is still there.
        #expect(completion.candidates == ["sandbox"])
      } else {
        #expect(completion.candidates == [], "\(line)")
      }
      #expect(completion.noise.isEmpty, "\(line): \(completion.noise)")
    }

    let silent = try DeadServerWaitTests.hungServer()
    defer { silent.stop() }
    let silentKubeconfig = directory.url.appendingPathComponent("silent-kubeconfig")
    try Data(
      kubeconfig.replacingOccurrences(of: "http://127.0.0.1:\(sandbox.ready.port)", with: silent.baseURL).utf8
    ).write(to: silentKubeconfig)
    let completion = try await Self.complete(
      shell, "osbsctl node cordon --kubeconfig \(silentKubeconfig.path) ", in: directory.url,
      environment: environment)
    #expect(completion.candidates == [])
    #expect(completion.noise.isEmpty, "\(completion.noise)")
    #expect(!silent.requests.isEmpty, "the silent server was asked")
  }

  /// Task ids offered are the hub's newest container builds.
  @Test(arguments: Shell.allCases)
  func taskIDsAreTheHubsRecentContainerBuilds(_ shell: Shell) async throws {
    let sandbox = try await SandboxProcess.start(kojiSpeed: 0)
    defer { sandbox.stop() }
    let cli = try CLI()
    let checkout = try await sandbox.distGitCheckout()
    let first = try await KojiTaskCommandsE2ETests.submit(sandbox, cli, checkout, ["--scratch"])
    let second = try await KojiTaskCommandsE2ETests.submit(sandbox, cli, checkout, ["--scratch"])
    let directory = try WorkDirectory()
    for command in ["task info ", "task watch ", "build for-task "] {
      let completion = try await Self.complete(
        shell, "osbsctl " + command, in: directory.url, environment: sandbox.environment)
      #expect(Set(completion.candidates) == [String(first), String(second)], "\(command)")
      #expect(completion.noise.isEmpty, "\(completion.noise)")
    }
  }
}

extension SandboxProcess.Ready {
  /// The kubeconfig the sandbox wrote next to its osbsctl config.
  var kubeconfig: String { (stateDir as NSString).appendingPathComponent("kubeconfig") }
}

import ArgumentParser
import Foundation
import OSBSKit
import Synchronization

/// TAB completion of real names: profiles and contexts from the configuration files, nodes, builds and
/// Koji tasks from the servers.
///
/// The shell hands over the words typed so far; the global options among them (`--config`, `-p`,
/// `-c`, `--koji-profile`, `--kubeconfig`, `--context`, `-n`) choose the configuration as they would for
/// the command itself. The shell shows whatever the process writes, so nothing is written but the
/// candidates: a missing file, a bad profile or a server that is down gives no candidates, and a lookup
/// ends within `deadline` whatever the server does.
enum DynamicCompletion {
  /// One request's bound, retries included.
  static let serverTimeout: Duration = .seconds(2)
  /// The whole lookup's bound (discovery and a list are two requests).
  static let deadline: Duration = .milliseconds(2500)

  static var osbsctlProfiles: CompletionKind {
    .custom { words, index, _ in configured(words, index) { try $0.osbsctlProfileNames() } }
  }

  static var kojiProfiles: CompletionKind {
    .custom { words, index, _ in configured(words, index) { try $0.kojiProfileNames() } }
  }

  static var kubeconfigContexts: CompletionKind {
    .custom { words, index, _ in configured(words, index) { try $0.kubeconfigContextNames() } }
  }

  static var nodeNames: CompletionKind {
    .custom { words, index, _ in await fromServers(words, index) { try await $0.nodeNames() } }
  }

  static var buildNames: CompletionKind {
    .custom { words, index, _ in await fromServers(words, index) { try await $0.buildNames() } }
  }

  static var kojiTaskIDs: CompletionKind {
    .custom { words, index, _ in
      await fromServers(words, index) { try await $0.recentKojiTaskIDs().map(String.init) }
    }
  }

  private static func configured(
    _ words: [String], _ index: Int, _ names: (SettingsResolver) throws -> [String]
  ) -> [String] {
    (try? names(SettingsResolver(inputs: CompletionWords.configInputs(words, completing: index)))) ?? []
  }

  private static func fromServers(
    _ words: [String], _ index: Int, _ names: @escaping @Sendable (ServerNames) async throws -> [String]
  ) async -> [String] {
    let inputs = CompletionWords.configInputs(words, completing: index)
    return await FirstAnswer.within(deadline, otherwise: []) {
      guard let settings = try? SettingsResolver(inputs: inputs).resolve() else { return [] }
      return (try? await names(ServerNames(settings: settings, timeout: serverTimeout))) ?? []
    }
  }
}

/// The configuration options among the words of a command line being completed.
enum CompletionWords {
  /// The option that chooses configuration by this name, if any.
  private static func setting(named name: String) -> WritableKeyPath<ConfigInputs, String?>? {
    switch name {
    case "--config": \.configFile
    case "-p", "--profile": \.profile
    case "-c", "--koji-config": \.kojiConfigFile
    case "--koji-profile": \.kojiProfile
    case "--kubeconfig": \.kubeconfig
    case "--context": \.context
    case "-n", "--namespace": \.namespace
    default: nil
    }
  }

  /// `words` as the shell passed them (quotes and escapes included); the word at `index` is being typed,
  /// so it is no value yet.
  static func configInputs(_ words: [String], completing index: Int) -> ConfigInputs {
    var inputs = ConfigInputs()
    var position = 0
    while position < words.count {
      let word = words[position]
      if word == "--" { break }
      let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
      guard position != index, let keyPath = setting(named: parts.first ?? word) else {
        position += 1
        continue
      }
      if parts.count == 2 {
        inputs[keyPath: keyPath] = ShellWord.unquoted(parts[1])
        position += 1
        continue
      }
      var valuePosition = position + 1
      // bash splits `--kubeconfig=FILE` into three words at its word breaks.
      if valuePosition < words.count, words[valuePosition] == "=" { valuePosition += 1 }
      if valuePosition < words.count, valuePosition != index {
        inputs[keyPath: keyPath] = ShellWord.unquoted(words[valuePosition])
      }
      position = valuePosition + 1
    }
    return inputs
  }
}

/// The text a shell word stands for: quotes removed, backslash escapes resolved.
enum ShellWord {
  static func unquoted(_ word: String) -> String {
    var text = ""
    var quote: Character?
    var escaped = false
    for character in word {
      if escaped {
        text.append(character)
        escaped = false
      } else if character == "\\" && quote != "'" {
        escaped = true
      } else if let open = quote, character == open {
        quote = nil
      } else if quote == nil && (character == "'" || character == "\"") {
        quote = character
      } else {
        text.append(character)
      }
    }
    return text
  }
}

/// The answer of a lookup, or `otherwise` once a deadline has passed. A late lookup is left running:
/// completion prints and the process exits without waiting for it.
final class FirstAnswer<Value: Sendable>: Sendable {
  private let continuation: Mutex<CheckedContinuation<Value, Never>?>

  private init(_ continuation: CheckedContinuation<Value, Never>) {
    self.continuation = Mutex(continuation)
  }

  private func finish(_ value: Value) {
    continuation.withLock { pending in
      pending?.resume(returning: value)
      pending = nil
    }
  }

  static func within(
    _ deadline: Duration, otherwise fallback: Value, _ lookup: @escaping @Sendable () async -> Value
  ) async -> Value {
    await withCheckedContinuation { continuation in
      let answer = FirstAnswer(continuation)
      Task { answer.finish(await lookup()) }
      Task {
        try? await Task.sleep(for: deadline)
        answer.finish(fallback)
      }
    }
  }
}

import ArgumentParser
import OSBSKit

/// A duration flag's value, read by the one grammar every duration flag and setting uses
/// (`GoDuration`): `2s`, `500ms`, `1m30s`, or a bare number of seconds as these flags always took.
struct DurationArgument: ExpressibleByArgument, Sendable {
  var duration: Duration

  init(_ duration: Duration) { self.duration = duration }

  init?(argument: String) {
    guard let duration = GoDuration.duration(argument) else { return nil }
    self.duration = duration
  }

  var defaultValueDescription: String { GoDuration.text(duration) }
}

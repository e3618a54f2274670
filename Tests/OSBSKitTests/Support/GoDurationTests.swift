import OSBSKit
import Testing

/// The one duration grammar every flag and setting reads, and the one short form messages write.
@Suite("Go durations")
struct GoDurationTests {
  @Test(arguments: [
    ("1h30m", Duration.seconds(5400)), ("90s", .seconds(90)), ("500ms", .milliseconds(500)),
    ("1.5h", .seconds(5400)), ("2h45m10.5s", .milliseconds(9_910_500)), ("250us", .microseconds(250)),
    ("250µs", .microseconds(250)), ("10ns", .nanoseconds(10)), ("0", .zero),
    ("720h0m0s", .seconds(2_592_000)),
    // Bare seconds, as --request-timeout and the older numeric --interval flags take them.
    ("90", .seconds(90)), ("2.5", .milliseconds(2500)), (" 30s ", .seconds(30)),
  ])
  func readsGoDurations(text: String, expected: Duration) {
    #expect(GoDuration.duration(text) == expected)
  }

  @Test(arguments: ["", "h", "5x", "1d", "1h 30m", ".h", "m5", "-5m", "-1", "1e400s", "9999999999s", "nan"])
  func refusesWhatIsNotADuration(text: String) {
    #expect(GoDuration.duration(text) == nil)
  }

  @Test(arguments: [
    (Duration.milliseconds(250), "250ms"), (.zero, "0ms"), (.seconds(7), "7s"),
    (.milliseconds(7_800), "7.8s"),
    (.milliseconds(1_950), "2.0s"), (.seconds(119), "119s"), (.seconds(120), "2m"), (.seconds(580), "9m40s"),
    (.seconds(3600), "1h"), (.seconds(7_500), "2h5m"), (.seconds(3_601), "1h1s"),
  ])
  func writesShortDurations(duration: Duration, text: String) {
    #expect(GoDuration.text(duration) == text)
    if text.hasSuffix("ms") == false, !text.contains(".") {
      #expect(GoDuration.duration(text) == duration, "what it writes reads back")
    }
  }
}

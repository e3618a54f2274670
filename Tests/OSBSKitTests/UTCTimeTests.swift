import Foundation
import OSBSKit
import Testing

/// The one civil-time module the library, the command line and the sandbox share.
@Suite("UTC time: RFC 3339, civil dates and kubectl's ages")
struct UTCTimeTests {
  @Test(arguments: [
    ("1970-01-01T00:00:00Z", Int64(0), Int32(0)),
    ("2026-12-04T16:16:54.943207Z", Int64(1_796_401_014), Int32(943_207_000)),
    // 3.x kubelets trim trailing zeros.
    ("2023-11-14T22:13:20.25Z", Int64(1_700_000_000), Int32(250_000_000)),
    ("2000-02-29T23:59:59.000000001Z", Int64(951_868_799), Int32(1)),
    ("1969-12-31T23:59:59Z", Int64(-1), Int32(0)),
  ])
  func parsesWhatServersWrite(text: String, seconds: Int64, nanoseconds: Int32) throws {
    let parsed = try #require(UTCTime.parseRFC3339(Substring(text)))
    #expect(parsed.seconds == seconds)
    #expect(parsed.nanoseconds == nanoseconds)
  }

  @Test(arguments: [
    "2026-12-04 16:16:54", "2026-12-04T16:16:54+00:00", "2026-12-04T16:16:54.Z",
    "2026-12-04T16:16:54.1234567890Z",
    "2026-1x-04T16:16:54Z", "",
  ])
  func refusesAnythingElse(text: String) {
    #expect(UTCTime.parseRFC3339(Substring(text)) == nil)
  }

  @Test func formatsAndParsesBackEveryDayOfFourHundredYears() {
    // Day by day across a whole Gregorian cycle, leap centuries included.
    var seconds: Int64 = UTCTime.daysFromCivil(year: 1900, month: 1, day: 1) * 86_400 + 45_296
    let end = UTCTime.daysFromCivil(year: 2300, month: 1, day: 1) * 86_400
    while seconds < end {
      let text = UTCTime.rfc3339(seconds: seconds)
      #expect(UTCTime.parseRFC3339(Substring(text))?.seconds == seconds, "\(text)")
      seconds += 86_400
    }
    #expect(UTCTime.rfc3339Nano(nanoseconds: 1_700_000_000_250_000_000) == "2023-11-14T22:13:20.250000000Z")
    #expect(UTCTime.civilText(seconds: 1_796_401_014) == "2026-12-04 16:16:54")
  }

  /// apimachinery's `duration.HumanDuration`, band by band, at both edges of each band: seconds below two
  /// minutes; minutes and seconds below ten minutes; minutes below three hours; hours and minutes below
  /// eight hours; hours below two days; days and hours below eight days; days below two (365-day) years;
  /// years and days below eight years; years after that. A zero remainder is left out.
  static let ages: [(Int64, String)] = [
    (-5, "<invalid>"), (-2, "<invalid>"), (-1, "0s"), (0, "0s"), (45, "45s"), (119, "119s"),
    (120, "2m"), (121, "2m1s"), (200, "3m20s"), (599, "9m59s"),
    (600, "10m"), (659, "10m"), (1020, "17m"), (10_799, "179m"),
    (10_800, "3h"), (10_860, "3h1m"), (18_720, "5h12m"), (28_799, "7h59m"),
    (28_800, "8h"), (108_000, "30h"), (172_799, "47h"),
    (172_800, "2d"), (176_400, "2d1h"), (273_600, "3d4h"), (691_199, "7d23h"),
    (691_200, "8d"), (2_592_000, "30d"), (63_071_999, "729d"),
    (63_072_000, "2y"), (63_158_400, "2y1d"), (95_472_000, "3y10d"), (252_287_999, "7y364d"),
    (252_288_000, "8y"), (31_536_000 * 9, "9y"),
  ]

  @Test(arguments: ages)
  func agesReadAsKubectlWritesThem(seconds: Int64, text: String) {
    #expect(UTCTime.humanDuration(seconds: seconds) == text)
  }

  /// What Docker's `until` and Koji's time filters take: a date, a time without a zone (UTC), a fraction,
  /// and a zone given as `Z` or an offset.
  @Test(arguments: [
    ("2026-11-01", 1_793_491_200.0),
    ("2026-11-01T00:00:00", 1_793_491_200.0),
    ("2026-11-01T00:00:00Z", 1_793_491_200.0),
    ("2026-11-01T00:00:00.5Z", 1_793_491_200.5),
    ("2026-11-01T02:30:00+02:30", 1_793_491_200.0),
    ("2026-10-31T22:00:00-02:00", 1_793_491_200.0),
  ])
  func readsISO8601AsPeopleTypeIt(text: String, seconds: Double) {
    #expect(UTCTime.parseISO8601(text) == seconds)
  }

  @Test(arguments: [
    "2026-13-01", "2026-11-32", "2026-11-01T24:00:00Z", "2026-11-01T00:60:00Z", "2026-11-01 00:00:00",
    "2026-11-01T00:00:00+0200", "2026-11-01T00:00:00+02:00Z", "2026-11-01T00:00", "26-11-01", "yesterday",
  ])
  func refusesWhatIsNotADate(text: String) {
    #expect(UTCTime.parseISO8601(text) == nil)
  }

  /// The `Date` header Apache sends with every Koji reply (capture 71's form).
  @Test func writesAndReadsHTTPDates() {
    #expect(UTCTime.httpDate(seconds: 1_796_401_014) == "Fri, 04 Dec 2026 16:16:54 GMT")
    #expect(UTCTime.httpDate(seconds: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
    #expect(UTCTime.parseHTTPDate("Fri, 04 Dec 2026 16:16:54 GMT") == 1_796_401_014)
    var seconds: Int64 = 951_782_400  // 2000-02-29, then a day and an hour at a time for four years
    while seconds < 951_782_400 + 4 * 366 * 86_400 {
      #expect(UTCTime.parseHTTPDate(UTCTime.httpDate(seconds: seconds)) == seconds)
      seconds += 90_000
    }
    for bad in [
      "Fri, 04 Dec 2026 16:16:54 UTC", "Fri, 4 Dec 2026 16:16:54 GMT", "04 Dec 2026 16:16:54 GMT", "",
    ] {
      #expect(UTCTime.parseHTTPDate(bad) == nil, "\(bad)")
    }
  }
}

/// One ByteCount for reading sizes from configuration and writing them for people.
@Suite("byte counts")
struct ByteCountTests {
  @Test func readsWhatConfigurationSays() {
    #expect(ByteCount.parse("64MiB") == 64 << 20)
    #expect(ByteCount.parse("500k") == 500 << 10)
    #expect(ByteCount.parse("1 GB") == 1_000_000_000)
    #expect(ByteCount.parse("4096") == 4096)
    #expect(ByteCount.parse("0") == nil)
    #expect(ByteCount.parse("-5MiB") == nil)
    #expect(ByteCount.parse("9223372036854775807GiB") == nil)
  }

  @Test func writesWhatPeopleRead() {
    #expect(ByteCount.format(512) == "512 B")
    #expect(ByteCount.format(4_010_652) == "3.8 MiB")
    #expect(ByteCount.format(1 << 30) == "1.0 GiB")
  }
}

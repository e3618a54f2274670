import Foundation

/// Byte counts, read and written: sizes in configuration (plain bytes or a number with a binary or
/// decimal unit: `64MiB`, `500k`, `1G`) and sizes shown to people (`3.8 MiB`, as `docker system df` and
/// `du -h` print them).
public enum ByteCount {
  private static let units: [(suffix: String, factor: Int)] = [
    ("kib", 1 << 10), ("mib", 1 << 20), ("gib", 1 << 30), ("kb", 1000), ("mb", 1_000_000),
    ("gb", 1_000_000_000), ("k", 1 << 10), ("m", 1 << 20), ("g", 1 << 30), ("b", 1),
  ]

  /// The byte count `text` names; nil when it is not a positive size.
  public static func parse(_ text: String) -> Int? {
    let lowered = text.trimmingCharacters(in: .whitespaces).lowercased()
    var digits = lowered
    var factor = 1
    if let unit = units.first(where: { lowered.hasSuffix($0.suffix) }) {
      digits = String(lowered.dropLast(unit.suffix.count)).trimmingCharacters(in: .whitespaces)
      factor = unit.factor
    }
    guard let number = Int(digits), number > 0 else { return nil }
    let (product, overflow) = number.multipliedReportingOverflow(by: factor)
    return overflow ? nil : product
  }

  static func setting(
    _ value: SourcedValue<String>?, name: String, default fallback: Int
  ) throws(ConfigError) -> SourcedValue<Int> {
    guard let value else { return SourcedValue(fallback, source: SettingSource.builtInDefault) }
    guard let bytes = parse(value.value) else {
      throw .invalidSetting(
        name: name, source: value.source,
        reason: "'\(value.value)' is not a size (expected bytes or a number with KiB, MiB or GiB)")
    }
    return SourcedValue(bytes, source: value.source)
  }

  /// `512 B`, `3.8 MiB`, `1.2 GiB`: binary units, one decimal.
  public static func format(_ bytes: Int64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    return unit == 0 ? "\(bytes) B" : String(format: "%.1f", value) + " " + units[unit]
  }
}

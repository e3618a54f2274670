import Foundation

/// Sizes in configuration: plain bytes or a number with a binary or decimal unit (`64MiB`, `500k`, `1G`).
enum ByteCount {
  private static let units: [(suffix: String, factor: Int)] = [
    ("kib", 1 << 10), ("mib", 1 << 20), ("gib", 1 << 30), ("kb", 1000), ("mb", 1_000_000),
    ("gb", 1_000_000_000), ("k", 1 << 10), ("m", 1 << 20), ("g", 1 << 30), ("b", 1),
  ]

  /// The byte count `text` names; nil when it is not a positive size.
  static func parse(_ text: String) -> Int? {
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
}

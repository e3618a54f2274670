/// A count and a noun that agree, for messages: `1 live pod`, `2 live pods`, `0 flows`, `1 address`.
/// `plural` is for nouns that do not just take an s (`addresses`).
public func counted(_ count: Int, _ singular: String, plural: String? = nil) -> String {
  "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
}

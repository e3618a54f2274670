/// A count and a noun that agree: `1 live pod`, `2 live pods`, `0 flows`.
func counted(_ count: Int, _ singular: String, plural: String? = nil) -> String {
  "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
}

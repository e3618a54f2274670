/// What a report says to a person around its table. JSON, YAML and `-o name` print the report alone (a
/// script reads nothing else), except that an empty list is also said on stderr with `-o name`, as
/// before; the renderer applies it, so a command body only renders.
protocol HumanPresentation {
  /// Said on stderr instead of an empty list (`No nodes found.`); nil: the table, even an empty one.
  var emptyMessage: String? { get }
  /// Whether the table is printed when it has no rows (a clean check shows only its summary).
  var showsEmptyTable: Bool { get }
  /// Lines on stdout after the table (`node/X drained`).
  var closingLines: [String] { get }
  /// Lines on stderr after the report: its summary, notes and the command to run next.
  var humanNotes: [String] { get }
}

extension HumanPresentation {
  var emptyMessage: String? { nil }
  var showsEmptyTable: Bool { true }
  var closingLines: [String] { [] }
  var humanNotes: [String] { [] }
}

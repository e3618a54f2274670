import Foundation
import OSBSKit
import Testing

@testable import OSBSCtlCLI

/// kubectl-style tables: columns three spaces apart, each as wide as its widest cell in Characters, the last
/// column never padded.
@Suite("text tables")
struct TextTableTests {
  @Test func columnsAreAsWideAsTheirWidestCell() {
    let text = TextTable.render(
      columns: ["name", "status"], rows: [["n1", "Ready"], ["node-long", "NotReady"]])
    #expect(text == "NAME        STATUS\nn1          Ready\nnode-long   NotReady\n")
  }

  @Test func widthsCountCharactersNotBytesOrUTF16Units() {
    // "é" as one scalar and as e + combining accent, an emoji outside the BMP, a flag of two scalars,
    // CR LF (one Character), a tab: each row's second column must start at the same Character offset.
    let cells = ["café", "cafe\u{301}", "x😀", "🇫🇷", "a\r\nb", "t\tb", "plain"]
    let text = TextTable.render(columns: ["a", "b"], rows: cells.map { [$0, "|"] })
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    let widest = cells.map(\.count).max()!
    for (line, cell) in zip(lines.dropFirst(), cells) where !cell.contains("\r\n") {
      #expect(line.count == widest + 3 + 1, "\(cell.debugDescription)")
      #expect(line.hasSuffix("   |") || line.hasSuffix(" |"), "\(cell.debugDescription)")
    }
    for cell in cells { #expect(TextTable.width(cell) == cell.count, "\(cell.debugDescription)") }
  }

  @Test func shortRowsAndAnEmptyTable() {
    #expect(TextTable.render(columns: ["a", "b"], rows: []) == "A   B\n")
    #expect(TextTable.render(columns: ["a", "b"], rows: [["long-cell"]]) == "A           B\nlong-cell\n")
  }
}

/// The lines a failed build's table shows under it.
@Suite("build footnotes")
struct BuildFootnoteTests {
  @Test func aLogSnippetWrittenWithCRLFShowsOneLinePerLine() throws {
    let json = #"""
      {"kind": "Build", "name": "b-1", "phase": "Failed", "cancelled": false, "labels": {}, "annotations": {},
       "logSnippet": "error: one\r\nerror: two\r\nlast"}
      """#
    let summary = try JSONDecoder().decode(BuildSummary.self, from: Data(json.utf8))
    #expect(summary.footnotes == ["Log snippet:", "  error: one", "  error: two", "  last"])
  }
}

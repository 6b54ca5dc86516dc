// The Library: guides for now, or what a search finds; a guide reads with its numbered sources and can be
// bookmarked. Opening a guide marks it read, so suggestions move on.
import MendKit
import SwiftUI

/// One line of the list: a guide and why it is shown (a reason, or a snippet of the match).
private struct GuideLine: Identifiable {
    let id: String
    let title: String
    let detail: String
}

struct LibraryView: View {
    @Environment(AppModel.self) private var model
    @State private var query = ""
    @State private var lines: [GuideLine] = []

    var body: some View {
        NavigationStack {
            List(lines) { line in
                NavigationLink(value: line.id) { Row(title: line.title, detail: line.detail) }
            }
            .searchable(text: $query, prompt: "Search the guides")
            .navigationTitle("Library")
            .navigationDestination(for: String.self) { GuideView(id: $0) }
            .task(id: "\(query)|\(model.libraryRevision)|\(model.journalRevision)") { await load() }
        }
    }

    private func load() async {
        let text = query
        await model.act { mend in
            if text.trimmingCharacters(in: .whitespaces).isEmpty {
                lines = try await mend.suggestedGuides().map {
                    GuideLine(id: $0.guide.id, title: $0.guide.title, detail: $0.reason)
                }
            } else {
                lines = try await mend.searchGuides(text).map {
                    let snippet = $0.snippet.replacingOccurrences(of: "«", with: "")
                        .replacingOccurrences(of: "»", with: "")
                    return GuideLine(id: $0.guide.id, title: $0.guide.title, detail: snippet)
                }
            }
        }
    }
}

struct GuideView: View {
    @Environment(AppModel.self) private var model
    let id: String
    @State private var page: GuidePage?
    @State private var bookmarked = false

    var body: some View {
        ScrollView {
            if let page {
                VStack(alignment: .leading, spacing: 12) {
                    ForEach(Array(blocks(page.markdown).enumerated()), id: \.offset) { _, block in block }
                    Text("Sources").font(.headline)
                    ForEach(page.references, id: \.number) { Text("[\($0.number)] \($0.citation)").font(.footnote) }
                }
                .padding()
            }
        }
        .navigationTitle(page?.guide.title ?? "")
        .toolbar {
            Button(bookmarked ? "Remove bookmark" : "Bookmark") {
                Task {
                    await model.act { mend in
                        bookmarked = try await (bookmarked ? mend.unbookmarkGuide(id: id) : mend.bookmarkGuide(id: id))
                            .bookmarked
                    }
                }
            }
        }
        .task(id: id) {
            await model.act { mend in
                page = try await mend.guide(id: id)
                bookmarked = try await mend.markGuideRead(id: id).bookmarked
            }
        }
    }
}

/// The guide's Markdown as headings and paragraphs (guides use nothing more elaborate than lists); links to
/// other guides (`guide:ID`) read as their words.
private func blocks(_ markdown: String) -> [Text] {
    markdown.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        .filter { !$0.isEmpty }
        .map { block in
            let level = block.prefix { $0 == "#" }.count
            let body = String(block.dropFirst(level)).trimmingCharacters(in: .whitespaces)
                .replacingOccurrences(of: #"\[([^\]]+)\]\(guide:[^)]+\)"#, with: "$1", options: .regularExpression)
            if level > 0 { return Text(body).font(.headline) }
            let options = AttributedString.MarkdownParsingOptions(interpretedSyntax: .inlineOnlyPreservingWhitespace)
            return Text((try? AttributedString(markdown: body, options: options)) ?? AttributedString(body))
        }
}

// The Library: guides for now, or what a search finds; a guide reads with its numbered sources and can be
// bookmarked. Opening a guide marks it read, so suggestions move on.
import MendKit
import SwiftUI

struct LibraryView: View {
    @Environment(AppModel.self) private var model
    @State private var query = ""
    @State private var lines: [(id: String, title: String, detail: String)] = []

    var body: some View {
        NavigationStack {
            List(lines, id: \.id) { line in
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
                lines = try await mend.suggestedGuides().map { ($0.guide.id, $0.guide.title, $0.reason) }
            } else {
                lines = try await mend.searchGuides(text).map {
                    ($0.guide.id, $0.guide.title, $0.snippet.replacingOccurrences(of: "«", with: "")
                        .replacingOccurrences(of: "»", with: ""))
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
                    // Guide links (guide:ID) read as plain text here; the words around them say where to look.
                    Text(LocalizedStringKey(page.markdown.replacingOccurrences(of: "](guide:", with: "](mend-guide:")))
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

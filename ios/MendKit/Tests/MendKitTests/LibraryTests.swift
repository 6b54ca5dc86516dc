// The Library through the real library: search, reading a guide with numbered sources, bookmarks.
import Foundation
import MendKit
import XCTest

final class LibraryTests: XCTestCase {
    func testASearchFindsTheMassageGuideForBackPain() async throws {
        let mend = try openJournal()
        let hits = try await mend.searchGuides("back pain", locale: "en")
        XCTAssertEqual(hits.first?.rank, 1)
        XCTAssertTrue(hits.contains { $0.guide.id == "massage-after-miscarriage" }, "\(hits.map(\.guide.id))")
        let nothing = try await mend.searchGuides("\"*(", locale: "en")
        XCTAssertEqual(nothing, [])
    }

    func testAGuideReadsWithNumberedSourcesAndCanBeBookmarked() async throws {
        let mend = try await journalWithLoss()
        let guides = try await mend.guides(locale: "en")
        XCTAssertEqual(guides.count, 22)
        let page = try await mend.guide(id: "bleeding-after-miscarriage", locale: "en")
        XCTAssertFalse(page.markdown.contains("[src:"))
        XCTAssertEqual(page.references.first?.number, 1)
        var changes = try mend.changes().makeAsyncIterator()
        let state = try await mend.bookmarkGuide(id: page.guide.id)
        XCTAssertTrue(state.bookmarked)
        let change = await changes.next()
        XCTAssertEqual(change, .libraryChanged)
        let bookmarks = try await mend.bookmarks(locale: "en")
        XCTAssertEqual(bookmarks.map(\.guide.id), [page.guide.id])
    }
}

// The Library through MendClient: guides in the phone's language (English where a guide has no translation),
// search, suggestions for now, bookmarks and read marks.
import Foundation

extension MendClient {
    /// The phone's language as the Library's locale.
    public static var defaultLocale: String { Locale.current.language.languageCode?.identifier ?? "en" }

    /// Every guide, as a list shows it.
    public func guides(locale: String = MendClient.defaultLocale) async throws -> [GuideSummary] {
        try await run { try $0.guides(locale: locale) }
    }

    /// One guide to read, with numbered sources.
    public func guide(id: String, locale: String = MendClient.defaultLocale) async throws -> GuidePage {
        try await run { try $0.guide(id: id, locale: locale) }
    }

    /// Guides matching what the person typed, best first.
    public func searchGuides(_ text: String, locale: String = MendClient.defaultLocale) async throws -> [SearchHit] {
        try await run { try $0.searchGuides(text: text, locale: locale) }
    }

    /// A few guides for now, each with its reason.
    public func suggestedGuides(locale: String = MendClient.defaultLocale) async throws -> [Suggestion] {
        try await run { try $0.suggestedGuides(locale: locale) }
    }

    /// Bookmarked guides, most recent first.
    public func bookmarks(locale: String = MendClient.defaultLocale) async throws -> [Bookmark] {
        try await run { try $0.bookmarks(locale: locale) }
    }

    /// Bookmarks a guide.
    public func bookmarkGuide(id: String) async throws -> GuideState {
        try await run { try $0.bookmarkGuide(id: id) }
    }

    /// Removes a bookmark.
    public func unbookmarkGuide(id: String) async throws -> GuideState {
        try await run { try $0.unbookmarkGuide(id: id) }
    }

    /// Records that the person read a guide now.
    public func markGuideRead(id: String) async throws -> GuideState {
        try await run { try $0.markGuideRead(id: id) }
    }

    /// The person's bookmark and read state for one guide.
    public func guideState(id: String) async throws -> GuideState? {
        try await run { try $0.guideState(id: id) }
    }
}

// Co-moderators through the real library and a real mend-server (started by scripts/test.d/30-swift), over
// URLSession: an owner adds a midwife as a publisher of services and meetings, her phone accepts the link and
// publishes within her scopes (an article is refused on her phone, naming the item); the owner's `show` lists
// her; a handover travels as a draft the new owner reads and countersigns; the new owner accepts the link and
// removes the midwife: the pack leaves her section out at once (and says so), and her next pack is refused.
import Foundation
import MendKit
import XCTest

final class GroupModeratorsTests: XCTestCase {
    private func device() throws -> MendClient {
        let mend = try MendClient(dataDir: tempDir())
        mend.setGroupsPlatform(transport: URLSessionTransport(), store: MemorySecretStore())
        return mend
    }

    private func item(_ id: String, _ title: String, _ body: NewGroupItemBody) -> NewGroupItem {
        NewGroupItem(
            id: id, version: 1, language: "en", region: "GB", contentNotes: [], lastVerified: "2026-11-20",
            withdrawn: false, title: title, body: body)
    }

    private func change(addOwners: [GroupNewModerator] = [], removeOwners: [String] = []) -> GroupCharterChange {
        GroupCharterChange(
            name: nil, description: nil, addOwners: addOwners, removeOwners: removeOwners, threshold: nil,
            addPublishers: [], removePublishers: [])
    }

    func testAPublisherPublishesInHerScopesAndAHandoverMovesTheGroup() async throws {
        let server = try syncServer()
        let (owner, midwife, newOwner) = (try device(), try device(), try device())
        _ = try await owner.groupsCreate(server: server, name: "Swift moderators")

        let key = try await midwife.groupsModeratorKey()
        XCTAssertTrue(key.hasPrefix("mend-key:"), key)
        let added = try await owner.groupsAddPublisher(key: key, name: "Sam, midwife", scopes: [.service, .meeting])
        XCTAssertEqual(added.charterVersion, 2)
        let accepted = try await midwife.groupsAccept(link: try XCTUnwrap(added.links.first).link)
        XCTAssertFalse(accepted.owner)
        XCTAssertEqual(Set(accepted.scopes), [.service, .meeting])

        let article = item("welcome", "Welcome", .article(markdown: "Come as you are."))
        do {
            _ = try await midwife.groupsPublish([article])
            XCTFail("an article outside her scopes was published")
        } catch let error as MendError {
            guard case .InvalidInput(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.hasPrefix("items[0]"), message)
        }
        let service = item(
            "sam", "Sam, bereavement midwife",
            .service(
                kind: .bereavementMidwife, contact: ["tel:+442079460000"], areaServed: "North London",
                languages: ["en"], hours: nil, details: nil))
        let published = try await midwife.groupsPublish([service])
        XCTAssertEqual(published.items, 1)

        let shown = try await owner.groupsShow()
        XCTAssertEqual(shown.part, "owner")
        XCTAssertEqual(shown.charterVersion, 2)
        XCTAssertTrue(
            shown.publishers.contains { $0.name == "Sam, midwife" && Set($0.scopes) == [.service, .meeting] && !$0.you },
            "\(shown.publishers)")
        let me = try XCTUnwrap(shown.owners.first { $0.you })

        // The handover: the new owner in, the first one out, countersigned by the new owner.
        let newKey = try await newOwner.groupsModeratorKey()
        let draft = try await owner.groupsProposeCharter(
            change(addOwners: [GroupNewModerator(name: "Alex", key: newKey, scopes: [])], removeOwners: [me.key]))
        XCTAssertFalse(draft.status.ready)
        let read = try await newOwner.groupsReadDraft(draft.text)
        XCTAssertEqual(read.version, 3)
        XCTAssertTrue(read.changes.contains { $0.contains("Alex") }, "\(read.changes)")
        let signed = try await newOwner.groupsSignDraft(draft.text)
        XCTAssertTrue(signed.status.ready)
        let inForce = try await owner.groupsPublishDraft(signed.text)
        XCTAssertTrue(inForce.handedOver)
        let link = try XCTUnwrap(inForce.ownerLinks.first { $0.name == "Alex" })
        let taken = try await newOwner.groupsAccept(link: link.link)
        XCTAssertTrue(taken.owner)

        let removed = try await newOwner.groupsRemovePublisher(who: "Sam, midwife")
        XCTAssertEqual(removed.charterVersion, 4)
        XCTAssertTrue(removed.links.isEmpty)
        // The pack was posted again under the new charter without her section, and the owner is told.
        XCTAssertEqual(removed.dropped.map(\.publisher), ["Sam, midwife"])
        do {
            _ = try await midwife.groupsPublish([service])
            XCTFail("a removed publisher published")
        } catch let error as MendError {
            guard case .Group = error else { return XCTFail("\(error)") }
        }
    }
}

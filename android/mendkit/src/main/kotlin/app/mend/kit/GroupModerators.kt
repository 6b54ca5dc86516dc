// Co-moderating a support group through MendKit. A co-moderator's phone gives its key code to an owner
// (groupsModeratorKey) and accepts the link the owner sends back (groupsAccept). The owner of a one-owner group adds a
// publisher with her scopes (groupsAddPublisher: send her the link) and removes one (groupsRemovePublisher: the write
// key changes, so the others get new links). With several owners, a change travels as a draft's text, shared as a file
// or a message (or, for a private group, on the moderators' desk: GroupDesk.kt): one owner proposes it
// (groupsProposeCharter), each other owner reads what it changes (groupsReadDraft) and signs it (groupsSignDraft), and
// an owner puts it in force once it is ready (groupsPublishDraft: send the links it gives). A handover is one such
// change: the new owner in, the old one out. groupsShow lists a group's owners and publishers. Names and descriptions
// are the moderators' own words.
package app.mend.kit

import app.mend.core.ItemKind
import app.mend.ffi.GroupAccepted
import app.mend.ffi.GroupCharterChange
import app.mend.ffi.GroupCharterPublished
import app.mend.ffi.GroupDetails
import app.mend.ffi.GroupDraft
import app.mend.ffi.GroupDraftStatus
import app.mend.ffi.GroupPublishersChanged

/** This device's moderator key code (`mend-key:…`), to send to an owner who will add it. */
suspend fun MendKit.groupsModeratorKey(): String = call { it.groupsModeratorKey() }

/** Accepts a publisher's or owner's link sealed for this device; nothing is kept unless the group verifies. */
suspend fun MendKit.groupsAccept(link: String): GroupAccepted = callAsync { it.groupsAccept(link) }

/** Adds the moderator whose key code is [key] as a publisher of [scopes]; send her the link in `links`. */
suspend fun MendKit.groupsAddPublisher(
    key: String,
    name: String,
    scopes: List<ItemKind>,
    group: String? = null,
): GroupPublishersChanged = callAsync { it.groupsAddPublisher(group, key, name, scopes) }

/** Removes a publisher ([who]: her key code or name); send each remaining publisher the new link in `links`. */
suspend fun MendKit.groupsRemovePublisher(who: String, group: String? = null): GroupPublishersChanged =
    callAsync { it.groupsRemovePublisher(group, who) }

/** Proposes a charter change; the draft's `text` (signed by this device) goes to the other owners. */
suspend fun MendKit.groupsProposeCharter(change: GroupCharterChange, group: String? = null): GroupDraft =
    callAsync { it.groupsProposeCharter(group, change) }

/** What a draft changes and who has signed it: show this before asking an owner to sign. */
suspend fun MendKit.groupsReadDraft(text: String): GroupDraftStatus = call { it.groupsReadDraft(text) }

/** Adds this device's signature to a draft; gives the new text to pass on, and where it stands. */
suspend fun MendKit.groupsSignDraft(text: String): GroupDraft = call { it.groupsSignDraft(text) }

/** Puts a ready draft in force; send the links it gives to the moderators they name. */
suspend fun MendKit.groupsPublishDraft(text: String): GroupCharterPublished = callAsync { it.groupsPublishDraft(text) }

/** One group as its verified charter describes it: owners, publishers with their scopes, expiry. */
suspend fun MendKit.groupsShow(group: String? = null): GroupDetails = call { it.groupsShow(group) }

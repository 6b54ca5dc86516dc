//! Reading and writing a private group's moderators' desk on its server: the desk is the Pack channel of the
//! moderators' mailbox (its id from the hash of charter version 1), opened with this device's X25519 secret and
//! trusted only when the current charter lists its writer as an owner or a publisher. A write the server refuses
//! as too low (another moderator wrote first) reads the newer desk, merges this one into it, and tries once more.
//! A charter change seals the desk again to the new charter's moderators first ([`reseal`]).

use mend_protocol::groups::Channel;

use super::charter::{Charter, SignedCharter};
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::network::{self, MailboxId};
use super::private::desk::{self, Desk};
use super::private_net;
use crate::crypto::{Bytes32, SigningKey};
use crate::sync::client::Client;

/// Who is reading or writing a desk, and with which keys.
pub(crate) struct DeskHand<'k> {
    /// The moderators' mailbox.
    pub mailbox: MailboxId,
    /// This device's X25519 secret the desk is sealed to (an owner's or a publisher's).
    pub exchange_secret: &'k Bytes32,
    /// This moderator's signing key (listed in the charter).
    pub writer: &'k SigningKey,
    /// The group's current mailbox write key.
    pub write_key: &'k SigningKey,
    /// The charter in force: the writer must be on it, and the desk is sealed to its moderators.
    pub charter: &'k Charter,
    /// Owners who signed the charter in force as they left it: a desk they wrote is trusted too
    /// ([`desk::departing_signers`]).
    pub departing: &'k [Bytes32],
    /// Moderators the desk is sealed to besides the charter's: the next charter's, just before it goes in force.
    pub also_sealed_to: &'k [Bytes32],
    /// When the write expires on the server (Unix seconds).
    pub expires_at: i64,
}

/// The desk the server holds, opened and verified.
pub(crate) async fn read(client: &mut Client<'_>, hand: &DeskHand<'_>) -> Outcome<Desk> {
    open_from(client, &hand.mailbox, hand.exchange_secret, hand.charter, hand.departing).await
}

/// The owners who signed the last charter of `chain` (verified, oldest first) as they left the group: a desk they
/// wrote is trusted under it ([`desk::departing_signers`]).
pub(crate) fn departing(chain: &[SignedCharter]) -> Outcome<Vec<Bytes32>> {
    match chain {
        [.., previous, in_force] => Ok(desk::departing_signers(&previous.charter()?, in_force)?),
        _ => Ok(Vec::new()),
    }
}

/// The desk in the moderators' mailbox `mailbox`, opened with `exchange_secret` and verified under `charter`
/// (its writer listed there, or among `departing`).
pub(crate) async fn open_from(
    client: &mut Client<'_>,
    mailbox: &MailboxId,
    exchange_secret: &Bytes32,
    charter: &Charter,
    departing: &[Bytes32],
) -> Outcome<Desk> {
    let state = private_net::read_one(client, mailbox, 0, 0).await?;
    let write = state
        .pack
        .filter(|w| w.channel == Channel::Pack)
        .ok_or(GroupError::refused("desk", "the group's server holds no moderators' desk"))?;
    let opened = desk::open(&write.body, exchange_secret, mailbox)?;
    let desk = opened.verify(charter, departing)?.clone();
    if desk.sequence != write.sequence {
        return Err(GroupError::refused("desk", "its number is not the one the server holds it under").into());
    }
    Ok(desk)
}

/// For a publisher: the desk in the moderators' mailbox `mailbox` (which holds the current epoch and its read
/// key), opened with her X25519 secret and trusted under `charter`; `None` when the group has no desk (an open
/// group) or none she can open yet (no desk was written since she was added: no member was removed since either,
/// so the key her link gave her is current). The caller refuses a desk below the newest she verified.
pub(crate) async fn epoch_desk(
    client: &mut Client<'_>,
    mailbox: &MailboxId,
    exchange_secret: &Bytes32,
    charter: &Charter,
    departing: &[Bytes32],
) -> Outcome<Option<Desk>> {
    match open_from(client, mailbox, exchange_secret, charter, departing).await {
        Ok(desk) => Ok(Some(desk)),
        Err(GroupsFailure::GroupGone | GroupsFailure::Group(_)) => Ok(None),
        Err(other) => Err(other),
    }
}

async fn post(client: &mut Client<'_>, hand: &DeskHand<'_>, desk: &Desk) -> Outcome<()> {
    let mut recipients = desk::recipients(hand.charter);
    for also in hand.also_sealed_to {
        if !recipients.contains(also) {
            recipients.push(*also);
        }
    }
    let sealed = desk::seal(desk, &hand.mailbox, hand.writer, &recipients)?;
    let write =
        network::signed_write(&hand.mailbox, hand.write_key, Channel::Pack, desk.sequence, hand.expires_at, sealed);
    network::post(client, &hand.mailbox, &write).await
}

/// Writes `desk` (whose sequence the caller has raised); when another moderator wrote first, merges into the
/// newer desk and writes that, once. Gives the desk as written.
pub(crate) async fn write(client: &mut Client<'_>, hand: &DeskHand<'_>, desk: Desk) -> Outcome<Desk> {
    match post(client, hand, &desk).await {
        Ok(()) => Ok(desk),
        Err(GroupsFailure::Newer { .. }) => {
            let mut newer = read(client, hand).await?;
            newer.merge(&desk)?;
            newer.sequence += 1;
            post(client, hand, &newer).await?;
            Ok(newer)
        }
        Err(other) => Err(other),
    }
}

/// Just before a charter change: the desk read and written again by this moderator with the next sequence,
/// sealed as `hand` says (the next charter's moderators too), its draft cleared (every draft changes the charter
/// before the one going in force).
pub(crate) async fn reseal(client: &mut Client<'_>, hand: &DeskHand<'_>) -> Outcome<Desk> {
    let mut desk = read(client, hand).await?;
    desk.sequence += 1;
    desk.draft = None;
    write(client, hand, desk).await
}

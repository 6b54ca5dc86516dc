//! Linking a new device by a code (docs/protocol.md, "Linking"): the new device shows a code and waits
//! ([`new_device`]); a device already in sync approves it once the person has checked that both screens show the
//! same six digits ([`approve`]), enrols it with the account's data keys wrapped to its own X25519 key, and hands
//! it what the server cannot (the account's naming key, and a commitment to the current data key, which the new
//! device checks the keys the server hands it against: [`vouched`]). The [`code`], the sealed messages and the keys
//! ([`exchange`]) and the link mailbox they pass through ([`mailbox`]) are each in their own file.

pub mod approve;
pub mod code;
pub mod exchange;
mod mailbox;
pub mod new_device;
mod vouched;

pub use approve::Approval;
pub use code::LinkCode;
pub use new_device::{LinkStep, Linking};

/// How long a linking code lasts: the server keeps the link mailbox ten minutes after its first message.
pub const LINK_SECS: i64 = mend_protocol::mailboxes::LINK_MAILBOX_TTL_SECS;

//! One valid example of every message, grouped by the decoder family that reads it. Used by the round-trip tests
//! and to seed the fuzz corpus (fuzz/corpus/<family>/); not used by the server.

use crate::accounts::{CreateAccount, Done, Enrolled, NewPhrase, RecoverDevice, RecoveryChallengeRequest};
use crate::auth::{Challenge, ChallengeRequest, Token, TokenRequest};
use crate::codec::{Message, encode};
use crate::devices::{DeviceInfo, DeviceList, EnrolDevice, NewDevice, RenameDevice, RevokeDevice};
use crate::error::{ErrorBody, ErrorCode};
use crate::groups::{
    Channel, CreateGroupMailbox, GroupCursor, GroupState, GroupStates, InboxAck, ReadGroups, SignedWrite,
    WriteKeyChange,
};
use crate::keys::{AddWraps, DeviceWrap, EpochSwitch, EpochSwitched, EpochWrap, KeyWraps};
use crate::mailboxes::{Ack, MailboxMessage, Messages, Post, Posted};
use crate::records::{BatchOutcome, Conflict, Page, Precondition, Record, RecordWrite, UploadBatch};

fn device() -> NewDevice {
    NewDevice { signing_key: vec![1; 32], exchange_key: vec![2; 32], name: vec![3; 40] }
}

fn write() -> SignedWrite {
    SignedWrite {
        channel: Channel::Pack,
        sequence: 3,
        expires_at: 1_800_000_000,
        body: vec![9; 100],
        signature: vec![8; 64],
    }
}

fn one<T: Message>(out: &mut Vec<(&'static str, Vec<u8>)>, family: &'static str, message: &T) {
    out.push((family, encode(message)));
}

/// Every sample message's encoding, with its family.
pub fn encodings() -> Vec<(&'static str, Vec<u8>)> {
    let mut out = Vec::new();
    let wrap = EpochWrap { epoch: 0, wrap: vec![5; 72] };
    one(
        &mut out,
        "accounts",
        &CreateAccount {
            lookup_id: vec![4; 32],
            recovery_key: vec![6; 32],
            kek_wrap: vec![5; 72],
            device: device(),
            device_wrap: vec![5; 80],
            registration_token: Some("invite-1".into()),
        },
    );
    one(&mut out, "accounts", &Enrolled { account_id: vec![1; 16], device_id: vec![2; 16], epoch: 0 });
    one(&mut out, "accounts", &RecoveryChallengeRequest { lookup_id: vec![4; 32] });
    one(
        &mut out,
        "accounts",
        &RecoverDevice { lookup_id: vec![4; 32], nonce: vec![7; 32], device: device(), signature: vec![8; 64] },
    );
    one(
        &mut out,
        "accounts",
        &NewPhrase {
            lookup_id: vec![4; 32],
            recovery_key: vec![6; 32],
            kek_wraps: vec![wrap.clone()],
            signature: vec![8; 64],
        },
    );
    one(&mut out, "accounts", &Done);
    one(&mut out, "auth", &ChallengeRequest { device_id: vec![2; 16] });
    one(&mut out, "auth", &Challenge { nonce: vec![7; 32], expires_at: 1_800_000_000 });
    one(&mut out, "auth", &TokenRequest { device_id: vec![2; 16], nonce: vec![7; 32], signature: vec![8; 64] });
    one(&mut out, "auth", &Token { token: vec![1; 60], account_id: vec![1; 16], expires_at: 1_800_000_000 });
    one(&mut out, "devices", &EnrolDevice { device: device(), wraps: vec![wrap.clone()] });
    one(
        &mut out,
        "devices",
        &DeviceList {
            devices: vec![DeviceInfo {
                device_id: vec![2; 16],
                signing_key: vec![1; 32],
                exchange_key: vec![2; 32],
                name: vec![3; 40],
                added_at: 1_700_000_000,
                last_seen_at: Some(1_700_000_100),
                revoked_at: None,
            }],
        },
    );
    one(&mut out, "devices", &RevokeDevice { wipe_order: Some(vec![6; 60]) });
    one(&mut out, "devices", &RenameDevice { name: vec![3; 40] });
    one(&mut out, "keys", &KeyWraps { epoch: 1, kek: vec![wrap.clone()], device: vec![wrap] });
    one(
        &mut out,
        "keys",
        &AddWraps {
            device_wraps: vec![DeviceWrap { device_id: vec![2; 16], wrap: vec![5; 80] }],
            kek_wrap: None,
            staged_from: None,
        },
    );
    one(
        &mut out,
        "keys",
        &AddWraps {
            device_wraps: vec![DeviceWrap { device_id: vec![2; 16], wrap: vec![5; 80] }],
            kek_wrap: Some(vec![7; 280]),
            staged_from: Some(vec![9; 32]),
        },
    );
    one(
        &mut out,
        "keys",
        &EpochSwitch {
            from_epoch: 0,
            record_count: 2,
            digest: vec![9; 32],
            kek_wrap: vec![5; 72],
            device_wraps: vec![DeviceWrap { device_id: vec![2; 16], wrap: vec![5; 80] }],
        },
    );
    one(&mut out, "keys", &EpochSwitched { epoch: 1 });
    one(
        &mut out,
        "records",
        &UploadBatch {
            records: vec![
                RecordWrite {
                    collection: vec![1; 16],
                    id: vec![2; 16],
                    epoch: 0,
                    deleted: false,
                    precondition: Precondition::Absent,
                    body: vec![3; 512],
                },
                RecordWrite {
                    collection: vec![1; 16],
                    id: vec![3; 16],
                    epoch: 0,
                    deleted: true,
                    precondition: Precondition::Version(4),
                    body: vec![],
                },
                RecordWrite {
                    collection: vec![2; 16],
                    id: vec![2; 16],
                    epoch: 0,
                    deleted: false,
                    precondition: Precondition::Any,
                    body: vec![3; 10],
                },
            ],
        },
    );
    one(&mut out, "records", &BatchOutcome::Committed { versions: vec![5, 6], server_version: 6 });
    one(
        &mut out,
        "records",
        &BatchOutcome::Refused { conflicts: vec![Conflict { index: 1, current_version: Some(9) }] },
    );
    one(
        &mut out,
        "records",
        &Page {
            records: vec![
                Record {
                    collection: vec![1; 16],
                    id: vec![2; 16],
                    epoch: 0,
                    deleted: false,
                    version: 5,
                    body: vec![3; 512],
                },
                Record { collection: vec![1; 16], id: vec![3; 16], epoch: 0, deleted: true, version: 6, body: vec![] },
            ],
            next_cursor: 6,
            more: false,
            server_version: 6,
        },
    );
    one(&mut out, "mailboxes", &Post { body: vec![4; 64] });
    one(&mut out, "mailboxes", &Posted { sequence: 1 });
    one(
        &mut out,
        "mailboxes",
        &Messages { messages: vec![MailboxMessage { sequence: 1, posted_at: 1_700_000_000, body: vec![4; 64] }] },
    );
    one(&mut out, "mailboxes", &Ack { up_to: 1 });
    one(&mut out, "groups", &CreateGroupMailbox { mailbox_id: vec![5; 32], write_key: vec![6; 32] });
    one(&mut out, "groups", &write());
    one(&mut out, "groups", &WriteKeyChange { new_key: vec![7; 32], generation: 2, signature: vec![8; 64] });
    one(
        &mut out,
        "groups",
        &ReadGroups { mailboxes: vec![GroupCursor { mailbox_id: vec![5; 32], pack_after: 0, charter_after: 1 }] },
    );
    one(
        &mut out,
        "groups",
        &GroupStates {
            states: vec![GroupState {
                mailbox_id: vec![5; 32],
                found: true,
                write_key: vec![6; 32],
                key_generation: 1,
                pack: Some(write()),
                charters: vec![SignedWrite { channel: Channel::Charter, sequence: 1, ..write() }],
            }],
        },
    );
    one(&mut out, "groups", &InboxAck { up_to: 4, signature: vec![8; 64] });
    one(
        &mut out,
        "errors",
        &ErrorBody {
            code: ErrorCode::CursorBeyondHorizon { horizon_version: 40 },
            field: None,
            message: "reconcile".into(),
        },
    );
    one(
        &mut out,
        "errors",
        &ErrorBody {
            code: ErrorCode::DeviceRevoked { wipe_order: Some(vec![8; 80]) },
            field: None,
            message: "this device was revoked".into(),
        },
    );
    one(
        &mut out,
        "errors",
        &ErrorBody { code: ErrorCode::BadRequest, field: Some("records.body".into()), message: "too long".into() },
    );
    out
}

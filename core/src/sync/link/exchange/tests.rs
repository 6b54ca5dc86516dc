//! The exchange's crypto on its own: an honest run agrees, and every kind of tampering is refused or shows.

use super::*;

/// An honest run's pieces: the code, the hello's body and what it says, and both ephemeral keys.
struct Run {
    code: LinkCode,
    hello_body: Vec<u8>,
    hello: Hello,
    new: Ephemeral,
    approver: Ephemeral,
}

fn run() -> Run {
    let code = LinkCode::generate();
    let new = Ephemeral::generate();
    let hello = Hello {
        commitment: commitment(&new.public()),
        signing_key: [3; 32],
        exchange_key: [4; 32],
        name: "kitchen laptop".into(),
    };
    let hello_body = seal_hello(&code, &hello);
    Run { code, hello_body, hello, new, approver: Ephemeral::generate() }
}

/// The same with fixed keys and code, for assertions a random draw could break one time in a million.
fn fixed_run() -> Run {
    let code = LinkCode::fixed(11);
    let new = Ephemeral::fixed(12);
    let hello = Hello {
        commitment: commitment(&new.public()),
        signing_key: [3; 32],
        exchange_key: [4; 32],
        name: "kitchen laptop".into(),
    };
    // A sealed hello has a random nonce: the session only hashes the hello's bytes, so fixed bytes stand in.
    Run { code, hello_body: vec![5; 150], hello, new, approver: Ephemeral::fixed(13) }
}

fn flip(body: &[u8], at: usize) -> Vec<u8> {
    let mut body = body.to_vec();
    body[at] ^= 1;
    body
}

fn handover() -> Handover {
    Handover {
        account_id: vec![1; 16],
        device_id: vec![2; 16],
        epoch: 3,
        names: NamingKey::from_bytes([9; 32]),
        key: [8; 32],
    }
}

#[test]
fn an_honest_exchange_agrees_on_the_digits_and_the_handover_opens() {
    let r = run();
    let hello = open_hello(&r.code, &r.hello_body).unwrap();
    assert_eq!(hello, r.hello);
    let reply = seal_reply(&r.code, &r.hello_body, &r.approver.public());
    let approver_public = open_reply(&r.code, &r.hello_body, &reply).unwrap();
    let reveal = seal_reveal(&r.code, &r.hello_body, &r.new.public());
    let new_public = open_reveal(&r.code, &r.hello_body, &hello, &reveal).unwrap();
    let on_new = session(&r.code, &r.hello_body, &r.new, &approver_public, &r.new.public(), &approver_public).unwrap();
    let on_approver =
        session(&r.code, &r.hello_body, &r.approver, &new_public, &new_public, &r.approver.public()).unwrap();
    assert_eq!(on_new.digits, on_approver.digits);
    assert_eq!(on_new.digits.len(), 6);
    assert!(on_new.digits.chars().all(|c| c.is_ascii_digit()));
    let sealed = seal_handover(&on_approver, &r.hello_body, &handover());
    let opened = open_handover(&on_new, &r.hello_body, &sealed).unwrap();
    assert_eq!((opened.account_id, opened.device_id, opened.epoch), (vec![1; 16], vec![2; 16], 3));
    assert_eq!(opened.names.bytes(), &[9; 32]);
    assert_eq!(opened.key, [8; 32]);
}

#[test]
fn a_changed_hello_or_one_sealed_under_another_code_is_refused() {
    let r = run();
    for at in [0, 30, r.hello_body.len() / 2, r.hello_body.len() - 1] {
        assert!(matches!(open_hello(&r.code, &flip(&r.hello_body, at)), Err(SyncError::LinkTampered)), "byte {at}");
    }
    // A server that swaps in a hello of its own (its own keys) cannot seal it under the code's key.
    let forged = seal_hello(&LinkCode::generate(), &Hello { exchange_key: [7; 32], ..r.hello.clone() });
    assert!(matches!(open_hello(&r.code, &forged), Err(SyncError::LinkTampered)));
    assert!(matches!(open_hello(&r.code, &r.hello_body[..40]), Err(SyncError::LinkTampered)));
}

#[test]
fn a_swapped_reply_or_reveal_is_refused_and_messages_do_not_stand_for_each_other() {
    let r = run();
    let other = LinkCode::generate();
    let forged_reply = seal_reply(&other, &r.hello_body, &Ephemeral::generate().public());
    assert!(matches!(open_reply(&r.code, &r.hello_body, &forged_reply), Err(SyncError::LinkTampered)));
    // A reply made for another hello does not open for this one.
    let elsewhere = seal_reply(&r.code, &flip(&r.hello_body, 5), &r.approver.public());
    assert!(matches!(open_reply(&r.code, &r.hello_body, &elsewhere), Err(SyncError::LinkTampered)));
    // The new device's own reveal cannot be passed back to it as a reply, nor a reply taken for a reveal.
    let reveal = seal_reveal(&r.code, &r.hello_body, &r.new.public());
    assert!(matches!(open_reply(&r.code, &r.hello_body, &reveal), Err(SyncError::LinkTampered)));
    let reply = seal_reply(&r.code, &r.hello_body, &r.new.public());
    assert!(matches!(open_reveal(&r.code, &r.hello_body, &r.hello, &reply), Err(SyncError::LinkTampered)));
    // Even under the right key, a reveal of a key the hello did not commit to is refused.
    let swapped = seal_reveal(&r.code, &r.hello_body, &Ephemeral::generate().public());
    assert!(matches!(open_reveal(&r.code, &r.hello_body, &r.hello, &swapped), Err(SyncError::LinkTampered)));
    // A refusal is only a refusal.
    assert!(is_refusal(&r.code, &r.hello_body, &seal_refusal(&r.code, &r.hello_body)));
    assert!(!is_refusal(&r.code, &r.hello_body, &reply));
    assert!(!is_refusal(&other, &r.hello_body, &seal_refusal(&r.code, &r.hello_body)));
}

#[test]
fn someone_in_the_middle_who_knows_the_code_ends_with_different_digits_on_each_screen() {
    let r = fixed_run();
    let (middle_to_new, middle_to_approver) = (Ephemeral::fixed(21), Ephemeral::fixed(22));
    // The middle answers the new device with its own key, and reveals its own (committed) key to the approver.
    let on_new =
        session(&r.code, &r.hello_body, &r.new, &middle_to_new.public(), &r.new.public(), &middle_to_new.public())
            .unwrap();
    let on_approver = session(
        &r.code,
        &r.hello_body,
        &r.approver,
        &middle_to_approver.public(),
        &middle_to_approver.public(),
        &r.approver.public(),
    )
    .unwrap();
    // With random keys six digits would collide one time in a million: these keys are fixed, and the final
    // key differs too.
    let sealed = seal_handover(&on_approver, &r.hello_body, &handover());
    assert!(matches!(open_handover(&on_new, &r.hello_body, &sealed), Err(SyncError::LinkTampered)));
    assert_ne!(on_new.digits, on_approver.digits);
}

#[test]
fn the_digits_depend_on_every_part_of_the_transcript() {
    let r = fixed_run();
    let a = r.approver.public();
    let n = r.new.public();
    let base = session(&r.code, &r.hello_body, &r.new, &a, &n, &a).unwrap().digits;
    assert_eq!(session(&r.code, &r.hello_body, &r.approver, &n, &n, &a).unwrap().digits, base);
    let other_hello = session(&r.code, &flip(&r.hello_body, 3), &r.new, &a, &n, &a).unwrap().digits;
    let other_code = session(&LinkCode::fixed(14), &r.hello_body, &r.new, &a, &n, &a).unwrap().digits;
    let swapped_order = session(&r.code, &r.hello_body, &r.new, &a, &a, &n).unwrap().digits;
    assert_ne!(other_hello, base);
    assert_ne!(other_code, base);
    assert_ne!(swapped_order, base);
}

#[test]
fn the_handover_is_refused_under_another_secret_or_changed() {
    let r = run();
    let a = r.approver.public();
    let n = r.new.public();
    let approver = session(&r.code, &r.hello_body, &r.approver, &n, &n, &a).unwrap();
    let sealed = seal_handover(&approver, &r.hello_body, &handover());
    let other_code = session(&LinkCode::generate(), &r.hello_body, &r.new, &a, &n, &a).unwrap();
    assert!(matches!(open_handover(&other_code, &r.hello_body, &sealed), Err(SyncError::LinkTampered)));
    let new = session(&r.code, &r.hello_body, &r.new, &a, &n, &a).unwrap();
    assert!(matches!(open_handover(&new, &r.hello_body, &flip(&sealed, 40)), Err(SyncError::LinkTampered)));
    assert!(matches!(open_handover(&new, &flip(&r.hello_body, 1), &sealed), Err(SyncError::LinkTampered)));
    assert!(open_handover(&new, &r.hello_body, &sealed).is_ok());
}

#[test]
fn a_low_order_key_is_refused() {
    let r = run();
    let zero = [0u8; 32];
    assert!(matches!(
        session(&r.code, &r.hello_body, &r.new, &zero, &r.new.public(), &zero),
        Err(SyncError::LinkTampered)
    ));
}

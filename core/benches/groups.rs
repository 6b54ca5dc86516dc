//! A member's device receiving a group: verifying a 3-version charter chain from the pinned root, then opening,
//! verifying and parsing one pack of 200 items (50 articles of 4 KB, 50 meetings, 50 services, 50 hotlines) in three
//! sections (an editor's articles, a midwife's meetings and services, an owner's hotlines, each signed by its
//! publisher; the pack posted by the owner), all from the bytes the mailbox held. The goal (issue "Support
//! groups"): under 5 ms.
//!
//! Run: cargo bench -p mend-core --bench groups -- --warm-up-time 1 --measurement-time 3

use std::hint::black_box;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use mend_core::crypto::SigningKey;
use mend_core::fixtures::groups as fixtures;
use mend_core::groups::charter::SignedCharter;
use mend_core::groups::items::{Hotline, Item, ItemBody, ItemKind, Meeting, Service, ServiceKind};
use mend_core::groups::keys::GroupSecrets;
use mend_core::groups::pack::Pack;
use mend_core::groups::sections::Section;
use mend_core::groups::trust::GroupTrust;

fn item(i: usize, body: ItemBody) -> Item {
    fixtures::item(&format!("item-{i}"), body)
}

fn items() -> Vec<Item> {
    let paragraph = "Grief after a miscarriage can come in waves. Some days are easier than others, and that is normal. \
                     Talking with people who understand can help; so can rest, and being gentle with yourself. ";
    let article = paragraph.repeat(4096 / paragraph.len() + 1)[..4096].to_owned();
    let start = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap().and_hms_opt(19, 0, 0).unwrap();
    (0..200)
        .map(|i| match i % 4 {
            0 => item(i, ItemBody::Article { title: format!("Article {i}"), markdown: article.clone() }),
            1 => item(
                i,
                ItemBody::Meeting(Meeting {
                    title: format!("Meeting {i}"),
                    start,
                    time_zone: "Europe/London".into(),
                    duration_minutes: 90,
                    rrule: Some("FREQ=WEEKLY;BYDAY=TU".into()),
                    cancelled: false,
                    place: None,
                    link: Some("https://meet.example.org/circle".into()),
                    details: Some("Cameras optional.".into()),
                }),
            ),
            2 => item(
                i,
                ItemBody::Service(Service {
                    name: format!("Service {i}"),
                    kind: ServiceKind::Counsellor,
                    contact: vec!["tel:+447700900456".into(), "https://counselling.example.org".into()],
                    area_served: "London and online".into(),
                    languages: vec!["en".into()],
                    hours: Some("Weekdays 9:00-17:00".into()),
                    details: None,
                }),
            ),
            _ => item(
                i,
                ItemBody::Hotline(Hotline {
                    name: format!("Line {i}"),
                    words: "0800 014 7800".into(),
                    uri: "tel:+448000147800".into(),
                    hours: None,
                    not_emergency: true,
                }),
            ),
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let now = Utc.with_ymd_and_hms(2027, 1, 10, 12, 0, 0).unwrap();
    let secrets = GroupSecrets::generate();
    let owners = [SigningKey::generate(), SigningKey::generate(), SigningKey::generate()];
    let (editor, midwife) = (SigningKey::generate(), SigningKey::generate());
    let publishers: [(&str, &SigningKey, &[ItemKind]); 2] =
        [("editor", &editor, &[ItemKind::Article]), ("midwife", &midwife, &[ItemKind::Meeting, ItemKind::Service])];
    let mut charter = fixtures::charter(&secrets, &owners.iter().collect::<Vec<_>>(), 2, &publishers, now);
    let mut chain: Vec<Vec<u8>> = Vec::new();
    let mut previous = None;
    for version in 1..=3 {
        charter.version = version;
        charter.previous = previous;
        charter.description = format!("A peer group (charter {version}).");
        let mut signed = SignedCharter::new(&charter).unwrap();
        signed.sign(&owners[0]);
        signed.sign(&owners[1]);
        previous = Some(signed.hash());
        chain.push(signed.encode());
    }
    let pinned = SignedCharter::decode(&chain[0]).unwrap().hash();
    let all = items();
    let of = |kinds: &[ItemKind]| -> Vec<Item> { all.iter().filter(|i| kinds.contains(&i.kind())).cloned().collect() };
    let section = |by: &SigningKey, items: Vec<Item>| {
        let section = Section {
            group_id: secrets.group_id,
            publisher: by.public(),
            sequence: 1,
            charter_version: 3,
            issued_at: now - Duration::hours(1),
            expires_at: now + Duration::days(30),
            items,
        };
        section.sign(by).unwrap()
    };
    let pack = Pack {
        group_id: secrets.group_id,
        sequence: 1,
        charter_version: 3,
        publisher: owners[0].public(),
        issued_at: now - Duration::hours(1),
        expires_at: now + Duration::days(30),
        sections: vec![
            section(&editor, of(&[ItemKind::Article])),
            section(&midwife, of(&[ItemKind::Meeting, ItemKind::Service])),
            section(&owners[0], of(&[ItemKind::Hotline])),
        ],
    };
    let sealed = pack.seal(&owners[0], &secrets.read_key).unwrap();
    eprintln!("pack: {} items in {} sections, {} bytes sealed", all.len(), pack.sections.len(), sealed.len());

    c.bench_function("groups: verify 3 charters + open, verify, parse a 200-item pack", |b| {
        b.iter(|| {
            let charters: Vec<SignedCharter> = chain.iter().map(|c| SignedCharter::decode(c).unwrap()).collect();
            let mut trust = GroupTrust::from_root(&pinned, &charters[0]).unwrap();
            trust.apply_charters(&charters[1..]).unwrap();
            let pack = trust.accept_pack(&secrets.read_key, black_box(&sealed), now).unwrap();
            black_box(pack.items().len())
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

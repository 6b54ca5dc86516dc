//! `mend group preview DIR`, as a moderator uses it before publishing: the example pack previews cleanly; a pack
//! with an unsupported claim, progress wording and a stale hotline is shown with what Mend noticed and why,
//! content notes before the text; a broken file is refused naming the file and the field.

mod common;

use std::path::Path;

use common::Person;

const NOW: &str = "2027-07-20T12:00:00Z";

fn example() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/examples/group-pack").display().to_string()
}

#[test]
fn the_example_pack_previews_with_every_item() {
    let person = Person::new();
    let preview = person.json("2027-01-10T12:00:00Z", &["group", "preview", &example()]);
    assert_eq!(preview["items"].as_array().unwrap().len(), 4);
    assert_eq!(preview["findings"].as_array().unwrap().len(), 0);
    assert_eq!(preview["items"][1]["body"]["meeting"]["time_zone"], "Europe/London");
    let text = person.run("2027-01-10T12:00:00Z", &["group", "preview", &example()]).ok().stdout;
    assert!(text.starts_with("Mend's checks found nothing"), "{text}");
    assert!(text.contains("This is not an emergency line."));
}

#[test]
fn what_the_checks_notice_comes_first_with_the_reason() {
    let person = Person::new();
    let dir = person.dir().join("pack");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("massage.md"),
        "---\nkind: article\nid: massage\nlanguage: en\nlast_verified: 2027-07-01\ncontent_notes: [medical_detail]\n\
         title: Massage after loss\n---\nAbdominal massage helps expel leftover tissue. When I was 20 weeks pregnant \
         again I was scared.\n",
    )
    .unwrap();
    std::fs::copy(Path::new(&example()).join("04-line.md"), dir.join("line.md")).unwrap();
    let text = person.run(NOW, &["group", "preview", dir.to_str().unwrap()]).ok().stdout;
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("Before you publish, Mend noticed 3 things to look at"), "{text}");
    assert!(
        text.contains("massage: \"expel\" reads as a claim that massage does not clear what remains of a pregnancy")
    );
    assert!(text.contains("massage: \"weeks pregnant\" talks about pregnancy progress"));
    assert!(text.contains("listening-line: last verified 2027-01-02, more than six months ago"));
    let note = lines.iter().position(|l| l.starts_with("Content note: medical detail")).unwrap();
    let title = lines.iter().position(|l| l.starts_with("article: Massage after loss")).unwrap();
    assert!(note < title, "content notes come before the text");
    let json = person.json(NOW, &["group", "preview", dir.to_str().unwrap()]);
    let findings = json["findings"].as_array().unwrap();
    let claim = findings.iter().find(|f| f["kind"] == "claim").unwrap();
    assert_eq!((claim["item"].as_str(), claim["claim"].as_str()), (Some("massage"), Some("expels_tissue")));
}

#[test]
fn a_broken_item_file_is_refused_naming_file_and_field() {
    let person = Person::new();
    let dir = person.dir().join("pack");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("line.md"), "---\nkind: hotline\nid: l\nlanguage: en\nlast_verified: 2027-01-01\nname: L\nwords: 1\nuri: https://x.org\n---\n")
        .unwrap();
    let run = person.run(NOW, &["group", "preview", dir.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("line.md: uri: must be tel: or sms:"), "{}", run.stderr);
}

//! The journal safe on the device, driven as a person (or a fault-finder) would: private files whatever the
//! umask, `mend.db` alone holding the journal after any command, no deleted words left on disk, concurrent
//! first runs and set-ups, exports that fail loudly and never destroy a good backup (on a real full disk: a
//! small tmpfs in a private mount namespace), terminal escapes shown rather than obeyed, imports that refuse
//! pipes and devices.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{Person, Run, mend_binary};

const NOW: &str = "2026-05-20T12:00:00Z";

fn init(person: &Person) {
    person
        .run(NOW, &["init", "--loss-date", "2026-05-01", "--weeks", "9", "--region", "IE", "--tz", "Europe/Dublin"])
        .ok();
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn copies_in(dir: &Path, marker: &str) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            bytes.windows(marker.len()).filter(|w| *w == marker.as_bytes()).count()
        })
        .sum()
}

/// Runs `mend` through `sh` with a umask of 022, as a login shell would have.
fn run_with_umask(person: &Person, args: &[&str]) -> Run {
    let mut line =
        format!("umask 022; exec '{}' --data-dir '{}' --now {NOW}", mend_binary().display(), person.dir().display());
    for arg in args {
        line.push_str(&format!(" '{arg}'"));
    }
    Command::new("sh").arg("-c").arg(line).env_remove("MEND_DATA_DIR").output().unwrap().into()
}

#[test]
fn under_umask_022_a_new_journal_is_private() {
    let person = Person::new();
    let dir = person.dir().join("fresh");
    let existing = Person::new();
    let line = format!(
        "umask 022; exec '{}' --data-dir '{}' --now {NOW} checkin --mood 5",
        mend_binary().display(),
        dir.display()
    );
    let run: Run = Command::new("sh").arg("-c").arg(line).output().unwrap().into();
    run.ok();
    assert_eq!(mode(&dir), 0o700);
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
    // An existing journal left readable by others is tightened on its next use.
    std::fs::set_permissions(existing.dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
    run_with_umask(&existing, &["checkin", "--mood", "5"]).ok();
    std::fs::set_permissions(existing.dir().join("mend.db"), std::fs::Permissions::from_mode(0o644)).unwrap();
    run_with_umask(&existing, &["today"]).ok();
    assert_eq!(mode(existing.dir()), 0o700);
    assert_eq!(mode(&existing.dir().join("mend.db")), 0o600);
}

#[test]
fn after_any_command_the_database_file_alone_holds_the_whole_journal() {
    let person = Person::new();
    init(&person);
    for mood in 0..10 {
        person.run(NOW, &["checkin", "--mood", &mood.to_string(), "--note", "kept"]).ok();
    }
    let alone = Person::new();
    std::fs::copy(person.dir().join("mend.db"), alone.dir().join("mend.db")).unwrap();
    let history = alone.json(NOW, &["export"]);
    assert_eq!(history["checkins"].as_array().unwrap().len(), 10);
    assert_eq!(history["losses"].as_array().unwrap().len(), 1);
}

#[test]
fn a_deleted_checkin_leaves_no_copy_of_its_note_on_disk() {
    let person = Person::new();
    init(&person);
    let made = person.json(NOW, &["checkin", "--mood", "3", "--note", "WORDS-TO-FORGET-3b1f"]);
    let id = made["guid"].as_str().unwrap().to_owned();
    assert!(copies_in(person.dir(), "WORDS-TO-FORGET-3b1f") > 0);
    person.run(NOW, &["delete", &id, "--yes"]).ok();
    assert_eq!(copies_in(person.dir(), "WORDS-TO-FORGET-3b1f"), 0);
}

#[test]
fn two_first_runs_on_a_new_journal_at_once_both_save() {
    for round in 0..15 {
        let person = Person::new();
        let dir = person.dir().join("new");
        let spawn = |mood: &str| {
            Command::new(mend_binary())
                .args(["--data-dir", dir.to_str().unwrap(), "--now", NOW, "checkin", "--mood", mood])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn("3"), spawn("4"));
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}: {}", String::from_utf8_lossy(&out.stderr));
        }
        let on_disk = Person::new();
        std::fs::copy(dir.join("mend.db"), on_disk.dir().join("mend.db")).unwrap();
        assert_eq!(on_disk.json(NOW, &["export"])["checkins"].as_array().unwrap().len(), 2, "round {round}");
    }
}

#[test]
fn two_inits_at_once_make_one_loss_and_one_refusal() {
    for round in 0..5 {
        let person = Person::new();
        let spawn = || {
            person
                .command(NOW, &["init", "--loss-date", "2026-05-01", "--weeks", "9", "--region", "IE", "--tz", "UTC"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        let codes: Vec<i32> =
            [a, b].into_iter().map(|c| c.wait_with_output().unwrap().status.code().unwrap()).collect();
        assert_eq!(codes.iter().filter(|c| **c == 0).count(), 1, "round {round}: {codes:?}");
        assert_eq!(person.json(NOW, &["export"])["losses"].as_array().unwrap().len(), 1, "round {round}");
    }
}

#[test]
fn an_export_to_stdout_that_cannot_be_written_fails_loudly() {
    let person = Person::new();
    init(&person);
    let out = person.command(NOW, &["export"]).stdout(std::fs::File::create("/dev/full").unwrap()).output().unwrap();
    let run = Run::from(out);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("the disk is full"), "{}", run.stderr);
}

#[test]
fn export_to_a_file_never_replaces_one_without_force_and_is_private() {
    let person = Person::new();
    init(&person);
    let backup = person.dir().join("backup.json");
    std::fs::write(&backup, "a good backup").unwrap();
    std::fs::set_permissions(&backup, std::fs::Permissions::from_mode(0o644)).unwrap();
    let refused = person.run(NOW, &["export", "--out", backup.to_str().unwrap()]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("already exists; nothing was written") && refused.stderr.contains("--force"));
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), "a good backup");
    person.run(NOW, &["export", "--out", backup.to_str().unwrap(), "--force"]).ok();
    assert!(std::fs::read_to_string(&backup).unwrap().contains("\"format\""));
    assert_eq!(mode(&backup), 0o600);
    // A symlink planted at the target is replaced, never followed.
    let victim = person.dir().join("victim.txt");
    std::fs::write(&victim, "not yours").unwrap();
    let link = person.dir().join("link.json");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    assert_eq!(person.run(NOW, &["export", "--out", link.to_str().unwrap()]).code, 2);
    person.run(NOW, &["export", "--out", link.to_str().unwrap(), "--force"]).ok();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "not yours");
}

#[test]
fn terminal_escapes_from_outside_are_shown_not_obeyed_and_json_stays_exact() {
    let person = Person::new();
    init(&person);
    let clear = "Lily\x1b[2J\x1b[H";
    let flipped = "Iron\u{202e}gnp";
    person.run(NOW, &["event", "memorial", "--name", clear, "--date", "2026-05-01"]).ok();
    person.run(NOW, &["event", "medication", "--name", flipped, "--dose", "1\x1b]0;x\x07"]).ok();
    person
        .run(
            NOW,
            &[
                "reminders",
                "add",
                "--kind",
                "self-care",
                "--title",
                "Rest\x1b[31m",
                "--rrule",
                "FREQ=DAILY",
                "--time",
                "21:00",
            ],
        )
        .ok();
    let mut seen = String::new();
    for args in [&["history", "--from", "2026-05-01"][..], &["reminders", "list"], &["today"]] {
        let run = person.run(NOW, args).ok();
        assert!(!run.stdout.contains('\x1b') && !run.stdout.contains('\u{202e}') && !run.stdout.contains('\x07'));
        seen.push_str(&run.stdout);
    }
    assert!(seen.contains("Lily\\u{1b}[2J"), "{seen}");
    assert!(seen.contains("Iron\\u{202e}gnp"), "{seen}");
    assert!(seen.contains("Rest\\u{1b}[31m"), "{seen}");
    let exact = person.json(NOW, &["export"]).to_string();
    assert!(exact.contains("Lily\\u001b[2J") && exact.contains('\u{202e}'), "JSON keeps the exact text");
}

#[test]
fn import_refuses_pipes_devices_and_huge_files_saying_nothing_was_imported() {
    let person = Person::new();
    init(&person);
    let fifo = person.dir().join("pipe.json");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for path in [fifo.to_str().unwrap(), "/dev/zero"] {
        let run = person.run(NOW, &["import", path]);
        assert_eq!(run.code, 2, "{path}: {}", run.stderr);
        assert!(run.stderr.contains("Nothing was imported: that is not a regular file"), "{}", run.stderr);
    }
    let huge = person.dir().join("huge.json");
    std::fs::File::create(&huge).unwrap().set_len(65 * 1024 * 1024).unwrap();
    let run = person.run(NOW, &["import", huge.to_str().unwrap()]);
    assert!(run.stderr.contains("Nothing was imported: the file is larger than any Mend export"), "{}", run.stderr);
}

/// Runs `script` with `$MEND` (the binary) and `$DISK` (a fresh tmpfs of `size`, private to this test) set, in
/// a private mount namespace, so the disk can really be filled. Everything the script leaves under `$OUT`
/// survives it.
fn on_a_small_disk(size: &str, script: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let disk = tempfile::tempdir().unwrap();
    let whole = format!("set -eu\nmount -t tmpfs -o size={size},mode=0700 tmpfs \"$DISK\"\n{script}");
    let mut cmd = Command::new("unshare");
    // As root a plain mount namespace will do; elsewhere a user namespace maps us to root inside it.
    if unsafe_free_is_root() {
        cmd.arg("--mount");
    } else {
        cmd.args(["--mount", "--map-root-user"]);
    }
    let status = cmd
        .args(["sh", "-c", &whole])
        .env("MEND", mend_binary())
        .env("DISK", disk.path())
        .env("OUT", out.path())
        .env("NOW", NOW)
        .env_remove("MEND_DATA_DIR")
        .status()
        .expect("unshare (util-linux) runs");
    assert!(status.success(), "the full-disk script failed");
    out
}

/// Whether this process runs as root (read from /proc, no unsafe code).
fn unsafe_free_is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .map(|s| s.lines().any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0")))
        .unwrap_or(false)
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_default()
}

#[test]
fn on_a_full_disk_export_fails_loudly_and_the_old_backup_stays_byte_for_byte() {
    let out = on_a_small_disk(
        "2m",
        r#"
m() { "$MEND" --data-dir "$DISK/data" --now "$NOW" "$@"; }
long=$(head -c 6000 /dev/zero | tr '\0' 'w')
m init --loss-date 2026-05-01 --weeks 9 --region IE --tz Europe/Dublin >/dev/null
for i in 1 2 3 4; do m checkin --mood 4 --note "entry $i" >/dev/null; done
m export --out "$DISK/backup.json" >/dev/null
cp "$DISK/backup.json" "$OUT/before.json"
for i in $(seq 1 20); do m checkin --mood 5 --note "$long $i" >/dev/null; done
# Nearly full: 64 KB free, less than the new export needs.
dd if=/dev/zero of="$DISK/filler" bs=1k 2>/dev/null || true
truncate -s -64K "$DISK/filler"
set +e
m export --out "$DISK/backup.json" --force >"$OUT/file.stdout" 2>"$OUT/file.stderr"; echo $? >"$OUT/file.rc"
m export >"$DISK/stdout.json" 2>"$OUT/stdout.stderr"; echo $? >"$OUT/stdout.rc"
rm -f "$DISK/stdout.json"
cp "$DISK/backup.json" "$OUT/after.json"
ls -a "$DISK" >"$OUT/listing"
# Completely full.
dd if=/dev/zero of="$DISK/filler2" bs=1k 2>/dev/null
m checkin --mood 2 --note "on a full disk" >"$OUT/checkin.stdout" 2>"$OUT/checkin.stderr"; echo $? >"$OUT/checkin.rc"
rm -f "$DISK/filler" "$DISK/filler2"
m --json export >"$OUT/journal.json"
"#,
    );
    let dir = out.path();
    assert_eq!(read(dir, "file.rc").trim(), "1", "{}", read(dir, "file.stderr"));
    assert!(read(dir, "file.stderr").contains("Nothing was written: the disk is full"), "{}", read(dir, "file.stderr"));
    assert_eq!(std::fs::read(dir.join("after.json")).unwrap(), std::fs::read(dir.join("before.json")).unwrap());
    assert!(!read(dir, "listing").contains(".partial"), "no temporary file is left: {}", read(dir, "listing"));
    assert_eq!(read(dir, "stdout.rc").trim(), "1", "{}", read(dir, "stdout.stderr"));
    assert!(read(dir, "stdout.stderr").contains("the disk is full"), "{}", read(dir, "stdout.stderr"));
    let checkin = read(dir, "checkin.stderr");
    assert_eq!(read(dir, "checkin.rc").trim(), "1", "{checkin}");
    assert!(checkin.contains("the disk is full"), "{checkin}");
    assert!(!checkin.contains("DiskFull") && !checkin.contains("on a full disk"), "{checkin}");
    let journal: serde_json::Value = serde_json::from_str(&read(dir, "journal.json")).unwrap();
    assert_eq!(journal["checkins"].as_array().unwrap().len(), 24, "nothing saved was lost, nothing half-saved");
}

#[test]
fn on_a_nearly_full_disk_erase_either_completes_or_changes_nothing_and_says_which() {
    for free_kb in [8, 160, 1024] {
        let out = on_a_small_disk(
            "3m",
            &format!(
                r#"
m() {{ "$MEND" --data-dir "$DISK/data" --now "$NOW" "$@"; }}
m init --loss-date 2026-05-01 --weeks 9 --region IE --tz Europe/Dublin >/dev/null
for i in $(seq 1 60); do m checkin --mood 4 --note "ERASE-ME-5d0c entry $i with some words to take up room" >/dev/null; done
dd if=/dev/zero of="$DISK/filler" bs=1k 2>/dev/null || true
truncate -s -{free_kb}K "$DISK/filler"
set +e
m erase --yes >"$OUT/erase.stdout" 2>"$OUT/erase.stderr"; echo $? >"$OUT/erase.rc"
cat "$DISK"/data/* | grep -a -o ERASE-ME-5d0c | wc -l >"$OUT/copies"
rm -f "$DISK/filler"
m --json export >"$OUT/after.json" 2>"$OUT/export.stderr"
"#
            ),
        );
        let dir = out.path();
        let copies: usize = read(dir, "copies").trim().parse().unwrap();
        let after: serde_json::Value = serde_json::from_str(&read(dir, "after.json")).unwrap_or_else(|e| {
            panic!("{free_kb} KB free: the journal reads after erase ({e}): {}", read(dir, "export.stderr"))
        });
        let checkins = after["checkins"].as_array().unwrap().len();
        eprintln!(
            "{free_kb} KB free: erase exited {}: {}",
            read(dir, "erase.rc").trim(),
            read(dir, "erase.stderr").trim()
        );
        if read(dir, "erase.rc").trim() == "0" {
            assert!(read(dir, "erase.stdout").contains("Everything has been erased"));
            assert_eq!((copies, checkins), (0, 0), "{free_kb} KB free: erase said it completed");
        } else {
            let said = read(dir, "erase.stderr");
            assert!(said.contains("Nothing was erased"), "{free_kb} KB free: {said}");
            assert_eq!(checkins, 60, "{free_kb} KB free: erase said nothing was erased");
        }
    }
}

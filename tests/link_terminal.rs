//! `mend sync link` on a terminal, end to end with the real `mend` and `mend-server` binaries: beside the code and
//! the `mend://link#…` address, the address is drawn as a QR code (black on white half blocks, every line the
//! same width, with the quiet zone), and with `NO_COLOR` the same code without colours. The terminal is a
//! pseudo-terminal from util-linux's `script`, as on the machines the tests run on. (Without a terminal no QR
//! code is printed: `link.rs` reads that output.)

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use mend_e2e::{ServerProcess, binary};

/// The QR code's own characters (and the quiet zone's spaces).
const BLOCKS: [char; 4] = [' ', '▀', '▄', '█'];

/// Kills `script` (and so the `mend` under it) when the test ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The lines `mend sync link` shows on a terminal, up to the one with the address.
fn shown_on_a_terminal(dir: &Path, base: &str, no_color: bool) -> Vec<String> {
    let command = format!(
        "'{}' --data-dir '{}' sync link --server '{base}' --name laptop",
        binary("MEND_BIN", "mend").display(),
        dir.display()
    );
    let mut script = Command::new("script");
    script.args(["-qefc", &command, "/dev/null"]).stdin(Stdio::null()).stdout(Stdio::piped());
    if no_color {
        script.env("NO_COLOR", "1");
    } else {
        script.env_remove("NO_COLOR");
    }
    let mut running = Killed(script.spawn().expect("util-linux's script runs"));
    let stdout = running.0.stdout.take().unwrap();
    let mut lines = Vec::new();
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        let line = line.trim_end_matches('\r').to_owned();
        let last = line.starts_with("(or open mend://link#");
        lines.push(line);
        if last {
            return lines;
        }
    }
    panic!("mend sync link ended before showing the address: {lines:#?}");
}

/// The QR code's lines (colours taken off), checked to be one square block with the quiet zone round it.
fn qr_code(lines: &[String], painted: bool) -> Vec<String> {
    let start = lines.iter().position(|l| l.starts_with("Or scan this")).expect("a line saying what to scan") + 2;
    let end = lines.len() - 3;
    assert_eq!(lines[start - 1], "", "a blank line before the code");
    assert_eq!(lines[end + 1], "", "a blank line between the code and the address");
    let (on, off) = ("\x1b[30;107m", "\x1b[0m");
    let code: Vec<String> = lines[start..=end]
        .iter()
        .map(|line| {
            assert_eq!(line.starts_with(on) && line.ends_with(off), painted, "{line:?}");
            line.replace(on, "").replace(off, "")
        })
        .collect();
    let width = code[0].chars().count();
    assert!(width >= 21 + 8, "a QR code with its quiet zone: {width}");
    assert_eq!(code.len(), width.div_ceil(2), "as many modules tall as wide");
    for line in &code {
        assert_eq!(line.chars().count(), width, "{line:?}");
        assert!(line.chars().all(|c| BLOCKS.contains(&c)), "{line:?}");
        assert!(line.starts_with("    ") && line.ends_with("    "), "quiet zone: {line:?}");
    }
    assert!(code[0].trim().is_empty() && code[code.len() - 1].trim().is_empty(), "quiet zone above and below");
    code
}

#[test]
fn on_a_terminal_the_link_address_is_also_a_qr_code_beside_the_code_and_the_address() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);

    let lines = shown_on_a_terminal(&dir.path().join("c"), &server.base, false);
    let code = lines.iter().find_map(|l| l.trim().strip_prefix("mend sync approve ")).expect("the code to type");
    assert!(lines.last().unwrap().contains(&format!("mend://link#{code}")), "{lines:#?}");
    let painted = qr_code(&lines, true);

    let plain = qr_code(&shown_on_a_terminal(&dir.path().join("d"), &server.base, true), false);
    assert_eq!(plain.len(), painted.len(), "the same size of code without colours");
}

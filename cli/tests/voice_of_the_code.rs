//! Every string a person can be shown is in the source of `core` and `cli`: this reads every string literal in
//! their shipped code (test modules and test files left out) and holds it to shared/design/VOICE.md's word lists
//! (`mend_core::voice`): nothing that wounds or blames, no pregnancy-progress language, no due dates.

use std::path::{Path, PathBuf};

/// Rust source files under `dir`, recursively.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "tests") {
                sources(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals of Rust source (plain, escaped and raw), skipping comments and char literals.
fn string_literals(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let (mut i, mut out) = (0, Vec::new());
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
            }
            '\'' if chars.get(i + 2) == Some(&'\'')
                || (chars.get(i + 1) == Some(&'\\') && chars.get(i + 3) == Some(&'\'')) =>
            {
                i += if chars[i + 1] == '\\' { 4 } else { 3 };
            }
            'r' if matches!(chars.get(i + 1), Some('"') | Some('#')) && (i == 0 || !chars[i - 1].is_alphanumeric()) => {
                let mut j = i + 1;
                let mut hashes = 0;
                while chars.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if chars.get(j) != Some(&'"') {
                    i += 1;
                    continue;
                }
                let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                let rest: String = chars[j + 1..].iter().collect();
                let end = rest.find(&close).unwrap_or(rest.len());
                out.push(rest[..end].to_owned());
                i = j + 1 + rest[..end].chars().count() + close.chars().count();
            }
            '"' => {
                let mut text = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    if let Some(c) = chars.get(i) {
                        text.push(*c);
                    }
                    i += 1;
                }
                out.push(text);
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// The shipped part of a file: everything before its test module.
fn shipped(code: &str) -> &str {
    code.find("#[cfg(test)]").map_or(code, |at| &code[..at])
}

#[test]
fn no_string_in_the_shipped_code_wounds_blames_or_counts_a_pregnancy_on() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    sources(&root.join("core/src"), &mut files);
    sources(&root.join("cli/src"), &mut files);
    let skipped = ["voice.rs", "content_tests.rs", "fixtures.rs", "tests.rs"];
    let mut problems = Vec::new();
    let mut literals = 0;
    for file in files.iter().filter(|f| !skipped.iter().any(|s| f.ends_with(s))) {
        let code = std::fs::read_to_string(file).unwrap();
        for literal in string_literals(shipped(&code)) {
            literals += 1;
            let found = mend_core::voice::app_text_problems(&literal);
            if !found.is_empty() {
                problems.push(format!("{}: {found:?} in {literal:?}", file.strip_prefix(&root).unwrap().display()));
            }
        }
    }
    assert!(literals > 1_000, "the scan read only {literals} strings: is it reading the sources?");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_literal_reader_finds_strings_and_skips_comments() {
    let code = r###"let a = "one \"quoted\" word"; // "a comment"
        let b = r#"raw "text""#; let c = '"'; /* "block" */ let d = "last";"###;
    assert_eq!(string_literals(code), vec!["one \"quoted\" word", "raw \"text\"", "last"]);
    assert_eq!(shipped("fn a() {}\n#[cfg(test)]\nmod tests { \"failed\" }"), "fn a() {}\n");
}

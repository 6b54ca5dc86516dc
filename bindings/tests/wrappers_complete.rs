//! The wrappers expose every capability the bindings have: each method of an `#[uniffi::export] impl Mend`
//! block in `bindings/src` (the benchmark-only `bench.rs` aside, which the apps never get) must be called, in
//! its camelCase form, from MendKit for Swift (`ios/MendKit/Sources/MendKit`) and from mendkit for Kotlin
//! (`android/mendkit/src/main/kotlin/app/mend/kit`). A wrapper may rename what it offers (`exportTo` for
//! `exportToPath`), but it has to reach the binding: a call on the generated object (`$0.`, `it.`, `mend.`,
//! `handle().`, or `Mend.` for the constructor), so a wrapper function merely named like the binding does not
//! count. The few members a wrapper keeps itself (the data directory it opened, Kotlin's closed flag) are
//! listed below and must be declared there instead.

use std::fs;
use std::path::{Path, PathBuf};

/// Members a wrapper answers itself rather than by calling the binding: (binding method, wrapper, the
/// declaration that must be present).
const HELD_BY_THE_WRAPPER: [(&str, Wrapper, &str); 3] = [
    ("data_dir", Wrapper::Swift, "public let dataDir: URL"),
    ("data_dir", Wrapper::Kotlin, "val dataDir: File"),
    // Kotlin's `close()` destroys the generated object, so the flag is kept beside it.
    ("is_closed", Wrapper::Kotlin, "val isClosed: Boolean"),
];

/// How the wrappers name the generated object when they call it.
const RECEIVERS: [&str; 5] = ["$0.", "it.", "mend.", "handle().", "Mend."];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wrapper {
    Swift,
    Kotlin,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the bindings live in the workspace").to_owned()
}

/// Every file under `dir` ending in `ext`, read whole and joined.
fn sources(dir: &Path, ext: &str) -> String {
    let mut names: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable directory").path())
        .filter(|path| path.extension().is_some_and(|e| e == ext))
        .collect();
    names.sort();
    names.iter().map(|path| fs::read_to_string(path).expect("a readable source")).collect::<Vec<_>>().join("\n")
}

/// The methods of every `#[uniffi::export]` `impl Mend` block in `source`.
fn exported_methods(source: &str) -> Vec<String> {
    let mut methods = Vec::new();
    let mut exported = false;
    let mut inside = false;
    for line in source.lines() {
        if line.starts_with("#[uniffi::export") {
            exported = true;
        } else if exported && line.starts_with("impl Mend {") {
            inside = true;
        } else if inside && line.starts_with('}') {
            inside = false;
            exported = false;
        } else if !inside && !line.starts_with("#[") && !line.trim().is_empty() {
            exported = false;
        } else if inside {
            let line = line.trim_start();
            let rest = line.strip_prefix("pub fn ").or_else(|| line.strip_prefix("pub async fn "));
            if let Some(name) = rest.and_then(|r| r.split('(').next()) {
                methods.push(name.to_owned());
            }
        }
    }
    methods
}

/// `add_checkin` → `addCheckin`.
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `source` calls `name` on the generated object: `it.name(` but not `MendKit.name(`.
fn calls(source: &str, name: &str) -> bool {
    RECEIVERS.iter().any(|receiver| {
        let call = format!("{receiver}{name}(");
        source
            .match_indices(&call)
            .any(|(at, _)| !source[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_'))
    })
}

/// The binding methods `wrapper_source` neither calls nor holds itself.
fn missing(methods: &[String], wrapper: Wrapper, wrapper_source: &str) -> Vec<String> {
    methods
        .iter()
        .filter(|method| {
            let held = HELD_BY_THE_WRAPPER
                .iter()
                .find(|(name, w, _)| name == method && *w == wrapper)
                .map(|(_, _, declaration)| wrapper_source.contains(declaration));
            match held {
                Some(declared) => !declared,
                None => !calls(wrapper_source, &camel(method)),
            }
        })
        .cloned()
        .collect()
}

/// Every exported method of the bindings that reach the apps.
fn binding_methods() -> Vec<String> {
    let dir = root().join("bindings/src");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("bindings/src")
        .map(|entry| entry.expect("a readable directory").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .filter(|path| path.file_name().is_some_and(|n| n != "bench.rs"))
        .collect();
    files.sort();
    files.iter().flat_map(|path| exported_methods(&fs::read_to_string(path).expect("a readable source"))).collect()
}

#[test]
fn the_bindings_methods_are_found() {
    let methods = binding_methods();
    for known in ["open", "add_checkin", "reminder", "export_to_path", "today_dashboard", "subscribe"] {
        assert!(methods.iter().any(|m| m == known), "{known} not found in {methods:?}");
    }
    assert!(methods.len() > 60, "only {} methods found", methods.len());
    assert!(!methods.iter().any(|m| m == "bench_add_checkins"), "the benchmark method never reaches the apps");
}

#[test]
fn mendkit_for_swift_exposes_every_binding_method() {
    let swift = sources(&root().join("ios/MendKit/Sources/MendKit"), "swift");
    assert_eq!(missing(&binding_methods(), Wrapper::Swift, &swift), Vec::<String>::new());
}

#[test]
fn mendkit_for_kotlin_exposes_every_binding_method() {
    let kotlin = sources(&root().join("android/mendkit/src/main/kotlin/app/mend/kit"), "kt");
    assert_eq!(missing(&binding_methods(), Wrapper::Kotlin, &kotlin), Vec::<String>::new());
}

#[test]
fn a_method_the_wrapper_never_calls_is_reported() {
    let source = "#[uniffi::export]\nimpl Mend {\n    /// A.\n    pub fn add_checkin(&self) {}\n\n    \
                  pub async fn export_to_path(&self) {}\n    pub fn data_dir(&self) {}\n}\n\nimpl Mend {\n    \
                  pub fn not_exported(&self) {}\n}\n";
    let methods = exported_methods(source);
    assert_eq!(methods, ["add_checkin", "export_to_path", "data_dir"]);
    let wrapper = "try $0.addCheckin(input: input)\npublic let dataDir: URL\n\
                   suspend fun MendKit.exportToPath(file: File) = exportTo(file)";
    assert_eq!(missing(&methods, Wrapper::Swift, wrapper), ["export_to_path"], "named alike is not calling it");
    assert_eq!(missing(&methods, Wrapper::Kotlin, wrapper), ["export_to_path", "data_dir"]);
}

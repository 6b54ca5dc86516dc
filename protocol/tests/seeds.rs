//! Writes the valid encoding of every sample message into the fuzz corpus (`fuzz/corpus/<family>/`, or
//! `$MEND_FUZZ_CORPUS/<family>/`), so every fuzz target starts from messages that decode, and checks each seed
//! decodes in its family when read back.

use std::path::PathBuf;

use mend_protocol::families::{FAMILIES, decode_family};
use mend_protocol::samples::encodings;

#[test]
fn seeds_the_fuzz_corpus_with_valid_encodings() {
    let root = std::env::var_os("MEND_FUZZ_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus"));
    let mut written = 0;
    for (index, (family, bytes)) in encodings().into_iter().enumerate() {
        let dir = root.join(family);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("seed-{index:02}"));
        std::fs::write(&path, &bytes).unwrap();
        assert!(decode_family(family, &std::fs::read(&path).unwrap()) >= 1, "{} does not decode", path.display());
        written += 1;
    }
    for family in FAMILIES {
        assert!(root.join(family).read_dir().unwrap().count() >= 1, "family {family} has no seed");
    }
    assert_eq!(written, encodings().len());
}

//! Writes valid sync envelopes into the fuzz corpus (`fuzz/corpus/sync_envelope/`, or
//! `$MEND_FUZZ_CORPUS/sync_envelope/`): padded records of several sizes, which the padding check accepts, and a
//! sealed body, so the fuzz target starts from inputs that reach past its first checks. Checks each seed as it
//! writes it.

use std::path::PathBuf;

use mend_core::sync::envelope::{self, Place};
use mend_core::sync::keys::DataKey;

#[test]
fn seeds_the_fuzz_corpus_with_valid_envelopes() {
    let root = std::env::var_os("MEND_FUZZ_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus"));
    let dir = root.join("sync_envelope");
    std::fs::create_dir_all(&dir).unwrap();
    for len in [0usize, 1, 252, 300, 1000] {
        let record: Vec<u8> = (0..len).map(|i| b"{\"mood\":4}"[i % 10]).collect();
        let size = envelope::bucket(len).unwrap();
        let mut padded = (len as u32).to_le_bytes().to_vec();
        padded.extend_from_slice(&record);
        padded.resize(size, 0);
        assert_eq!(envelope::unpad(&padded).unwrap(), record.as_slice());
        std::fs::write(dir.join(format!("padded-{len}")), &padded).unwrap();
    }
    let place = Place { account: b"account", collection: b"collection", record: b"record", epoch: 1, schema: 1 };
    let key = DataKey::generate();
    let sealed = envelope::seal(&key, &place, b"{\"mood\":4}").unwrap();
    assert_eq!(envelope::open(&key, &place, &sealed).unwrap(), b"{\"mood\":4}");
    std::fs::write(dir.join("sealed"), &sealed).unwrap();
}

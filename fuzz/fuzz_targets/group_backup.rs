//! Fuzzes the moderator's backup file reader (`backup::open`, the pure part of `Groups::restore`) with a fixed
//! valid phrase: any bytes never panic; whatever opens has a charter chain from version 1 whose newest version
//! names its owner key as an owner, all of one group. (The file is AEAD under the phrase's key, so mutations of
//! the seed `tests/group_seeds.rs` seals under `PHRASE` open only if the fuzzer finds a forgery.)
#![no_main]

use mend_core::groups::backup;

/// The 24 words of the all-zero secret (the BIP-39 test vector); `tests/group_seeds.rs` seals seeds under it.
const PHRASE: &str = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon \
                      abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon \
                      abandon art";

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(opened) = backup::open(data, PHRASE) {
        assert!(!opened.charters.is_empty());
        assert!(opened.newest.is_owner(&opened.owner.public()));
        assert_eq!(opened.newest.group_id, opened.group_id);
        assert_eq!(opened.secrets.group_id, opened.group_id);
        assert_eq!(opened.charters[0].charter().unwrap().version, 1);
    }
});
